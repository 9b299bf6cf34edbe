/**
 * The suggestion that turns medications written as prose into `###` entries:
 * a heading with the name and dose, `Change` from the verb, the reason as the
 * `Rationale`, and an empty `Meaning` for the clinician to write. The clause is
 * taken out of the prose; whatever else it said ("she agreed") stays, under
 * the new heading, so no word of the note is lost. A suggestion, never a
 * `--fix`: the verb and the reason are read by heuristics, and the Meaning is
 * the clinician's to write.
 */
import type { Fix, TextEdit } from '../rules/types.ts';
import type { Note, Section } from '../model/note.ts';
import type { Range } from '../model/text.ts';
import { tokenize } from '../vocabulary/index.ts';
import type { ProseMedication } from './prose.ts';
import { isLowerLetter } from '../letters.ts';

/** Words that carry nothing once the name, dose, change and reason have moved into fields. */
const EMPTY_WORDS = new Set(
  (
    'a an the and or of to from at in on with for by as is was be been will would her his their its she he they it ' +
    'we i me my our pt patient mg mcg ml g units daily nightly prn qhs qam qd bd bid tid tds od nocte mane am pm dose ' +
    'today now also then same current currently still plan visit tab tabs tablet tablets capsule'
  ).split(' '),
);

/** Field columns a table may have, and the field each becomes. */
const FIELD_COLUMNS: Record<string, string> = {
  meaning: 'Meaning', plan: 'Plan', response: 'Response', ambivalence: 'Ambivalence', concerns: 'Concerns', notes: 'Plan',
};
const CONSUMED_COLUMNS = /^(?:medications?|medicines?|meds?|drugs?|name|dose|dosage|strength|regimen|change|action|reason|rationale|indication|why|purpose|target)$/i;

/** The suggestion for the medications of one clause (all of them, so none is hidden inside another's entry). */
export function entryFix(note: Note, section: Section, meds: readonly ProseMedication[]): Fix | undefined {
  const first = meds[0];
  if (!first) return undefined;
  const eol = note.lines.eol;
  const unit = first.unit;
  const clause = unit.clauses[first.clause]!;
  const keep = unit.kind !== 'row' && hasMoreToSay(note, clause, meds) ? keptText(note, unit.clauses.length === 1 ? unit.range : clause) : undefined;
  const entries = meds.map((m, i) => entryText(m, i === 0 ? keep : undefined, eol)).join(`${eol}${eol}`);
  const title =
    meds.length === 1
      ? `Turn into an entry: ### ${headingOf(first)}${first.change ? ` (Change: ${first.change})` : ''}`
      : `Turn into entries: ${meds.map((m) => `### ${headingOf(m)}`).join(', ')}`;

  const contentEnd = trimEnd(note.text, section.bodyRange.start, section.bodyRange.end);
  const removal = removalFor(note, first, contentEnd);
  if (!removal) {
    // Markup runs through the clause: keep the prose as it is and only add the entries.
    return { title: title.replace('Turn into', 'Add'), safeTitle: true, edits: [{ range: { start: contentEnd, end: contentEnd }, newText: `${eol}${eol}${entries}` }] };
  }
  if (removal.whole && removal.last && !note.medications.some((m) => m.headingRange.start > section.bodyRange.start && m.headingRange.start < section.bodyRange.end)) {
    // The prose ends the section: the entries take its place (after a blank line, if prose stays above).
    const at = removal.range.start;
    const line = note.lines.lineAt(at);
    const blankAbove = note.lines.lineStart(line) !== at || line === 0 || note.lines.lineText(line - 1).trim() === '' || /^#/.test(note.lines.lineText(line - 1));
    const lead = note.lines.lineStart(line) !== at ? `${eol}${eol}` : blankAbove ? '' : eol;
    return { title, safeTitle: true, edits: [{ range: { start: at, end: contentEnd }, newText: lead + entries }] };
  }
  return { title, safeTitle: true, edits: [...removal.edits, { range: { start: contentEnd, end: contentEnd }, newText: `${eol}${eol}${entries}` }] };
}

/**
 * The clinician's words for the new entry: a whole block as written (markup
 * kept, a bullet's marker dropped, wrapped lines joined), or one clause.
 * A closing full stop is added when the clause had none of its own.
 */
