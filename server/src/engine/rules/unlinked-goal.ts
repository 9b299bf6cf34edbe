/**
 * unlinked-goal: a goal no medication links, while some medication entry links
 * no goal at all — so that medication may well serve this goal, and the note
 * does not say. A hint (info by default), with suggestions that link the goal
 * from that medication's Rationale.
 *
 * A goal is not expected to have a medication: the relational stance is that
 * goals are served by the person's own steps, their relationships and therapy
 * as much as by a drug. So the rule stays quiet when every medication entry
 * already links some goal, however many goals no medication serves; it speaks
 * only where a link is missing on both sides.
 *
 * Deliberately quiet:
 * - a note with no medication entries (nothing to link, e.g. nothing prescribed);
 * - every medication entry links some goal (anywhere in the entry);
 * - a goal marked `(met)` or `(dropped)`;
 * - a goal referenced in any medication entry, or in a template section named
 *   `Plan` (the intake template has one);
 * - an ID defined twice is reported once (the duplicate is `goal-id`'s).
 */
import { defineRule, type Fix } from './types.ts';
import type { Medication } from '../model/note.ts';
import { parseGoalText } from '../visits/goals.ts';
import { appendGoalEdit, medicationName } from './util.ts';

const MAX_SUGGESTIONS = 5;
const MAX_NAMED = 3;

export default defineRule({
  id: 'unlinked-goal',
  description: 'A goal no medication links, while some medication entry links no goal.',
  defaultSeverity: 'info',
  defaultOptions: {},
  fixable: false,
  check({ note, report }) {
    if (note.medications.length === 0) return;
    const linked = new Set<string>();
    const linkingMeds = new Set<number>();
    for (const r of note.goalReferences) {
      if (r.medication !== undefined) {
        linked.add(r.id);
        linkingMeds.add(r.medication);
      } else if (r.section === 'Plan') linked.add(r.id);
    }
    const unlinkedMeds = note.medications.filter((_, i) => !linkingMeds.has(i));
    if (unlinkedMeds.length === 0) return;
    const subject = describe(unlinkedMeds);
    const rationales = unlinkedMeds.flatMap((m) => {
      const field = m.fields.find((f) => f.meant === 'rationale');
      return field ? [{ name: medicationName(m.title), field }] : [];
    });
    const seen = new Set<string>();
    for (const g of note.goals) {
      if (seen.has(g.id)) continue;
      seen.add(g.id);
      if (linked.has(g.id)) continue;
      const status = parseGoalText(g.text).status;
      if (status === 'met' || status === 'dropped') continue;
      const end = Math.max(g.idRange.end, Math.min(g.textRange.end, note.lines.lineContentEnd(note.lines.lineAt(g.idRange.start))));
      const suggestions: Fix[] = rationales.slice(0, MAX_SUGGESTIONS).map((r) => ({
        title: `Link ${g.id} from the Rationale for ${r.name}`,
        edits: [appendGoalEdit(note, r.field.valueRange, g.id)],
      }));
      report({
        range: { start: g.idRange.start, end },
        message: `No medication links ${g.id}, and ${subject.names} ${subject.verb} no goal — if ${subject.one ? 'it serves' : 'one of them serves'} ${g.id}, add [${g.id}] to its Rationale.`,
        unnecessary: true,
        related: unlinkedMeds.slice(0, MAX_SUGGESTIONS).map((m) => ({ range: m.titleRange, message: `${medicationName(m.title)} links no goal` })),
        ...(suggestions.length ? { suggestions } : {}),
      });
    }
  },
});

/** "Trazodone links", "Trazodone and Quetiapine link", "Trazodone, Quetiapine and 2 more link". */
function describe(meds: readonly Medication[]): { names: string; verb: string; one: boolean } {
  const names = [...new Set(meds.map((m) => medicationName(m.title)))];
  if (names.length === 1) return { names: names[0]!, verb: 'links', one: true };
  const shown = names.length > MAX_NAMED ? [...names.slice(0, MAX_NAMED - 1), `${names.length - MAX_NAMED + 1} more`] : names;
  return { names: `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`, verb: 'link', one: false };
}
