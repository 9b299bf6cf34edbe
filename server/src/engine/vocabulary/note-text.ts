/**
 * The prose of a note region as one searchable string, with a way back to note
 * offsets. Built from the remark tree's text nodes (inline and fenced code too), so markup,
 * HTML comments and link URLs are left out, yet a phrase split by emphasis
 * ("I felt **pulled** to add") still reads as one phrase. Blocks are joined with
 * a newline (and line breaks inside a block become spaces), so a phrase never runs
 * from one paragraph or list item into the next, and `\n` always marks a block boundary.
 */
import type { Nodes } from 'mdast';
import type { Note } from '../model/note.ts';
import type { Range } from '../model/text.ts';

export interface RegionText {
  text: string;
  /** Note offset of `text[i]` (or of the end when `i === text.length`). */
  toNote(i: number): number;
  /** Note range of `text.slice(start, end)`. */
  rangeOf(start: number, end: number): Range;
}

const BLOCKS = new Set(['paragraph', 'heading', 'listItem', 'tableCell', 'blockquote', 'code', 'list', 'table', 'tableRow']);

/** `root`: a node that holds the whole range (default the tree), so reading many small blocks stays linear. */
export function regionText(note: Note, range: Range, root: Nodes = note.tree as Nodes): RegionText {
  let text = '';
  // The last character, kept aside: `text.endsWith` on a string grown by `+=`
  // flattens it on every call, which made a 400 KB note of short paragraphs
  // take 18 s (quadratic).
  let last = '';
  /** Note offset of each character of `text`; separators map to the preceding char's end. */
  const map: number[] = [];
  const separate = () => {
    if (text.length === 0 || last === '\n') return;
    map.push((map[map.length - 1] ?? range.start) + 1);
    text += '\n';
    last = '\n';
  };
  /** Aligns a node's value with its source: escapes, entities and stripped indentation are skipped. */
  const push = (value: string, sourceStart: number, sourceEnd: number) => {
    let j = sourceStart;
    for (let i = 0; i < value.length; i++) {
      const ch = value[i]!;
      // Look a little ahead only (escapes, entities and indentation are short), so
      // a decoded character absent from the source costs O(1), not a rescan.
      const limit = Math.min(sourceEnd, j + 16);
      let k = j;
      while (k < limit && note.text[k] !== ch) k++;
      if (k < limit) {
        map.push(k);
        j = k + 1;
      } else map.push(Math.min(j, sourceEnd));
      // Line breaks inside a block become spaces: `\n` in `text` always means a block boundary.
      last = ch === '\n' || ch === '\r' ? ' ' : ch;
      text += last;
    }
  };
  const walk = (node: Nodes) => {
    const p = node.position;
    const start = p?.start.offset;
    const end = p?.end.offset;
    if (start === undefined || end === undefined) return;
    if (end <= range.start || start >= range.end) return;
    if (node.type === 'text' || node.type === 'inlineCode' || node.type === 'code') {
      push(node.value, Math.max(start, range.start), Math.min(end, range.end));
      if (node.type === 'code') separate();
      return;
    }
    if (node.type === 'html' || node.type === 'yaml') return;
    if (BLOCKS.has(node.type)) separate();
    if ('children' in node) for (const child of node.children) walk(child as Nodes);
    if (BLOCKS.has(node.type)) separate();
  };
  walk(root);

  const toNote = (i: number): number => {
    if (map.length === 0) return range.start;
    if (i >= map.length) return map[map.length - 1]! + 1;
    return map[Math.max(0, i)]!;
  };
  return {
    text,
    toNote,
    rangeOf: (start, end) => {
      const s = toNote(start);
      return { start: s, end: Math.max(s, end > start ? toNote(end - 1) + 1 : s) };
    },
  };
}
