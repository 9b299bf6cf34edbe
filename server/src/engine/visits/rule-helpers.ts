/**
 * Small helpers the cross-visit rules share (kept out of rules/ so that folder
 * holds only rule modules).
 */
import { findSection, type Note } from '../model/note.ts';
import type { Range } from '../model/text.ts';
import type { Fix, TextEdit } from '../rules/types.ts';
import type { VisitHistory, VisitSummary } from './summary.ts';
import { normalizePatientKey } from './patient-key.ts';
import { trimToLettersAndDigits } from '../model/word-edges.ts';
import { splitOnNonLetters } from '../letters.ts';

/**
 * Whether a finding on this note may quote `visit` (its medications, its date,
 * its goals' wording): only when both notes carry the same `patient-key`. A
 * course joined by pseudonym or folder may, undetected, be two people, and one
 * person's medication or visit date must never appear in another's note.
 */
export function mayQuote(history: VisitHistory | undefined, visit: VisitSummary): boolean {
  return !!history?.patientKey && !!visit.patientKey && normalizePatientKey(history.patientKey) === normalizePatientKey(visit.patientKey);
}

/** " (2026-01-08)" when the visit may be quoted, else "". */
export function visitDate(history: VisitHistory | undefined, visit: VisitSummary): string {
  return mayQuote(history, visit) && visit.date ? ` (${visit.date})` : '';
}

/**
 * Whether copying an earlier visit's goal wording into this note is safe without
 * a shared key: no digits (dates, doses) and none of that visit's medication names.
 */
export function goalTextIsPlain(text: string, visit: VisitSummary): boolean {
  if (/\d/.test(text)) return false;
  const words = new Set(splitOnNonLetters(text.toLowerCase()));
  return !visit.medications.some((m) => m.key && words.has(m.key));
}

/** The visit right before this one, if any. */
export function previousVisit(history: VisitHistory | undefined): VisitSummary | undefined {
  return history?.previous[history.previous.length - 1];
}

/**
 * Where a finding about a whole section goes: the section's heading text, else
 * the front-matter `date` value, else the first line.
 */
export function sectionAnchor(note: Note, canonical: string): Range {
  const section = findSection(note, canonical);
  if (section) return section.titleRange;
  const date = note.frontMatter?.entries.find((e) => e.key === 'date');
  if (date) return date.valueRange;
  return { start: 0, end: note.lines.lineContentEnd(0) };
}

/** Renames goal `from` to `to` everywhere in this note (definition and references). */
export function renameGoalFix(note: Note, from: string, to: string, title: string): Fix {
  const edits: TextEdit[] = [];
  for (const g of note.goals) if (g.id === from) edits.push({ range: g.idRange, newText: `[${to}]` });
  for (const r of note.goalReferences) if (r.id === from) edits.push({ range: r.range, newText: `[${to}]` });
  return { title, edits };
}

/** Inserts a new line as the last item of the Goals list (undefined without a Goals section). */
export function appendGoalFix(note: Note, line: string, title: string): Fix | undefined {
  const section = findSection(note, 'Goals');
  if (!section) return undefined;
  const eol = note.lines.eol;
  const items = [...note.goals.map((g) => g.range), ...note.unidentifiedGoals.map((g) => g.range)].filter(
    (r) => r.start >= section.bodyRange.start && r.end <= section.bodyRange.end,
  );
  if (items.length > 0) {
    const end = items.reduce((m, r) => Math.max(m, r.end), 0);
    return { title, edits: [{ range: { start: end, end }, newText: `${eol}${line}` }] };
  }
  const at = note.lines.lineContentEnd(note.lines.lineAt(section.headingRange.start));
  return { title, edits: [{ range: { start: at, end: at }, newText: `${eol}${line}` }] };
}

/** Highest goal number used in this note or any earlier visit, plus one. */
export function nextFreeGoalId(note: Note, history: VisitHistory): string {
  let max = 0;
  const see = (id: string) => {
    const n = Number(id.slice(1));
    if (Number.isFinite(n) && n > max) max = n;
  };
  for (const g of note.goals) see(g.id);
  for (const r of note.goalReferences) see(r.id);
  for (const v of history.previous) for (const g of v.goals) see(g.id);
  return `G${Math.min(999, max + 1)}`;
}

/** `sertraline` → `Sertraline` for messages (the heading's first word, as written when known). */
export function displayName(title: string): string {
  const first = title.trim().split(/\s+/)[0] ?? '';
  const clean = trimToLettersAndDigits(first);
  return clean.charAt(0).toUpperCase() + clean.slice(1);
}
