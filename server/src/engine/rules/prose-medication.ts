/**
 * prose-medication: a medication is discussed in the Medication meaning
 * section's prose (a paragraph, a bullet, a table row) but has no `###` entry,
 * so its Rationale, Meaning and goal link cannot be checked — and the
 * product's central question ("symptoms-only rationale, no goal linked") is
 * never asked for the way most notes are written today.
 *
 * Reported once per medication, at its first mention, with a suggestion (never
 * a `--fix`) that turns the clause into an entry (medications/entry-fix.ts).
 * Medications are recognised by name, generic or brand, from the `medications`
 * vocabulary. Quiet for mentions that are not a prescription of this visit: a
 * relative's medication, past treatment, an allergy, substance use, a declined
 * or merely considered medication, and a co-prescribed (non-psychotropic)
 * medication named without a change or a dose ("her GP manages her
 * levothyroxine"). Never in Story or Relationships. See medications/clause.ts.
 */
import { defineRule, type Fix } from './types.ts';
import type { ProseMedication } from '../medications/prose.ts';
import { findSection } from '../model/note.ts';
import { entryFix } from '../medications/entry-fix.ts';
import { currentProseMedications } from '../medications/current.ts';

const MAX_PER_SUGGESTION = 6;

export default defineRule({
  id: 'prose-medication',
  description: 'A medication is discussed in the Medication meaning prose but has no ### entry, so its rationale, meaning and goal link cannot be checked.',
  defaultSeverity: 'warning',
  defaultOptions: {},
  fixable: false,
  check({ note, vocabulary, report }) {
    const section = findSection(note, 'Medication meaning');
    if (!section) return;
    const meds = currentProseMedications(note, vocabulary.medications);
    // Every medication of a clause goes into one suggestion, so none is hidden inside another's entry.
    const byClause = new Map<string, ProseMedication[]>();
    const clauseKey = (m: ProseMedication) => `${m.unit.range.start}:${m.clause}`;
    for (const m of meds) {
      const group = byClause.get(clauseKey(m));
      if (group) group.push(m);
      else byClause.set(clauseKey(m), [m]);
    }
    const fixes = new Map<string, Fix | undefined>();
    const reported = new Set<string>();
    for (const m of meds) {
      if (reported.has(m.mention.key)) continue;
      reported.add(m.mention.key);
      const k = clauseKey(m);
      if (!fixes.has(k)) {
        const together = uniqueByKey(byClause.get(k)!);
        // A clause naming many medications is a list to restructure by hand, not one sentence.
        fixes.set(k, together.length <= MAX_PER_SUGGESTION ? entryFix(note, section, together) : undefined);
      }
      const fix = fixes.get(k);
      report({
        range: m.range,
        message: `${m.mention.name} is discussed here but has no entry, so its rationale, meaning and goal link cannot be checked.`,
        ...(fix ? { suggestions: [fix] } : {}),
      });
    }
  },
});

function uniqueByKey<T extends { mention: { key: string } }>(xs: readonly T[]): T[] {
  const seen = new Set<string>();
  return xs.filter((x) => (seen.has(x.mention.key) ? false : (seen.add(x.mention.key), true)));
}
