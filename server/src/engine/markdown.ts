/**
 * Text → remark tree (mdast): CommonMark, GFM and YAML front matter. parse.ts
 * builds the note model from this tree; incremental.ts re-parses part of it.
 *
 * Three things here make parsing faster without changing a single node (the
 * property tests in test/engine/ compare every tree against plain remark-gfm):
 *
 * - GFM parts chosen per text. Literal autolinks are tried at every letter and
 *   digit (about 30% of the parse time of a typical note) but need `@`, `www.`
 *   or `http(s)://` to match; tables are tried at every line but need `|`, `:-`
 *   or `-:` in their delimiter row. Text without those is parsed without them.
 * - Long notes in chunks. micromark slows down superlinearly on long documents
 *   (a 2,000-line note parses in 0.25 s, a 20,000-line one in 4–5 s: more than
 *   half of it in micromark-util-edit-map's `consume`, which the document
 *   tokenizer calls from `writeToChild` and which copies the whole event list). A
 *   long note is parsed in chunks of about 16 KB that end at a top-level block
 *   boundary where the parser is provably back at root level (`hardBoundary`),
 *   and the chunks' trees are joined with shifted positions: the 20,000-line
 *   note then parses in about 1.1 s.
 * - Fragments: the same parser for text from the middle of a note (no front
 *   matter there), used by incremental.ts and the chunks.
 */
import type { Nodes, Root, RootContent } from 'mdast';
import type { Point } from 'unist';
import { frontMatterEnd, unclosedFrontMatter } from './fence.ts';
import { getRemark } from './remark-provider.ts';

const parse = (text: string, frontMatter: boolean): Root => getRemark().parseWithRemark(text, frontMatter);

import { fastTree } from './fast/parse.ts';
import { noteLimitProblem } from './limits.ts';

export { unclosedFrontMatter };


// ---------------------------------------------------------------- whole notes

/** Notes longer than this (UTF-16 code units) are parsed in chunks of about this size. */
export const CHUNK_SIZE = 16 * 1024;

/**
 * The remark tree of a whole note. Offsets index `text` as given: micromark
 * skips one leading BOM and counts offsets from after it, so the tree is shifted
 * back (a second BOM is content, as micromark reads it). A note over the limits
 * (limits.ts) is not parsed: an empty tree that says why.
 */
export function parseTree(text: string, chunkSize = CHUNK_SIZE): Root {
  const problem = noteLimitProblem(text);
  if (problem) return unparsedTree(text, problem);
  return (fastParser ? fastTree(text, false) : undefined) ?? remarkTree(text, chunkSize);
}

let fastParser = true;

/**
 * Turns the fast parser off (remark reads every note, as before it existed) or
 * on. For checking, in a whole run, that findings do not depend on it: the CLI
 * does this when VISITNOTES_PARSER=remark (bench/run.ts compares the outputs).
 */
export function useFastParser(on: boolean): void {
  fastParser = on;
}

/** The tree of a note over the limits (limits.ts): no children, and why. */
function unparsedTree(text: string, reason: string): Root {
  const lines = countLineBreaks(text);
  const lastStart = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r')) + 1;
  return {
    type: 'root',
    children: [],
    position: { start: { line: 1, column: 1, offset: 0 }, end: { line: lines + 1, column: text.length - lastStart + 1, offset: text.length } },
    data: { visitnotesUnparsed: reason },
  };
}

/** parseTree without the fast parser: remark alone (long notes in chunks). */
export function remarkTree(text: string, chunkSize = CHUNK_SIZE): Root {
  return text.length > 2 * chunkSize ? parseInChunks(text, chunkSize) : parseWhole(text);
}

function parseWhole(text: string): Root {
  const tree = parse(text, !unclosedFrontMatter(text));
  if (text.charCodeAt(0) === 0xfeff) shiftInPlace(tree, 1, 0, true);
  return tree;
}

/**
 * The remark tree of text taken from the middle of a note, starting at a line
 * start: parsed as the note parses, except that a leading `---` block is not
 * front matter there. Offsets count from the fragment's start.
 */
export function parseFragment(text: string): Root {
  return (fastParser ? fastTree(text, true) : undefined) ?? parse(text, false);
}

/**
 * A long note, chunk by chunk: parse about `chunkSize` characters, keep the
 * blocks before the last hard boundary that has a block after it (so nothing
 * kept depends on text past the chunk), continue from that boundary. The same
 * argument as incremental.ts: at a hard boundary the parser is at root level
 * whatever came before, and nothing before it depends on what follows.
 * Definitions change links across the note, so a note holding one is parsed whole.
 */
