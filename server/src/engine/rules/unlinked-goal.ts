/**
 * unlinked-goal: a goal is defined but no medication's Rationale, Plan or
 * Response references it. A hint (info by default): a goal the medications do
 * not serve may be served by therapy or by the person's own steps, which is
 * fine — the prompt is only to make the link visible where one exists.
 *
 * Deliberately quiet:
 * - a note with no medication entries gets no findings (nothing exists to link
 *   a goal to, e.g. a visit where nothing is prescribed);
 * - a goal marked `(met)` or `(dropped)` needs no link;
 * - a reference in a template section named `Plan` (the intake template has
 *   one) counts as a link, as a medication's Plan does;
 * - an ID defined twice is reported once (the duplicate is `goal-id`'s).
 */
import { defineRule, type Fix } from './types.ts';
import { findSection } from '../model/note.ts';
import { parseGoalText } from '../visits/goals.ts';
import { appendGoalEdit, medicationName } from './util.ts';

const LINK_FIELDS = new Set(['rationale', 'plan', 'response']);
const MAX_SUGGESTIONS = 5;

export default defineRule({
  id: 'unlinked-goal',
  description: 'A goal is defined but no medication’s Rationale, Plan or Response references it.',
  defaultSeverity: 'info',
  defaultOptions: {},
  fixable: false,
  check({ note, report }) {
    if (note.medications.length === 0) return;
    const linked = new Set<string>();
    for (const r of note.goalReferences) {
      if (r.medication !== undefined && r.field !== undefined && LINK_FIELDS.has(r.field)) linked.add(r.id);
      else if (r.medication === undefined && r.section === 'Plan') linked.add(r.id);
    }
    const rationales = note.medications.flatMap((m) => {
      const field = m.fields.find((f) => f.key === 'rationale');
      return field ? [{ name: medicationName(m.title), field }] : [];
    });
    const medSection = findSection(note, 'Medication meaning');
    const seen = new Set<string>();
    for (const g of note.goals) {
      if (seen.has(g.id)) continue;
      seen.add(g.id);
      if (linked.has(g.id)) continue;
      const status = parseGoalText(g.text).status;
      if (status === 'met' || status === 'dropped') continue;
      const end = Math.max(g.idRange.end, Math.min(g.textRange.end, note.lines.lineContentEnd(note.lines.lineAt(g.idRange.start))));
      const suggestions: Fix[] =
        rationales.length <= MAX_SUGGESTIONS
          ? rationales.map((r) => ({
              title: `Link ${g.id} from the Rationale for ${r.name}`,
              edits: [appendGoalEdit(note, r.field.valueRange, g.id)],
            }))
          : [];
      report({
        range: { start: g.idRange.start, end },
        message: `No medication Rationale, Plan or Response links ${g.id}; if a medication serves this goal, add [${g.id}] there.`,
        unnecessary: true,
        ...(medSection ? { related: [{ range: medSection.titleRange, message: 'Medications that could link this goal' }] } : {}),
        ...(suggestions.length ? { suggestions } : {}),
      });
    }
  },
});
