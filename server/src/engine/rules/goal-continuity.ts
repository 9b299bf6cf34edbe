/**
 * goal-continuity (cross-visit): a goal of the previous visit that does not
 * appear in this note. This visit either carries it forward (same ID), marks it `(met)`,
 * `(dropped)` or `(revised)` with a short reason, or at least mentions `[Gn]`.
 * A goal the previous visit already marked met or dropped is closed and need not
 * return. When the vanished goal reappears under a new ID (a renumbered goal),
 * the finding points there and offers to restore the old ID. The previous
 * visit's date, and suggestions that copy its goal wording, appear only when
 * both notes carry the same `patient-key` (or the wording is plain: no digits,
 * no medication name).
 */
import { defineRule, type Fix } from './types.ts';
import { goalSimilarity, parseGoalText } from '../visits/goals.ts';
import { appendGoalFix, goalTextIsPlain, mayQuote, previousVisit, renameGoalFix, sectionAnchor, visitDate } from '../visits/rule-helpers.ts';

export default defineRule({
  id: 'goal-continuity',
  description: 'A goal of the previous visit is neither carried forward, marked (met), (dropped) or (revised), nor mentioned.',
  defaultSeverity: 'info',
  defaultOptions: { requireReason: true, renameSimilarity: 0.6 },
  optionsSchema: {
    type: 'object',
    properties: {
      requireReason: {
        type: 'boolean',
        description: 'Report a (met), (dropped) or (revised) marker that gives no reason.',
      },
      renameSimilarity: {
        type: 'number',
        minimum: 0,
        maximum: 1,
        description: 'Word overlap (0..1) from which a new goal counts as the vanished goal under a new ID.',
      },
    },
    additionalProperties: false,
  },
  fixable: false,
  crossVisit: true,
  check({ note, history, options, report }) {
    if (!history) return;
    const prev = previousVisit(history);
    if (prev) {
      const when = visitDate(history, prev);
      const on = mayQuote(history, prev) && prev.date ? ` from ${prev.date}` : '';
      const defined = new Set(note.goals.map((g) => g.id));
      const mentioned = new Set(note.goalReferences.map((r) => r.id));
      const previousIds = new Set(prev.goals.map((g) => g.id));
      const claimed = new Set<string>();
      for (const old of prev.goals) {
        if (old.status === 'met' || old.status === 'dropped') continue;
        if (defined.has(old.id) || mentioned.has(old.id)) continue;
        const renamed = note.goals.find(
          (g) =>
            !previousIds.has(g.id) &&
            !claimed.has(g.id) &&
            goalSimilarity(parseGoalText(g.text).text, old.text) >= Number(options.renameSimilarity),
        );
        if (renamed) {
          claimed.add(renamed.id);
          report({
            range: renamed.idRange,
            message: `${renamed.id} reads like ${old.id} of the previous visit${when} under a new ID — keep ${old.id} so the goal's history stays linked.`,
            suggestions: [renameGoalFix(note, renamed.id, old.id, `Use ${old.id} (as in the previous visit${when})`)],
          });
          continue;
        }
        const copy = mayQuote(history, prev) || goalTextIsPlain(old.text, prev);
        const suggestions = (
          copy
            ? [
                appendGoalFix(note, `- [${old.id}] ${old.text}`, `Carry ${old.id} forward${on}`),
                appendGoalFix(note, `- [${old.id}] ${old.text} (met: )`, `Mark ${old.id} as met (add a reason)`),
                appendGoalFix(note, `- [${old.id}] ${old.text} (dropped: )`, `Mark ${old.id} as dropped (add a reason)`),
              ]
            : ([] as (Fix | undefined)[])
        ).filter((f): f is Fix => !!f);
        report({
          range: sectionAnchor(note, 'Goals'),
          message: `${old.id} from the previous visit${when} does not appear in this note — carry it forward, or mark how it ended ((met), (dropped) or (revised)), so the course stays readable.`,
          ...(suggestions.length ? { suggestions } : {}),
        });
      }
    }
    if (options.requireReason) {
      for (const g of note.goals) {
        // Parse the source slice (not the collapsed text) so marker offsets map into the note.
        const parsed = parseGoalText(note.text.slice(g.textRange.start, g.textRange.end));
        if (!parsed.status || parsed.reason || !parsed.marker) continue;
        const start = g.textRange.start + parsed.marker.start;
        const end = g.textRange.start + parsed.marker.end;
        report({
          range: { start, end },
          message: `${g.id} is marked (${parsed.status}) without a reason — a few words (e.g. "(${parsed.status}: …)") keep the course readable.`,
        });
      }
    }
  },
});