export function parseInChunks(text: string, chunkSize: number): Root {
  const children: RootContent[] = [];
  const fmEnd = frontMatterEnd(text);
  let start = 0;
  let line = 0; // 0-based line of `start`
  let first: Root | undefined;
  for (;;) {
    // The first chunk holds all of the front matter, so it is read as the whole note reads it.
    let end = Math.max(start + chunkSize, start === 0 && fmEnd !== undefined ? fmEnd + 1 : 0);
    let tree: Root | undefined;
    let boundary = -1;
    while (end < text.length) {
      end = lineEndAfter(text, end);
      const slice = text.slice(start, end);
      tree = parse(slice, start === 0 && fmEnd !== -1);
      if (start === 0 && text.charCodeAt(0) === 0xfeff) shiftInPlace(tree, 1, 0, true);
      boundary = lastHardBoundary(slice, tree.children);
      if (boundary > 0) break;
      end = start + 2 * (end - start); // no boundary yet: a bigger chunk
    }
    if (boundary <= 0) {
      // The rest of the note in one piece.
      const rest = start === 0 ? parseWhole(text) : parse(text.slice(start), false);
      if (start === 0) return rest;
      for (const node of rest.children) shiftInPlace(node, start, line);
      children.push(...rest.children);
      const root = rest.position!.end;
      return finish(text, first!, children, { line: root.line + line, column: root.column, offset: (root.offset ?? 0) + start });
    }
    const kept = tree!.children.slice(0, boundary);
    const next = tree!.children[boundary]!.position!.start;
    if (start === 0) first = tree!;
    else for (const node of kept) shiftInPlace(node, start, line);
    children.push(...kept);
    // The boundary block starts at column 1: its offset is its line's start.
    line += next.line - 1;
    start += next.offset!;
  }
}

function finish(text: string, first: Root, children: RootContent[], end: Point): Root {
  const tree: Root = { type: 'root', children, position: { start: first.position!.start, end } };
  return hasDefinitions(tree, text) ? parseWhole(text) : tree;
}

/** The offset just after the line break at or after `i` (or the text's end). */
function lineEndAfter(text: string, i: number): number {
  if (i >= text.length) return text.length;
  const n = text.indexOf('\n', i);
  const r = text.indexOf('\r', i);
  const at = n < 0 ? r : r < 0 ? n : Math.min(n, r);
  if (at < 0) return text.length;
  return text.charCodeAt(at) === 13 && text.charCodeAt(at + 1) === 10 ? at + 2 : at + 1;
}

/** Index of the last child k (0 < k < length - 1) that starts at a hard boundary, or -1. */
function lastHardBoundary(text: string, children: readonly RootContent[]): number {
  for (let k = children.length - 2; k > 0; k--) {
    const before = children[k - 1]!;
    const after = children[k]!;
    if (hasOffsets(before) && hasOffsets(after) && hardBoundary(text, before, after)) return k;
  }
  return -1;
}

// ---------------------------------------------------------------- shared with incremental.ts

export type Positioned = RootContent & { position: { start: { offset: number }; end: { offset: number } } };

export function hasOffsets(node: RootContent): node is Positioned {
  return node.position?.start.offset !== undefined && node.position.end.offset !== undefined;
}

/**
 * Whether the parser is at root level, whatever came before, when `after`
 * starts: a blank line separates the blocks, `after` starts at column 1 with a
 * character that is not blank (nor a BOM, which micromark would skip at a
 * fragment's start), and `before` does not end in a code block. (micromark
 * keeps an indented code block open across blank lines in case it continues,
 * and while it is open an empty list item cannot start: `- ` after it is a
 * paragraph. After a list whose last item is empty, the next indented code
 * block ends early. Neither shows in a fragment parsed on its own.)
 */
export function hardBoundary(text: string, before: Positioned, after: Positioned): boolean {
  const start = after.position.start.offset;
  const c = text.charCodeAt(start);
  return (
    after.position.start.column === 1 &&
    c !== 32 &&
    c !== 9 &&
    c !== 0xfeff &&
    !endsInCode(before) &&
    countLineBreaks(text, before.position.end.offset, start) >= 2
  );
}

/** Container node types: what a definition or a trailing code block can sit in. */
const CONTAINERS = new Set(['root', 'blockquote', 'list', 'listItem', 'footnoteDefinition']);

/** Whether the last block of `node`, looking into containers, is code. */
function endsInCode(node: Nodes): boolean {
  let last: Nodes | undefined = node;
  while (last) {
    if (last.type === 'code') return true;
    if (!CONTAINERS.has(last.type) || !('children' in last)) return false;
    last = last.children[last.children.length - 1] as Nodes | undefined;
  }
  return false;
}

/** Line breaks in `text[start, end)`: `\r\n` counts once, as do lone `\r` and `\n`. */
export function countLineBreaks(text: string, start = 0, end = text.length): number {
  let count = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) count++;
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) count++;
  }
  return count;
}

/**
 * Whether the tree holds a link reference or footnote definition. Every
 * definition needs `]:` in the source, so most notes are answered by one search.
 */
export function hasDefinitions(tree: Root, text: string): boolean {
  if (!text.includes(']:')) return false;
  const walk = (node: Nodes): boolean => {
    if (node.type === 'definition' || node.type === 'footnoteDefinition') return true;
    if (!CONTAINERS.has(node.type) || !('children' in node)) return false;
    return (node.children as Nodes[]).some(walk);
  };
  return walk(tree);
}

export function shiftPoint(point: Point, offset: number, line: number): Point {
  return { line: point.line + line, column: point.column, offset: (point.offset ?? 0) + offset };
}

/**
 * Shifts a freshly parsed node and its descendants in place. `bom`: the shift
 * undoes micromark's skipped BOM, which also moves columns on the first line.
 */
export function shiftInPlace(node: Nodes, offset: number, line: number, bom = false): void {
  const p = node.position;
  if (p) {
    for (const point of [p.start, p.end]) {
      if (bom && point.line === 1) point.column += 1;
      point.line += line;
      if (point.offset !== undefined) point.offset += offset;
    }
  }
  if ('children' in node) for (const child of node.children) shiftInPlace(child as Nodes, offset, line, bom);
}
