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
 * at least doubling), so a region costs a small multiple of its length.
 *
 * Limits, so that no text costs remark more than linear time: a region never
 * grows past `REGION_LIMIT` characters, and never takes in a run of lines
 * (between blank lines) holding more than `INLINE_MARKUP_LIMIT` markup
 * characters. What lies beyond is cut off, unverified, and such a run, or a
 * block that does not end within the limit, is read as plain text (fast/literal.ts).
 */
import type { Nodes, RootContent } from 'mdast';
import type { Point } from 'unist';
import type { Defined } from '../remark.ts';
import { getRemark } from '../remark-provider.ts';
import { hardBoundary, hasOffsets } from '../markdown.ts';
import { INLINE_MARKUP_LIMIT, REGION_LIMIT } from '../limits.ts';
import { countMarkup } from './inline.ts';
import { classify, Start } from './classify.ts';
import type { Lines } from './lines.ts';
import { literalParagraph } from './literal.ts';
import type { ParseStats } from './parse.ts';


/** Regions are read in pieces of at least this many characters where the text allows. */
const REGION_MIN = 1024;

export interface Region {
  nodes: RootContent[];
  /** The line the fast parser resumes at (`lines.count` at the end of the text). */
  next: number;
}

export function parseRegion(L: Lines, first: number, definitions: boolean, defined?: Defined, stats?: ParseStats): Region {
  if (stats) stats.regions++;
  const start = L.begin(first);
  const { candidates, stop, run, oversize } = reach(L, first);
  let tried = 0;
  for (let k = 0; k < candidates.length; k++) {
    const line = candidates[k]!;
    const size = L.start[line]! - start;
    const lastChance = k === candidates.length - 1;
    // At least REGION_MIN characters, not stopping before another block remark
    // must read (one remark call costs about as much as a kilobyte of text),
    // at growing distances, and always the last candidate before the region must stop.
    if (!lastChance && (size < REGION_MIN || looksComplex(L, line, definitions))) continue;
    if (tried > 0 && size < 2 * tried && !lastChance) continue;
    tried = size;
    const nodes = parseSlice(L, first, L.next(line), defined, stats);
    const at = nodes.findIndex((n) => n.position?.start.offset === L.start[line]);
    if (at > 0 && accepts(L, line, nodes[at - 1]!, nodes[at]!)) return { nodes: nodes.slice(0, at), next: line };
  }
  if (!run && !oversize) return { nodes: parseSlice(L, first, L.text.length, defined, stats), next: L.count };
  if (run) {
    // The text before the run as remark reads it, then the run as plain text.
    const nodes = run.first > first ? parseSlice(L, first, L.start[run.first]!, defined, stats) : [];
    nodes.push(literalParagraph(L, run.first, run.last, { reason: 'markup', count: run.markup }));
    return { nodes, next: run.last + 1 };
  }
  // No block boundary within the size limit: one block too large for remark.
  let last = stop - 1;
  while (last > first && L.blank(last)) last--;
  return { nodes: [literalParagraph(L, first, last, { reason: 'size', count: last - first + 1 })], next: stop };
}

interface Reach {
  /** Lines that could end the region, in order, before `stop`. */
  candidates: number[];
  /** Where the region must stop: the text's end, a run with too much markup, or the size limit. */
  stop: number;
  /** The run of lines with too much markup at `stop`, if that is why. */
  run?: { first: number; last: number; markup: number };
  /** Whether the text up to `stop` is over the size limit. */
  oversize: boolean;
}

/** The region's possible ends, up to the first run with too much markup or the size limit. */
function reach(L: Lines, first: number): Reach {
  const start = L.begin(first);
  const candidates: number[] = [];
  let runFirst = first;
  let markup = 0;
  for (let m = first; m < L.count; m++) {
    if (L.blank(m)) {
      markup = 0;
      continue;
    }
    if (m > first && L.blank(m - 1)) runFirst = m;
    markup += countMarkup(L.text, L.start[m]!, L.end[m]!, false);
    if (markup > INLINE_MARKUP_LIMIT) {
      let last = m;
      while (last + 1 < L.count && !L.blank(last + 1)) {
        markup += countMarkup(L.text, L.start[last + 1]!, L.end[last + 1]!, false);
        last++;
      }
      while (candidates.length > 0 && candidates[candidates.length - 1]! >= runFirst) candidates.pop();
      return { candidates, stop: runFirst, run: { first: runFirst, last, markup }, oversize: false };
    }
    if (m > first && isCandidate(L, m)) {
      // Past the size limit, the region stops at the first line that could end it.
      if (L.start[m]! - start > REGION_LIMIT) return { candidates, stop: m, oversize: true };
      candidates.push(m);
    }
  }
  return { candidates, stop: L.count, oversize: L.text.length - start > REGION_LIMIT };
}

/** Whether the block starting at `line` is one the scanner would leave to remark too (a rough, cheap look). */
function looksComplex(L: Lines, line: number, definitions: boolean): boolean {
  if (L.odd[line]) return true;
  const at = L.start[line]!;
  return classify(L.text, at, L.end[line]!, definitions).kind === Start.Other;
}

/** A line that could be a boundary: at column 1, not blank, after a blank line or an ATX heading's `#`. */
function isCandidate(L: Lines, m: number): boolean {
  const c = L.text.charCodeAt(L.start[m]!);
  if (c === 32 || c === 9 || c === 0xfeff) return false;
  return c === 35 || L.blank(m - 1);
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
 * On the note's first line, columns count the note's own byte order mark,
 * which micromark never saw.
 */
function parseSlice(L: Lines, first: number, end: number, defined: Defined | undefined, stats: ParseStats | undefined): RootContent[] {
  const start = L.begin(first);
  if (stats) stats.regionChars += end - start;
  const lead = L.text.charCodeAt(start) === 0xfeff ? '\n' : '';
  const tree = getRemark().parseWithRemark(lead + L.text.slice(start, end), false, defined);
  const offset = start - lead.length;
  const lines = first - lead.length;
  const bomColumn = first === 0 && L.bom;
  if (offset === 0 && lines === 0 && !bomColumn) return tree.children;
  const shift = (p: Point) => {
    p.line += lines;
    if (bomColumn && p.line === 1) p.column += 1;
    p.offset! += offset;
  };
  const walk = (node: Nodes) => {
    if (node.position) {
      shift(node.position.start);
      shift(node.position.end);
    }
    if ('children' in node) for (const child of node.children) walk(child as Nodes);
  };
  for (const node of tree.children) walk(node);
  return tree.children;
}
