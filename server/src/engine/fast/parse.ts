/**
 * The fast parser: the same remark tree (mdast, positions included) as
 * markdown.ts's remark setup, built by a line scanner for the blocks notes are
 * made of and by remark for everything else. The order of work:
 *
 * 1. front matter (the YAML node is its raw text, as remark-frontmatter gives it);
 * 2. top-level blocks, one at a time: the block scanner (blocks.ts) builds
 *    headings, paragraphs and lists; any other block starts a region that
 *    remark reads (regions.ts) up to a line where both are back at root level;
 * 3. inline content: plain text built directly, the rest read by remark in
 *    batches (inline.ts, inline-jobs.ts); a job remark reads differently than
 *    the scanner expected sends its top-level block to remark, and the note is
 *    scanned again.
 *
 * Notes that define link references (`]:`) are not read here: a definition
 * turns `[G1]` anywhere into a link. The caller reads those with remark.
 * test/engine/fast-parse.test.ts compares this parser with plain remark-gfm.
 */
import type { Root, RootContent, Yaml } from 'mdast';
import { frontMatterEnd } from '../remark.ts';
import { BlockScanner } from './blocks.ts';
import { Inline, type InlineJob } from './inline.ts';
import { runInlineJobs } from './inline-jobs.ts';
import { Lines } from './lines.ts';
import { parseRegion } from './regions.ts';

/**
 * The tree of `text`, a whole note (`fragment` false: front matter read at its
 * start) or text from the middle of one; undefined when the fast parser does
 * not read it (link reference definitions, a fragment starting with a byte
 * order mark).
 */
export function fastTree(text: string, fragment: boolean): Root | undefined {
  if (text.includes(']:')) return undefined;
  const lines = new Lines(text);
  // micromark drops one leading byte order mark; a fragment's, or a second one, is left to remark.
  if (lines.bom && (fragment || text.charCodeAt(1) === 0xfeff)) return undefined;
  const toRemark = new Set<number>();
  for (let pass = 0; pass < 2; pass++) {
    const inline = new Inline(lines, true);
    const scanner = new BlockScanner(lines, inline);
    const children: RootContent[] = [];
    /** The first line of each child the scanner built (-1 for the others). */
    const childLines: number[] = [];
    /** The top-level block (its first line) each inline job belongs to. */
    const jobBlock: number[] = [];
    let line = 0;
    if (!fragment) {
      const yaml = frontMatter(lines);
      if (yaml) {
        children.push(yaml.node);
        childLines.push(-1);
        line = yaml.next;
      }
    }
    while (line < lines.count) {
      if (lines.blank(line)) {
        line++;
        continue;
      }
      const scanned = toRemark.has(line) ? undefined : scanner.scan(line);
      if (scanned) {
        children.push(scanned.node);
        childLines.push(line);
        while (jobBlock.length < inline.jobs.length) jobBlock.push(line);
        line = scanned.next;
        continue;
      }
      // An indented block after others may read differently in context (after a
      // list, micromark ends indented code early): remark starts at the last
      // block that starts at column 1.
      while (lines.indent(line) > 0 && childLines.length > 0 && childLines[childLines.length - 1]! >= 0) {
        children.pop();
        line = childLines.pop()!;
        if (lines.indent(line) === 0) break;
      }
      // Jobs of the blocks remark reads now are dropped.
      let keep = jobBlock.length;
      while (keep > 0 && jobBlock[keep - 1]! >= line) keep--;
      jobBlock.length = keep;
      inline.jobs.length = keep;
      const region = parseRegion(lines, line);
      children.push(...region.nodes);
      for (const _ of region.nodes) childLines.push(-1);
      line = region.next;
    }
    const failed = runInlineJobs(inline.jobs, lines);
    if (failed.length === 0) return root(lines, children);
    const byNode = new Map<InlineJob, number>(inline.jobs.map((j, i) => [j, jobBlock[i]!]));
    for (const job of failed) toRemark.add(byNode.get(job)!);
  }
  return undefined;
}

/** The front matter node and the line after it, when the note opens and closes front matter. */
function frontMatter(L: Lines): { node: Yaml; next: number } | undefined {
  const end = frontMatterEnd(L.text);
  if (end === undefined || end < 0) return undefined;
  // The closing fence is the first `---` line after the opening one.
  let close = 1;
  while (close < L.count && !isFence(L, close)) close++;
  if (close >= L.count) return undefined;
  // micromark reads NUL as U+FFFD, in front matter too.
  const raw = close > 1 ? L.text.slice(L.start[1], L.end[close - 1]) : '';
  const value = raw.includes('\0') ? raw.replace(/\0/g, '\uFFFD') : raw;
  const node: Yaml = { type: 'yaml', value, position: { start: L.point(0, L.begin(0)), end: L.point(close, L.end[close]!) } };
  return { node, next: close + 1 };
}

function isFence(L: Lines, line: number): boolean {
  const t = L.text;
  const s = L.start[line]!;
  if (!t.startsWith('---', s)) return false;
  for (let i = s + 3; i < L.end[line]!; i++) {
    const c = t.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

function root(L: Lines, children: RootContent[]): Root {
  const last = L.count - 1;
  return {
    type: 'root',
    children,
    position: { start: L.point(0, L.begin(0)), end: L.point(last, L.text.length) },
  };
}
