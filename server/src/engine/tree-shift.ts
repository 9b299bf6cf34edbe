/**
 * Moving the blocks after an edit to their new positions (incremental.ts): in
 * place when the previous tree is done with, else as shifted copies.
 */
import type { Nodes } from 'mdast';

/**
 * `shiftInPlace` for the blocks after an edit (every node of a 1.6 MB note
 * after a keystroke near its start): no allocation per node. Columns need no
 * change: the blocks start at a line start after the edit.
 */
export function moveInPlace(node: Nodes, offset: number, line: number): void {
  const p = node.position;
  if (p) {
    const { start, end } = p;
    start.line += line;
    end.line += line;
    if (start.offset !== undefined) start.offset += offset;
    if (end.offset !== undefined) end.offset += offset;
  }
  if ('children' in node) {
    const children = node.children as Nodes[];
    for (let i = 0; i < children.length; i++) moveInPlace(children[i]!, offset, line);
  }
}

/**
 * A copy of an old node with shifted positions; the previous tree stays intact
 * (the language server may still answer requests from the previous version).
 * Columns need no change: the slice ends at a line start.
 */
export function shiftedCopy<T extends Nodes>(node: T, offset: number, line: number): T {
  const copy = { ...node };
  const p = node.position;
  if (p) {
    const { start, end } = p;
    copy.position = {
      start: { line: start.line + line, column: start.column, offset: (start.offset ?? 0) + offset },
      end: { line: end.line + line, column: end.column, offset: (end.offset ?? 0) + offset },
    };
  }
  if ('children' in node) {
    const children = node.children as Nodes[];
    const copies = new Array<Nodes>(children.length);
    for (let i = 0; i < children.length; i++) copies[i] = shiftedCopy(children[i]!, offset, line);
    (copy as { children: Nodes[] }).children = copies;
  }
  return copy;
}
