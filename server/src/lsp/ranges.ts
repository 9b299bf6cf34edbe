/**
 * Offsets ↔ LSP ranges, and small lookups over the note model that several
 * providers share (which goal token is under the cursor, which section or
 * medication entry holds an offset). The engine stores UTF-16 offsets; LSP's
 * default position encoding is UTF-16 too, so `LineIndex` converts exactly.
 */
import type { Range as LspRange, TextEdit as LspTextEdit } from 'vscode-languageserver';
import { minimalEdit as spanEdit, sectionRole, type Fix, type Goal, type LineIndex, type Medication, type Note, type Range, type Section } from '../engine/index.ts';

export function toLspRange(lines: LineIndex, r: Range): LspRange {
  return { start: lines.toLsp(r.start), end: lines.toLsp(r.end) };
}

export function fromLspRange(lines: LineIndex, r: LspRange): Range {
  const start = lines.fromLsp(r.start);
  return { start, end: Math.max(start, lines.fromLsp(r.end)) };
}

export function toLspEdits(lines: LineIndex, fix: Fix): LspTextEdit[] {
  return fix.edits.map((e) => ({ range: toLspRange(lines, e.range), newText: e.newText }));
}

/** A `[Gn]` token in the note: a goal's definition or a reference to it. */
export interface GoalToken {
  id: string;
  /** The whole `[G1]`. */
  range: Range;
  definition: boolean;
}

/** Every goal token, definitions and references, in document order. */
export function goalTokens(note: Note): GoalToken[] {
  const out: GoalToken[] = [
    ...note.goals.map((g) => ({ id: g.id, range: g.idRange, definition: true })),
    ...note.goalReferences.map((r) => ({ id: r.id, range: r.range, definition: false })),
  ];
  return out.sort((a, b) => a.range.start - b.range.start);
}

/**
 * The goal token at `offset`. A cursor just after `]` still counts (editors put
 * the caret there after typing); when two tokens touch (`[G1][G2]`), the one
 * starting at the offset wins.
 */
export function goalTokenAt(note: Note, offset: number): GoalToken | undefined {
  let touching: GoalToken | undefined;
  for (const t of goalTokens(note)) {
    if (offset >= t.range.start && offset < t.range.end) return t;
    if (offset === t.range.end) touching = t;
  }
  return touching;
}

/** The `G1` inside `[G1]`: what rename edits and prepareRename reports. */
export function innerIdRange(r: Range): Range {
  return { start: r.start + 1, end: r.end - 1 };
}

export function goalById(note: Note, id: string): Goal | undefined {
  return note.goals.find((g) => g.id === id);
}

/** The section whose heading or body holds `offset`. */
export function sectionAt(note: Note, offset: number): Section | undefined {
  let found: Section | undefined;
  for (const s of note.sections) {
    if (s.headingRange.start <= offset && offset <= s.bodyRange.end) found = s;
  }
  return found;
}

/**
 * The medication entry `offset` belongs to: the last `###` entry at or before
 * it within the same Medication meaning section (a new line typed below the
 * last field still belongs to that entry).
 */
export function medicationAt(note: Note, offset: number): { medication: Medication; index: number } | undefined {
  const section = sectionAt(note, offset);
  if (!section || sectionRole(section) !== 'Medication meaning') return undefined;
  let found: { medication: Medication; index: number } | undefined;
  note.medications.forEach((m, index) => {
    if (m.headingRange.start >= section.headingRange.start && m.headingRange.start <= offset && offset <= section.bodyRange.end) {
      found = { medication: m, index };
    }
  });
  return found;
}

/** Last offset of `r` that is not whitespace (ranges such as section bodies end in blank lines). */
export function trimmedEnd(text: string, r: Range): number {
  let end = r.end;
  while (end > r.start && /\s/.test(text[end - 1]!)) end--;
  return end;
}

/** The front matter's content lines (between the fences), 0-based and inclusive. */
export function frontMatterLines(note: Note): { first: number; last: number } | undefined {
  const fm = note.frontMatter;
  if (!fm) return undefined;
  const open = note.lines.lineAt(fm.range.start);
  const close = note.lines.lineAt(Math.max(fm.range.start, fm.range.end - 1));
  if (close <= open) return undefined;
  return { first: open + 1, last: close - 1 };
}

/** A short form of a goal's text for inlay hints and symbol names. */
export function shortText(text: string, max = 32): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/u, '')}…`;
}

/**
 * One edit turning `before` into `after` (the engine's minimalEdit, in LSP
 * positions): the common prefix and suffix are kept, so fix-all on save moves
 * neither the cursor nor folds more than needed.
 */
export function minimalEdit(lines: LineIndex, before: string, after: string): LspTextEdit | undefined {
  if (before === after) return undefined;
  const edit = spanEdit(before, after);
  return { range: toLspRange(lines, { start: edit.start, end: edit.end }), newText: edit.text };
}
