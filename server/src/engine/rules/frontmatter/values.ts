/**
 * The frontmatter rule's checks of single values (`patient-key`, `date`, `visit`,
 * `template`) and the helpers its messages share. The rule itself, and the order
 * of its checks, is in ../frontmatter.ts.
 */
import { didYouMean, firstLine } from '../util.ts';
import { PATIENT_KEY_ADVICE, patientKeyProblem } from '../../visits/patient-key.ts';
import { VISIT_KINDS, type FrontMatterEntry, type Note } from '../../model/note.ts';
import type { Range } from '../../model/text.ts';
import type { RuleContext } from '../types.ts';
import { isCalendarDate } from '../../calendar-date.ts';

type Report = RuleContext['report'];

/** A patient key must be random: never a birth date, a record number or the patient value (messages never repeat it). */
export function checkPatientKey(note: Note, e: FrontMatterEntry, patient: FrontMatterEntry | undefined, report: Report): void {
  const problem = patientKeyProblem(e.value, typeof patient?.value === 'string' ? patient.value : undefined);
  if (!problem) return;
  report({
    range: valueRange(note, e),
    message: `"patient-key" ${PATIENT_KEY_ADVICE[problem]}. Use a random key (New Note and \`visitnotes init\` make one).`,
  });
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOOSE_YMD = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;

export function checkDate(note: Note, e: FrontMatterEntry, report: Report): void {
  const range = valueRange(note, e);
  const raw = typeof e.value === 'string' ? e.value.trim() : typeof e.value === 'number' ? String(e.value) : undefined;
  if (raw === undefined) {
    report({ range, message: '"date" should be the visit date written YYYY-MM-DD.' });
    return;
  }
  const iso = ISO_DATE.exec(raw);
  if (iso) {
    if (!isCalendarDate(+iso[1]!, +iso[2]!, +iso[3]!)) {
      report({ range, message: '"date" is not a real calendar date (YYYY-MM-DD).' });
    }
    return;
  }
  // Year first with other separators or unpadded parts is unambiguous: offer the ISO form.
  const loose = LOOSE_YMD.exec(raw);
  if (loose && isCalendarDate(+loose[1]!, +loose[2]!, +loose[3]!)) {
    const fixed = `${loose[1]}-${loose[2]!.padStart(2, '0')}-${loose[3]!.padStart(2, '0')}`;
    report({
      range,
      message: '"date" should be written YYYY-MM-DD.',
      fix: { title: `Write the date as ${fixed}`, edits: [{ range: e.valueRange, newText: fixed }] },
    });
    return;
  }
  report({ range, message: '"date" should be the visit date written YYYY-MM-DD.' });
}

export function checkVisit(note: Note, e: FrontMatterEntry, report: Report): void {
  const range = valueRange(note, e);
  const value = typeof e.value === 'string' ? e.value.trim() : undefined;
  // Case is not significant: `Follow-up` is read as `follow-up`.
  if (value !== undefined && (VISIT_KINDS as readonly string[]).includes(value.toLowerCase())) return;
  const close = value === undefined ? [] : didYouMean(value, VISIT_KINDS);
  const kinds = VISIT_KINDS.join(', ');
  if (close.length === 1) {
    report({
      range,
      message: `"visit" should be one of ${kinds} — did you mean "${close[0]}"?`,
      fix: { title: `Change visit to "${close[0]}"`, edits: [{ range: e.valueRange, newText: close[0]! }] },
    });
    return;
  }
  report({ range, message: `"visit" should be one of ${kinds}.` });
}

export function checkTemplate(note: Note, e: FrontMatterEntry, templates: string[], fallback: string, report: Report): void {
  const value = typeof e.value === 'string' ? e.value.trim() : undefined;
  if (value !== undefined && templates.includes(value)) return;
  const range = valueRange(note, e);
  const sameCase = value === undefined ? [] : templates.filter((t) => t.toLowerCase() === value.toLowerCase());
  const close = sameCase.length > 0 ? sameCase : value === undefined ? [] : didYouMean(value, templates);
  const applies = templates.includes(fallback) ? ` "${fallback}" applies instead` : '';
  const base = `No template of this name is defined in the config${applies ? ';' + applies : ''}`;
  if (close.length === 1) {
    report({
      range,
      message: `${base} — did you mean "${close[0]}"?`,
      fix: { title: `Change template to "${close[0]}"`, edits: [{ range: e.valueRange, newText: close[0]! }] },
    });
    return;
  }
  report({ range, message: `${base} (defined: ${templates.join(', ')}).` });
}

/** Did-you-mean for keys: case-only differences first, then near spellings. */
export function closeKeys(key: string, known: string[]): string[] {
  const sameCase = known.filter((k) => k.toLowerCase() === key.toLowerCase());
  if (sameCase.length > 0) return sameCase;
  return didYouMean(key, known);
}

/** A key is echoed only when it looks like a key; anything else could be note content. */
export function quoteKey(key: string): string {
  return /^[\w-]{1,30}$/.test(key) ? `"${key}"` : '(this one)';
}

export function yamlMessage(message: string): string {
  const m = message.trim().replace(/\s+/g, ' ');
  // The yaml package appends the offending alias or tag; drop it, it is note content.
  const cut = m.replace(/\):\s.*$/, ')');
  const short = cut.length > 120 ? `${cut.slice(0, 117)}...` : cut;
  return /[.!?]$/.test(short) ? short : `${short}.`;
}

export function valueRange(note: Note, e: FrontMatterEntry): Range {
  return e.valueRange.end > e.valueRange.start ? firstLine(note, e.valueRange) : e.keyRange;
}

export function stringList(x: unknown): string[] {
  return Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string') : [];
}
