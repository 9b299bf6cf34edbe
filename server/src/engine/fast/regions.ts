/**
 * Blocks the fast parser does not build are read by remark, a region at a
 * time. A region starts where the block scanner knows the parser is at root
 * level with nothing open (the note's start, after front matter, a heading, or
 * a block that ended at a blank line) and ends at a line where the parser is
 * provably back there, whatever the region held:
 *
 * - a line at column 1, not blank, after a blank line, when the block before
 *   it does not end in code (`hardBoundary` in markdown.ts: micromark keeps
 *   indented code open across blank lines, and then no empty or
 *   non-1-numbered list may start); or
 * - an ATX heading at column 1, which closes everything but code and HTML.
 *
 * Which lines are such boundaries depends on what the region holds (a fence
 * or an HTML block can run past them), so remark decides: the region and the
 * boundary line are parsed, and the boundary is accepted when remark starts a
 * top-level block there. Candidates are tried at growing distances (the size
 * at least doubling), so a long region costs a small multiple of its length.
 */
import type { Nodes, RootContent } from 'mdast';
import { parseWithRemark } from '../remark.ts';
import { hardBoundary, hasOffsets, shiftInPlace } from '../markdown.ts';
import type { Lines } from './lines.ts';

export interface Region {
  nodes: RootContent[];
  /** The line the fast parser resumes at (`lines.count` at the end of the text). */
  next: number;
}

export function parseRegion(L: Lines, first: number): Region {
  const start = L.begin(first);
  let tried = 0;
  for (let line = nextCandidate(L, first); line < L.count; line = nextCandidate(L, line)) {
    const size = L.start[line]! - start;
    if (tried > 0 && size < 2 * tried) continue;
    tried = size;
    const nodes = parseSlice(L, first, L.next(line));
    const at = nodes.findIndex((n) => n.position?.start.offset === L.start[line]);
    if (at > 0 && accepts(L, line, nodes[at - 1]!, nodes[at]!)) return { nodes: nodes.slice(0, at), next: line };
  }
  return { nodes: parseSlice(L, first, L.text.length), next: L.count };
}

/** The next line after `line` that could be a boundary. */
function nextCandidate(L: Lines, line: number): number {
  const t = L.text;
  for (let m = line + 1; m < L.count; m++) {
    const c = t.charCodeAt(L.start[m]!);
    if (L.start[m] === L.end[m] || c === 32 || c === 9 || c === 0xfeff) continue;
    if (c === 35 || L.blank(m - 1)) return m;
  }
  return L.count;
}

function accepts(L: Lines, line: number, before: RootContent, after: RootContent): boolean {
  if (!hasOffsets(before) || !hasOffsets(after)) return false;
  if (after.type === 'heading' && L.text.charCodeAt(L.start[line]!) === 35) return true;
  return L.blank(line - 1) && hardBoundary(L.text, before, after);
}

/**
 * remark's top-level nodes for the lines from `first` to offset `end`, with
 * positions in the note. A slice starting with a byte order mark is parsed
 * after a blank line, which reads the same, so micromark does not drop it.
 */
function parseSlice(L: Lines, first: number, end: number): RootContent[] {
  const start = L.begin(first);
  const bomAt = start > 0 && L.text.charCodeAt(start) === 0xfeff;
  const lead = bomAt ? '\n' : '';
  const tree = parseWithRemark(lead + L.text.slice(start, end), false);
  const shift = start - lead.length;
  const lineShift = first - (bomAt ? 1 : 0);
  for (const node of tree.children) {
    if (first === 0 && L.bom) shiftInPlace(node as Nodes, 1, 0, true);
    else if (shift !== 0 || lineShift !== 0) shiftInPlace(node as Nodes, shift, lineShift);
  }
  return tree.children;
}
