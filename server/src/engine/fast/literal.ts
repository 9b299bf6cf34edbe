/**
 * Blocks read as plain text because reading their markup would cost more than
 * linear time. The parser marks such a node with `data.visitnotesLiteral`;
 * the `markup-limit` rule reports it. Every other node is exactly what remark
 * gives.
 */
import type { Paragraph } from 'mdast';
import type { Lines } from './lines.ts';

export interface LiteralBlock {
  /** `markup`: too many inline markup characters; `size`: a block too large for remark. */
  reason: 'markup' | 'size';
  /** Markup characters (`markup`) or lines (`size`) in the block. */
  count: number;
}

declare module 'mdast' {
  interface Data {
    visitnotesLiteral?: LiteralBlock;
    /** On a root: the note was not parsed at all, and why (see limits.ts `noteLimitProblem`). */
    visitnotesUnparsed?: string;
  }
}

/**
 * Lines `first`..`last` as one paragraph of plain text: the lines as they are
 * (from the first non-space character to the last one), marked with why.
 */
export function literalParagraph(L: Lines, first: number, last: number, why: LiteralBlock): Paragraph {
  let from = L.begin(first);
  while (L.text.charCodeAt(from) === 32 || L.text.charCodeAt(from) === 9) from++;
  let to = L.end[last]!;
  while (to > from && (L.text.charCodeAt(to - 1) === 32 || L.text.charCodeAt(to - 1) === 9)) to--;
  const text = { type: 'text' as const, value: L.text.slice(from, to), position: { start: L.point(first, from), end: L.point(last, to) } };
  return { type: 'paragraph', children: [text], position: { start: L.point(first, from), end: L.point(last, L.end[last]!) }, data: { visitnotesLiteral: why } };
}
