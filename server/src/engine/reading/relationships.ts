/**
 * The labelled lines of the Relationships section ("- Daughter (14): ...",
 * "- **Alliance:** ...", or a paragraph "Alliance: ..."), read from the tree the
 * parser built. Used for the Alliance line (alliance-reflection) and for the
 * names of the people in the person's life (whose.ts: "Maria" in the
 * Countertransference is a third party when Relationships lists her).
 */
import type { List, ListItem, Nodes } from 'mdast';
import type { Note } from '../model/note.ts';
import type { Range } from '../model/text.ts';
import { tokenize } from '../vocabulary/index.ts';
import { PATIENT, SELF, THIRD } from './whose.ts';
import { startsUpper } from '../letters.ts';

export interface LabelledLine {
  /** The label as written (`Alliance`, `Daughter (14)`). */
  label: string;
  labelRange: Range;
  /** The text after the colon, whitespace collapsed. */
  value: string;
  valueRange: Range;
  /** The whole list item or paragraph. */
  range: Range;
}

const LABEL = /^(\s*(?:\*\*|__)?)([^\n:*_[\]]{1,40}?)(\s*(?:\*\*|__)?\s*:\s*(?:\*\*|__)?[ \t]*)/;

/**
 * The last note read, with its lines: three rules ask for the same note's lines in
 * a row (and `relationshipNames` for them again), ~25 ms per 600 notes. Checked
 * against the note's text, tree and sections, so a model changed in place
 * (incremental.ts) is read afresh.
 */
let last: { note: Note; text: string; tree: Note['tree']; sections: Note['sections']; lines: readonly LabelledLine[] } | undefined;

/** Labelled lines of every Relationships section, in note order. */
export function relationshipLines(note: Note): readonly LabelledLine[] {
  if (last && last.note === note && last.text === note.text && last.tree === note.tree && last.sections === note.sections) return last.lines;
  const lines = readLines(note);
  last = { note, text: note.text, tree: note.tree, sections: note.sections, lines };
  return lines;
}

function readLines(note: Note): LabelledLine[] {
  const out: LabelledLine[] = [];
  for (const section of note.sections) {
    if (section.canonical !== 'Relationships') continue;
    for (const block of note.tree.children) {
      const start = block.position?.start.offset;
      if (start === undefined || start < section.bodyRange.start || start >= section.bodyRange.end) continue;
      if (block.type === 'list') for (const item of (block as List).children) push(note, item, out);
      else if (block.type === 'paragraph') push(note, block, out);
    }
  }
  return out;
}

function push(note: Note, node: ListItem | Nodes, out: LabelledLine[]): void {
  const first = 'children' in node ? (node.children[0] as Nodes | undefined) : undefined;
  const start = (node.type === 'listItem' ? first?.position?.start.offset : node.position?.start.offset) ?? undefined;
  let end = node.position?.end.offset;
  if (start === undefined || end === undefined) return;
  while (end > start && /\s/.test(note.text[end - 1]!)) end--;
  const source = note.text.slice(start, end);
  const m = LABEL.exec(source);
  if (!m) return;
  const labelStart = start + m[1]!.length;
  const label = m[2]!.trim();
  const valueStart = start + m[0].length;
  out.push({
    label,
    labelRange: { start: labelStart, end: labelStart + label.length },
    value: note.text.slice(valueStart, end).replace(/\s+/g, ' ').trim(),
    valueRange: { start: valueStart, end: Math.max(valueStart, end) },
    range: { start: node.position!.start.offset!, end },
  });
}


const NOT_NAMES = new Set(['alliance', 'rapport', 'therapeutic', 'working', 'relationship', 'with', 'me', 'the', 'and', 'dr', 'mr', 'mrs', 'ms']);

/** Capitalised words of the labels ("Maria (sister)" → maria): people the note names. */
export function relationshipNames(note: Note): Set<string> {
  const out = new Set<string>();
  for (const line of relationshipLines(note)) {
    for (const t of tokenize(line.label)) {
      if (!startsUpper(t.raw) || NOT_NAMES.has(t.norm) || SELF.has(t.norm) || PATIENT.has(t.norm) || THIRD.has(t.norm)) continue;
      out.add(t.norm);
    }
  }
  return out;
}