function keptText(note: Note, r: Range): string {
  const kept = note.text
    .slice(r.start, r.end)
    .replace(/^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?/, '')
    .replace(/[ \t]*\r?\n[ \t]*/g, ' ')
    .trim();
  return /[.!?:"”)\]*_]$/.test(kept) ? kept : `${kept}.`;
}

export function headingOf(m: ProseMedication): string {
  return m.dose ? `${m.mention.name} ${m.dose}` : m.mention.name;
}

function entryText(m: ProseMedication, keep: string | undefined, eol: string): string {
  const lines = [`### ${headingOf(m)}`];
  if (keep) lines.push(keep, '');
  if (m.change) lines.push(`- Change: ${m.change}`);
  // Empty fields carry no trailing space: an editor trims it, and the next insertion would move it.
  lines.push(m.reason ? `- Rationale: ${sentence(m.reason)}` : '- Rationale:');
  const extra = m.unit.table ? tableFields(m.unit.table.header, m.unit.table.cells) : [];
  if (!extra.some((l) => l.startsWith('- Meaning:'))) lines.push('- Meaning:');
  lines.push(...extra);
  return lines.join(eol);
}

function tableFields(header: string[], cells: string[]): string[] {
  const out: string[] = [];
  header.forEach((h, i) => {
    const cell = (cells[i] ?? '').trim();
    if (!cell || CONSUMED_COLUMNS.test(h.trim())) return;
    out.push(`- ${FIELD_COLUMNS[h.trim().toLowerCase()] ?? h.trim()}: ${cell}`);
  });
  return out;
}

/** `ongoing low mood` → `Ongoing low mood.` */
function sentence(s: string): string {
  const t = s.trim();
  const cap = t.charAt(0).toUpperCase() + t.slice(1);
  return /[.!?]$/.test(cap) ? cap : `${cap}.`;
}

/** Whether the clause says more than the fields will ("Discussed…, she agreed"). */
function hasMoreToSay(note: Note, clause: Range, meds: readonly ProseMedication[]): boolean {
  const usedWords = new Set(meds.flatMap((m) => m.usedText.flatMap((u) => tokenize(u).map((t) => t.norm))));
  const text = note.text.slice(clause.start, clause.end);
  return tokenize(text).some((t) => !usedWords.has(t.norm) && !EMPTY_WORDS.has(t.norm) && !/^\d/.test(t.norm));
}

interface Removal {
  range: Range;
  edits: TextEdit[];
  /** The whole block goes (not one clause of it). */
  whole: boolean;
  /** Nothing of the section's prose follows what is removed. */
  last: boolean;
}

/** Edits taking the clause (or its whole block) out of the prose; undefined when markup makes that unsafe. */
function removalFor(note: Note, m: ProseMedication, contentEnd: number): Removal | undefined {
  const unit = m.unit;
  const clauses = unit.clauses;
  const i = m.clause;
  if (clauses.length === 1 || unit.kind === 'row') {
    const block = unit.kind === 'row' && unit.table!.rows === 1 ? unit.table!.tableRange : unit.range;
    const range = wholeLines(note, block);
    return { range, edits: [{ range, newText: '' }], whole: true, last: block.end >= contentEnd };
  }
  const clause = clauses[i]!;
  // The first clause goes with the separator after it; any other with the separator before it,
  // so the sentence's own closing punctuation stays where it was.
  const range = i === 0 ? { start: clause.start, end: clauses[1]!.start } : { start: clauses[i - 1]!.end, end: clause.end };
  const slice = note.text.slice(range.start, range.end);
  if (/[*_`[\]<>\\|#]/.test(slice) || /\n[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]/.test(slice)) return undefined;
  const edits: TextEdit[] = [{ range, newText: '' }];
  const next = clauses[i + 1];
  if (i === 0 && next && isLowerLetter(note.text[next.start]!)) {
    edits.push({ range: { start: next.start, end: next.start + 1 }, newText: note.text[next.start]!.toUpperCase() });
  }
  return { range, edits: mergeAdjacent(edits), whole: false, last: i === clauses.length - 1 && unit.range.end >= contentEnd };
}

/** The block's lines, with the blank lines after it when a blank line also stands before it. */
function wholeLines(note: Note, r: Range): Range {
  const { lines } = note;
  const first = lines.lineAt(r.start);
  let last = lines.lineAt(Math.max(r.start, r.end - 1));
  const blankBefore = first === 0 || lines.lineText(first - 1).trim() === '';
  while (blankBefore && last + 1 < lines.lineCount && lines.lineText(last + 1).trim() === '' && last + 2 < lines.lineCount) last++;
  const end = last + 1 < lines.lineCount ? lines.lineStart(last + 1) : note.text.length;
  return { start: lines.lineStart(first), end };
}

/** A removal and the capital after it touch: one edit. */
function mergeAdjacent(edits: TextEdit[]): TextEdit[] {
  if (edits.length === 2 && edits[0]!.range.end === edits[1]!.range.start) {
    return [{ range: { start: edits[0]!.range.start, end: edits[1]!.range.end }, newText: edits[1]!.newText }];
  }
  return edits;
}

function trimEnd(text: string, start: number, end: number): number {
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return end;
}
