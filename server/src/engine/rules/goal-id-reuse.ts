/**
 * goal-id-reuse (cross-visit): the same goal ID names a clearly different goal
 * than in an earlier visit. IDs are how a goal's history is followed across the
 * course of care; reusing one for something else makes that history lie. The
 * comparison is word overlap (see visits/goals.ts), deliberately lenient: only
 * wording with almost nothing in common is reported, and a goal marked
 * `(revised)` is never reported.
 */
import { defineRule } from './types.ts';
import { goalSimilarity, parseGoalText } from '../visits/goals.ts';
import { mayQuote, nextFreeGoalId, renameGoalFix } from '../visits/rule-helpers.ts';

export default defineRule({
  id: 'goal-id-reuse',
  description: 'A goal ID names a clearly different goal than it did in an earlier visit.',
  defaultSeverity: 'info',
  defaultOptions: { threshold: 0.2 },
  optionsSchema: {
    type: 'object',
    properties: {
      threshold: {
        type: 'number',
        minimum: 0,
        maximum: 1,
        description: 'Report when the share of shared content words falls below this (0..1).',
      },
    },
    additionalProperties: false,
  },
  fixable: false,
  crossVisit: true,
  check({ note, history, options, report }) {
    if (!history || history.previous.length === 0) return;
    for (const g of note.goals) {
      const parsed = parseGoalText(g.text);
      if (parsed.status === 'revised') continue;
      let earlier: { date: string | undefined; text: string; quote: boolean } | undefined;
      for (let i = history.previous.length - 1; i >= 0 && !earlier; i--) {
        const visit = history.previous[i]!;
        const goal = visit.goals.find((x) => x.id === g.id);
        if (goal) earlier = { date: visit.date, text: goal.text, quote: mayQuote(history, visit) };
      }
      if (!earlier) continue;
      if (goalSimilarity(parsed.text, earlier.text) >= Number(options.threshold)) continue;
      const fresh = nextFreeGoalId(note, history);
      report({
        range: g.idRange,
        message: `${g.id} named a different goal ${earlier.quote && earlier.date ? `on ${earlier.date}` : 'in an earlier visit'} (little wording in common) — give a new goal a new ID, or mark this one (revised: reason).`,
        suggestions: [renameGoalFix(note, g.id, fresh, `Use a new ID ${fresh} for this goal`)],
      });
    }
  },
});
