/**
 * Blocks read as plain text because reading their markup would cost more than
 * linear time (see limits.ts). The parser marks such a node with
 * `data.visitnotesLiteral`; the `markup-limit` rule reports it. Every other
 * node is exactly what remark gives.
 */
export interface LiteralBlock {
  /** `markup`: too many inline markup characters; `size`: a block too large for remark. */
  reason: 'markup' | 'size';
  /** Markup characters (`markup`) or lines (`size`) in the block. */
  count: number;
}

declare module 'mdast' {
  interface Data {
    visitnotesLiteral?: LiteralBlock;
  }
}
