/**
 * Medications written as prose in the Medication meaning section, outside any
 * `###` entry: a paragraph ("Discussed raising fluoxetine to 40 mg for ongoing
 * low mood, she agreed; cont clonazepam 0.5 mg prn"), a list of bullets
 * (nested ones belong to their bullet), or a table with a row per medication.
 * Read from the model and its tree — never a second parse — once per note and
 * vocabulary. `prose-medication` asks for an entry for each; the cross-visit
 * summary lets the continuity rules see them.
 *
 * Only the Medication meaning section is read: a medication in the Story or
 * Relationships ("her father's lithium") is history, not a prescription.
 */
import type { List, ListItem, Nodes, RootContent, Table } from 'mdast';
import { findSection, type Note } from '../model/note.ts';
import type { Range } from '../model/text.ts';
import { regionText } from '../vocabulary/note-text.ts';
import type { MedicationLexicon } from '../vocabulary/medications.ts';
import { readClause, type ClauseMedication } from './clause.ts';
import { changeOfValue } from '../model/change-words.ts';
import { forText, onFirstUse } from '../letters.ts';

/** A block the prose is read in: a paragraph, a top-level bullet with what is nested under it, or a table row. */
export interface ProseUnit {
  kind: 'paragraph' | 'item' | 'row';
  /** The whole block in the note (a row: its line). */
  range: Range;
  /** Clause boundaries, as note ranges of each clause's text (no separator, no closing punctuation). */
  clauses: Range[];
  /** For a row: the header cells and the row's cells, as written (plain text). */
  table?: { header: string[]; cells: string[]; tableRange: Range; rows: number };
}

export interface ProseMedication extends ClauseMedication {
  /** The medication's name as written, in the note. */
  range: Range;
  unit: ProseUnit;
  /** Index into `unit.clauses`. */
  clause: number;
}

const cache = new WeakMap<Note, WeakMap<MedicationLexicon, ProseMedication[]>>();

/** Every medication named in the section's prose, in document order. */
export function proseMedications(note: Note, lexicon: MedicationLexicon): ProseMedication[] {
  let byLexicon = cache.get(note);
  if (!byLexicon) cache.set(note, (byLexicon = new WeakMap()));
  let hit = byLexicon.get(lexicon);
  if (!hit) byLexicon.set(lexicon, (hit = read(note, lexicon)));
  return hit;
}

function read(note: Note, lexicon: MedicationLexicon): ProseMedication[] {
  const section = findSection(note, 'Medication meaning');
  if (!section) return [];
  const firstEntry = note.medications.find((m) => m.headingRange.start >= section.bodyRange.start && m.headingRange.start < section.bodyRange.end);
  const region = { start: section.bodyRange.start, end: firstEntry ? firstEntry.headingRange.start : section.bodyRange.end };
  const out: ProseMedication[] = [];
  for (const block of note.tree.children) {
    const start = block.position?.start.offset ?? -1;
    if (start < region.start || start >= region.end) continue;
    for (const unit of unitsOf(note, block)) readUnit(note, unit, lexicon, out);
  }
  return out;
}

function unitsOf(note: Note, block: RootContent): { unit: ProseUnit; node: Nodes }[] {
  const r = rangeOf(block);
  if (block.type === 'paragraph') return [{ unit: { kind: 'paragraph', range: r, clauses: [] }, node: block }];
  if (block.type === 'list') {
    return (block as List).children.map((item: ListItem) => ({ unit: { kind: 'item' as const, range: rangeOf(item), clauses: [] }, node: item }));
  }
  if (block.type === 'blockquote') return block.children.flatMap((c) => unitsOf(note, c as RootContent));
  if (block.type === 'table') return tableUnits(note, block as Table);
  return [];
}

function tableUnits(note: Note, table: Table): { unit: ProseUnit; node: Nodes }[] {
  const [head, ...rows] = table.children;
  if (!head) return [];
  const header = head.children.map((c) => regionText(note, rangeOf(c), c).text.trim());
  return rows.map((row) => {
    const line = note.lines.lineAt(rangeOf(row).start);
    const range = { start: note.lines.lineStart(line), end: note.lines.lineContentEnd(line) };
    const cells = row.children.map((c) => regionText(note, rangeOf(c), c).text.trim());
    return { unit: { kind: 'row' as const, range, clauses: [], table: { header, cells, tableRange: rangeOf(table), rows: rows.length } }, node: row };
  });
}

function readUnit(note: Note, { unit, node }: { unit: ProseUnit; node: Nodes }, lexicon: MedicationLexicon, out: ProseMedication[]): void {
  const region = regionText(note, rangeOf(node), node);
  // Nested bullets and table cells come as separate blocks: within one unit they read on, comma-separated.
  // A table row is one clause: its cells describe one medication.
  const text = region.text.replace(/\n+$/, '').replace(/\n/g, ',');
  const spans: [number, number][] = unit.kind === 'row' ? [[0, text.length]] : clauseSpans(text);
  for (const [start, end] of spans) {
    const clause = unit.clauses.push(region.rangeOf(start, end)) - 1;
    const found = readClause(text.slice(start, end), lexicon);
    for (const m of found) {
      if (unit.kind === 'row') applyColumns(m, unit);
      const at = region.rangeOf(start + m.mention.start, start + m.mention.end);
      out.push({ ...m, range: at, unit, clause });
    }
  }
}

/** A table's Change column says the change; its Dose column the dose. */
function applyColumns(m: ClauseMedication, unit: ProseUnit): void {
  const t = unit.table!;
  t.header.forEach((h, i) => {
    const cell = t.cells[i] ?? '';
    if (!cell) return;
    if (/^(?:change|action)$/i.test(h)) {
      m.change = changeOfValue(cell) ?? m.change;
      if (m.quiet === 'co-prescribed' && m.change) m.quiet = undefined;
    } else if (/^(?:dose|dosage|strength|regimen)$/i.test(h)) m.dose = cell;
    else if (/^(?:reason|rationale|indication|why|purpose|target)$/i.test(h)) m.reason = cell;
  });
}

const CLAUSE_BOUNDARY = onFirstUse(() => /;|[.!?]+(?=\s+["“(\p{Lu}]|\s*$)/gu);
const CLAUSE_BOUNDARY_ASCII = /;|[.!?]+(?=\s+["“(A-Z]|\s*$)/g;

/**
 * Clauses of a unit's text: split at `;`, and at a sentence end — `.`, `!` or
 * `?` followed by a space and a capital, a quote or the end — so "0.5 mg" and
 * "b.i.d. for sleep" stay whole. Each span excludes its separator and closing
 * punctuation and surrounding spaces.
 */
export function clauseSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  const boundary = forText(text, CLAUSE_BOUNDARY_ASCII, CLAUSE_BOUNDARY);
  let from = 0;
  const push = (a: number, b: number) => {
    while (a < b && /[\s,]/.test(text[a]!)) a++;
    while (b > a && /[\s,]/.test(text[b - 1]!)) b--;
    if (b > a) spans.push([a, b]);
  };
  for (const m of text.matchAll(boundary)) {
    push(from, m.index!);
    from = m.index! + m[0].length;
  }
  push(from, text.length);
  return spans;
}

function rangeOf(n: { position?: { start: { offset?: number }; end: { offset?: number } } }): Range {
  return { start: n.position?.start.offset ?? 0, end: n.position?.end.offset ?? 0 };
}
