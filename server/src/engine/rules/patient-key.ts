/**
 * patient-key (cross-visit): notes that share this note's pseudonym (or folder)
 * look like more than one person, so its course of care was cut there
 * (visits/persons.ts), and said once:
 * - `collision`: this is the first visit that shares nothing with the earlier
 *   ones of the same initials (no medication, no goal in common), or whose
 *   stated age or sex does not fit them. Later visits stay quiet: it was said.
 * - `ambiguous`: this note has no key, and notes with its pseudonym carry more
 *   than one.
 * The message names no other note's medication, date or pseudonym.
 */
import { defineRule } from './types.ts';
import type { Range } from '../model/text.ts';
import type { Note } from '../model/note.ts';

const WHY = {
  'nothing-shared': 'it shares no medication and no goal with the earlier notes',
  age: 'the age in its Story does not fit the earlier notes and their dates',
  sex: 'its Story describes someone other than the earlier notes do',
} as const;

export default defineRule({
  id: 'patient-key',
  description: 'Notes with this patient value look like two different people; continuity is not checked across them until each carries its own patient-key.',
  defaultSeverity: 'info',
  defaultOptions: {},
  fixable: false,
  crossVisit: true,
  check({ note, history, report }) {
    const notice = history?.identity;
    if (!notice || notice.at !== 'here') return;
    const message =
      notice.kind === 'ambiguous'
        ? 'Notes of more than one person share this patient value (they carry different patient keys); this note and any earlier ones without a key belong to neither course. Add their `patient-key`.'
        : `This note looks like a different person from the earlier notes with the same patient value: ${WHY[notice.reason ?? 'nothing-shared']}. ` +
          'Continuity is not checked across them; give each person’s notes their own `patient-key`.';
    report({ range: anchor(note), message });
  },
});

/** The `patient` value (never quoted), else the front matter, else the first line. */
function anchor(note: Note): Range {
  const entry = note.frontMatter?.entries.find((e) => e.key === 'patient');
  if (entry) return entry.keyRange;
  if (note.frontMatter) return { start: note.frontMatter.range.start, end: note.lines.lineContentEnd(0) };
  return { start: 0, end: note.lines.lineContentEnd(0) };
}
