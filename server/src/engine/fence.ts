/**
 * The front matter fences, read without a parser: whether a note opens front
 * matter and where its closing fence ends. remark (remark.ts) and the fast
 * parser (fast/) both decide from these.
 */
const FENCE_OPEN = /^\uFEFF?---[ \t]*(?:\r\n|\r|\n)/;
const FENCE_CLOSE = /(?:\r\n|\r|\n)---[ \t]*(?:\r\n|\r|\n|$)/g;

/**
 * Where the closing fence of the note's front matter ends, -1 when the note
 * opens front matter (`---` on the first line) that no `---` line closes, or
 * undefined when it opens none.
 */
export function frontMatterEnd(text: string): number | undefined {
  const open = FENCE_OPEN.exec(text);
  if (!open) return undefined;
  FENCE_CLOSE.lastIndex = open[0].length - 1;
  return FENCE_CLOSE.test(text) ? FENCE_CLOSE.lastIndex : -1;
}

/**
 * Whether the note opens front matter that no `---` line closes. remark-frontmatter
 * then tries the fence to the end of the note, fails, and has read those lines
 * without containers: every list and block quote after it comes out as a
 * paragraph (micromark/micromark-extension-frontmatter#5, open upstream).
 * Without a closing fence there is no front matter, so such a note is read
 * without the extension, as CommonMark does.
 */
export function unclosedFrontMatter(text: string): boolean {
  return frontMatterEnd(text) === -1;
}

