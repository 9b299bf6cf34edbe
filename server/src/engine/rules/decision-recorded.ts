/**
 * decision-recorded: a medication is started, increased or switched and its
 * entry does not say who decided (`- Decision: we agreed …`, `she chose …`).
 *
 * Off in `recommended` and `strict`; the `training` preset turns it on, so a
 * trainee's note records the decision as well as the reason. The rule asks
 * that the decision be recorded, never how it should have been made: "I
 * decided; she was too unwell to weigh it today" is a record too. A Decision
 * that holds only a placeholder ("N/A", "yes") counts as missing.
 */
import { defineRule } from './types.ts';
import type { Medication, Note } from '../model/note.ts';
import type { TextEdit } from './types.ts';
import { FIELD_FILLER, onlyPlaceholders, words } from '../reading/placeholder.ts';
import { changesOption, firstLine, medicationName } from './util.ts';
import { builtinTermList } from '../vocabulary/builtin-lists.ts';

const VERB: Record<string, string> = { start: 'started', increase: 'increased', switch: 'switched', decrease: 'decreased', stop: 'stopped', taper: 'tapered', continue: 'continued' };
/** Answers that name no one and nothing: "Decision: yes". */
const EMPTY_ANSWERS = builtinTermList('decision-recorded/empty-answers', ['yes', 'no', 'done', 'made', 'decided', 'see above', 'see plan', 'per plan', 'as above', 'as planned']);
const FILLER = new Set([...FIELD_FILLER, ...words('decision')]);

export default defineRule({
  id: 'decision-recorded',
  description: 'A medication is started, increased or switched and its entry does not record who decided (`Decision:`).',
  defaultSeverity: 'warning',
  defaultOptions: { changes: ['start', 'increase', 'switch'] },
  optionsSchema: {
    type: 'object',
    properties: {
      changes: changesOption('Change values that need a Decision line (default start, increase, switch).'),
    },
    additionalProperties: false,
  },
  fixable: false,
  check({ note, options, vocabulary, report }) {
    const changes = new Set((Array.isArray(options.changes) ? options.changes : ['start', 'increase', 'switch']).map((c) => String(c).toLowerCase()));
    for (const med of note.medications) {
      if (med.change === undefined || !changes.has(med.change)) continue;
      const decision = med.fields.find((f) => (f.meant ?? f.key) === 'decision');
      const recorded = decision && !onlyPlaceholders(decision.value, [vocabulary.formulaic, EMPTY_ANSWERS], FILLER);
      if (recorded) continue;
      const name = medicationName(med.title);
      const verb = VERB[med.change] ?? med.change;
      const change = med.fields.find((f) => (f.meant ?? f.key) === 'change')!;
      if (decision) {
        report({
          range: firstLine(note, { start: decision.nameRange.start, end: decision.valueRange.end }),
          message: `The Decision for ${name} names no one. Who decided, and how: “we agreed …”, “she chose …”?`,
        });
        continue;
      }
      report({
        range: firstLine(note, { start: change.nameRange.start, end: change.valueRange.end }),
        message: `${name} is ${verb} without a Decision line. Who decided, and how: “we agreed …”, “she chose …”?`,
        suggestions: [{ title: 'Add "- Decision: "', edits: [insertAfterChange(note, med)] }],
      });
    }
  },
});

/** `- Decision: ` as a new list item right after the Change field. */
function insertAfterChange(note: Note, med: Medication): TextEdit {
  const change = med.fields.find((f) => (f.meant ?? f.key) === 'change')!;
  const line = note.lines.lineText(note.lines.lineAt(change.range.start));
  const m = /^([ \t]*)([-*+])/.exec(line);
  const at = change.range.end;
  return { range: { start: at, end: at }, newText: `${note.lines.eol}${m?.[1] ?? ''}${m?.[2] ?? '-'} Decision: ` };
}
