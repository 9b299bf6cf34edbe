/**
 * rationale-goal-link: a medication entry with a Rationale links no goal.
 *
 * The note format asks that every prescription say which of the person's own
 * goals it serves ("a medication works when the person can do what they could
 * not do before"). A `[G<n>]` anywhere in the entry says so — in the Rationale,
 * the Plan, a Response or the prose under the heading — so a clinician is not
 * taught to stamp the same ID into every field. An entry that links no goal
 * is reported at its Rationale, in one sentence with two forms: when the
 * Rationale names only symptoms or diagnoses ("Insomnia and nightmares.",
 * "MDD, GAD", "for anxiety") it carries the fixed phrase
 * `symptoms-only rationale, no goal linked`; otherwise `no goal linked`.
 *
 * "Only symptoms or diagnoses" means: at least one term of the symptom or
 * diagnosis vocabulary matched, and once the matched terms, filler words
 * ("and", "for", "symptoms", "ongoing"), numbers and dose words are taken away,
 * no word is left.
 *
 * A missing or empty Rationale is `medication-fields`' finding, not this rule's; a
 * near-miss name (`Rationle:`) is read as the Rationale. Any `[G<n>]` counts as
 * a link, even an undefined one (`undefined-goal` reports that). Suggestions (never a fix: only the clinician knows which goal) append
 * ` [Gn]` for each defined goal at the end of the Rationale's first paragraph,
 * before its closing punctuation (goals marked `(met)` or `(dropped)` are not
 * offered).
 */
import { defineRule, type Fix } from './types.ts';
import type { Vocabulary } from '../vocabulary/index.ts';
import { tokenize } from '../vocabulary/index.ts';
import { parseGoalText } from '../visits/goals.ts';
import { appendGoalEdit, fieldValueEnd, goalLabel, medicationName } from './util.ts';
import { hasLetterOrDigit } from '../letters.ts';

/** Words that add no purpose of the person's own to a list of symptoms or diagnoses. */
const FILLER = new Set(
  (
    // joining words
    'a an the and or nor of for to with without in on at by as from into plus also both either vs versus via per re w ' +
    'his her their its he she they them him pt patient patients current currently still some any ' +
    // clinical framing around a symptom or diagnosis
    'symptom symptoms sx treatment treatments tx treat treating treated management manage managing control controlling ' +
    'reduce reducing reduction relief relieve relieving residual breakthrough ongoing persistent persisting ' +
    'severe moderate mild chronic acute recurrent recurring episode episodes episodic comorbid comorbidity secondary ' +
    'associated related due history hx h/o partial partially response refractory resistant treatment-resistant ' +
    'remission maintenance prevention prevent preventing relapse recurrence augmentation augment augmenting ' +
    'adjunct adjunctive target targeting targeted prophylaxis prophylactic worsening worsened worse ' +
    'presumed possible probable likely r/o rule-out ' +
    // doses, schedules and changes
    'mg mcg g ml dose doses dosing daily nightly bid tid qid qd qhs qam qpm hs prn nocte am pm weekly ' +
    'titrate titration titrating continue continued start started starting increase increased decrease decreased ' +
    'taper stop switch'
  ).split(/\s+/),
);
const NUMBER = /^\d+(?:[.,]\d+)?(?:mg|mcg|g|ml|x)?$/;
const MAX_SUGGESTIONS = 10;

export default defineRule({
  id: 'rationale-goal-link',
  description: 'A medication entry links no goal (its Rationale names no goal it serves).',
  defaultSeverity: 'warning',
  defaultOptions: {},
  fixable: false,
  check({ note, vocabulary, report }) {
    // Goals marked (met) or (dropped) are not offered as links.
    const goals = uniqueGoals(note.goals).filter((g) => {
      const status = parseGoalText(g.text).status;
      return status !== 'met' && status !== 'dropped';
    });
    // A link anywhere in the entry counts: heading, any field, prose under it.
    const linkedMeds = new Set<number>();
    for (const r of note.goalReferences) if (r.medication !== undefined) linkedMeds.add(r.medication);
    note.medications.forEach((med, index) => {
      const field = med.fields.find((f) => f.meant === 'rationale');
      // A missing or empty Rationale is medication-fields' finding.
      if (!field || !hasLetterOrDigit(field.value)) return;
      if (linkedMeds.has(index)) return;
      const name = medicationName(med.title);
      const what = symptomsOnly(field.value, vocabulary) ? 'symptoms-only rationale, no goal linked' : 'no goal linked';
      const message = `Rationale for ${name}: ${what} — which goal does it serve?`;
      const suggestions: Fix[] = goals.slice(0, MAX_SUGGESTIONS).map((g) => ({
        title: `Link goal ${goalLabel(g)}`,
        edits: [appendGoalEdit(note, field.valueRange, g.id)],
      }));
      report({
        range: { start: field.nameRange.start, end: Math.max(field.nameRange.end, fieldValueEnd(note, field.valueRange)) },
        message,
        ...(suggestions.length ? { suggestions } : {}),
      });
    });
  },
});

function uniqueGoals<T extends { id: string }>(goals: readonly T[]): T[] {
  const seen = new Set<string>();
  return goals.filter((g) => (seen.has(g.id) ? false : (seen.add(g.id), true)));
}

/**
 * True when `value` names at least one symptom or diagnosis and nothing else
 * but filler, numbers and dose words.
 */
export function symptomsOnly(value: string, vocabulary: Vocabulary): boolean {
  const tokens = tokenize(value);
  const covered = new Array<boolean>(tokens.length).fill(false);
  let matched = 0;
  for (const list of [vocabulary.symptoms, vocabulary.diagnoses]) {
    for (const m of list.findInTokens(tokens)) {
      matched++;
      tokens.forEach((t, i) => {
        if (t.start >= m.start && t.end <= m.end) covered[i] = true;
      });
    }
  }
  if (matched === 0) return false;
  return tokens.every((t, i) => covered[i] || t.norm.length === 1 || FILLER.has(t.norm) || NUMBER.test(t.norm));
}
