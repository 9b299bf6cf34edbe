/**
 * medication-continuity (cross-visit): compared with the previous visit, a
 * medication appears without `Change: start` (or `switch`, or `restart` after
 * a stop), or disappears without an entry saying `Change: stop`, `taper` or
 * `switch`. A medication on `hold` is paused, not ended: it is still part of
 * the course, so it may not silently disappear either. Medications written
 * only in the Medication meaning prose count too (medications/current.ts):
 * one the previous visit named in prose is expected here, and one this visit
 * names in prose ("her GP stopped the lorazepam") has not vanished. Identity across
 * visits is the heading's first word, lowercased (the generic name), so
 * "Sertraline 100 mg" and "Sertraline 150 mg daily" are one medication.
 * The rule comments on how the course is documented, never on the choice.
 * It names the previous visit's medications and date only when both notes
 * carry the same `patient-key` (rule-helpers `mayQuote`); otherwise it says
 * how many, so one person's medication never appears in another's finding.
 */
import { defineRule, type Fix } from './types.ts';
import { findSection, type Medication, type Note } from '../model/note.ts';
import { tokenize } from '../vocabulary/index.ts';
import { medicationKey, type MedicationSummary } from '../visits/summary.ts';
import { displayName, mayQuote, previousVisit, sectionAnchor, visitDate } from '../visits/rule-helpers.ts';
import { currentProseMedications } from '../medications/current.ts';

/** Changes after which a medication may be absent next time. */
const ENDING = new Set(['stop', 'taper', 'switch']);

export default defineRule({
  id: 'medication-continuity',
  description: 'A medication appears without `Change: start`, or disappears without `Change: stop`, `taper` or `switch`, since the previous visit.',
  defaultSeverity: 'info',
  defaultOptions: {},
  fixable: false,
  crossVisit: true,
  check({ note, history, vocabulary, report }) {
    const prev = previousVisit(history);
    if (!prev) return;
    // Active at the previous visit: listed there and not stopped.
    const active = new Map<string, MedicationSummary[]>();
    const stopped = new Set<string>();
    for (const m of prev.medications) {
      if (!m.key) continue;
      if (m.change === 'stop') {
        stopped.add(m.key);
        continue;
      }
      active.set(m.key, [...(active.get(m.key) ?? []), m]);
    }

    const seen = new Set<string>();
    for (const m of note.medications) {
      const key = medicationKey(m.title);
      if (!key || seen.has(key)) continue;
      seen.add(key);
      if (active.has(key)) continue;
      const entries = note.medications.filter((x) => medicationKey(x.title) === key);
      if (entries.some((x) => x.change === 'start' || x.change === 'switch' || x.change === 'restart')) continue;
      const name = displayName(m.title);
      const restarted = stopped.has(key);
      const when = visitDate(history, prev);
      report({
        range: m.titleRange,
        message: restarted
          ? `${name} was stopped at the previous visit${when} and is listed again without \`Change: restart\` — mark the restart.`
          : `${name} was not in the previous visit${when} — mark \`Change: start\` (or \`switch\`) so the course of care stays readable.`,
        suggestions: [startFix(note, m, restarted ? 'restart' : 'start')],
      });
    }

    const quote = mayQuote(history, prev);
    let unnamed = 0;
    // Written in prose counts as present: "her GP stopped the lorazepam" documents the end.
    const here = new Set([
      ...note.medications.map((m) => medicationKey(m.title)),
      ...currentProseMedications(note, vocabulary.medications).map((m) => m.mention.key),
    ]);
    const switchWords = note.medications
      .filter((m) => m.change === 'switch')
      .map((m) => new Set([m.title, ...m.fields.map((f) => f.value)].flatMap((t) => tokenize(t).map((w) => w.norm))));
    for (const [key, entries] of active) {
      if (here.has(key)) continue;
      if (entries.some((e) => e.change !== undefined && ENDING.has(e.change))) continue;
      if (switchWords.some((words) => words.has(key))) continue;
      if (!quote) {
        unnamed++;
        continue;
      }
      const name = displayName(entries[0]!.title);
      const fix = stopEntryFix(note, entries[0]!.title);
      const held = entries.some((e) => e.change === 'hold');
      report({
        range: sectionAnchor(note, 'Medication meaning'),
        message: held
          ? `${name} was on hold at the previous visit${visitDate(history, prev)} and is not in this note — say whether it stays on hold, restarts or stops.`
          : `${name} (previous visit, ${prev.date}) is not in this note, and no entry says \`Change: stop\`, \`taper\` or \`switch\` — if it ended, say so and why.`,
        ...(fix ? { suggestions: [fix] } : {}),
      });
    }
    if (unnamed > 0) {
      report({
        range: sectionAnchor(note, 'Medication meaning'),
        message:
          `${unnamed === 1 ? 'A medication' : `${unnamed} medications`} of the previous visit ${unnamed === 1 ? 'is' : 'are'} not in this note, and no entry says ` +
          '`Change: stop`, `taper` or `switch` — if it ended, say so and why. (With the same `patient-key` on both notes, this names it.)',
      });
    }
  },
});

/** Set the entry's Change to `start` (or `restart`), or add `- Change: start` under its heading. */
function startFix(note: Note, m: Medication, value: 'start' | 'restart'): Fix {
  const change = m.fields.find((f) => f.key === 'change');
  if (change) {
    const word = /^[A-Za-z]*/.exec(note.text.slice(change.valueRange.start, change.valueRange.end))![0];
    return {
      title: `Mark as \`Change: ${value}\``,
      edits: [{ range: { start: change.valueRange.start, end: change.valueRange.start + word.length }, newText: value }],
    };
  }
  const eol = note.lines.eol;
  const at = note.lines.lineContentEnd(note.lines.lineAt(m.headingRange.start));
  return { title: `Add \`Change: ${value}\``, edits: [{ range: { start: at, end: at }, newText: `${eol}- Change: ${value}` }] };
}

/** Append `### <title>` with `- Change: stop` at the end of the Medication meaning section. */
function stopEntryFix(note: Note, title: string): Fix | undefined {
  const section = findSection(note, 'Medication meaning');
  if (!section) return undefined;
  const eol = note.lines.eol;
  let end = section.bodyRange.end;
  while (end > section.bodyRange.start && /\s/.test(note.text[end - 1]!)) end--;
  return {
    title: `Add a \`Change: stop\` entry for ${displayName(title)}`,
    edits: [{ range: { start: end, end }, newText: `${eol}${eol}### ${title}${eol}- Change: stop` }],
  };
}
