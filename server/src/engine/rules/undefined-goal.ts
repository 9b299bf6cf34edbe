/**
 * undefined-goal: a `[G<n>]` reference names a goal the Goals section does not
 * define. A rationale that points at a missing goal looks linked but is not.
 *
 * The finding stands on the reference; the Goals heading is the related
 * location. When the note defines only a few goals (at most
 * `maxSuggestions`, default 5), each is offered as a replacement — as a
 * suggestion, never a fix, because only the clinician knows which goal was
 * meant (or that a goal still has to be written).
 */
import { defineRule, type Fix } from './types.ts';
import { findSection } from '../model/note.ts';
import { goalLabel } from './util.ts';

export default defineRule({
  id: 'undefined-goal',
  description: 'A [G<n>] reference names a goal that the Goals section does not define.',
  defaultSeverity: 'error',
  defaultOptions: { maxSuggestions: 5 },
  optionsSchema: {
    type: 'object',
    properties: {
      maxSuggestions: {
        type: 'integer',
        minimum: 0,
        description: 'Offer each defined goal as a replacement only when the note defines at most this many goals.',
      },
    },
    additionalProperties: false,
  },
  fixable: false,
  check({ note, options, report }) {
    const defined = new Map<string, (typeof note.goals)[number]>();
    for (const g of note.goals) if (!defined.has(g.id)) defined.set(g.id, g);
    const goalsSection = findSection(note, 'Goals');
    const max = Number(options.maxSuggestions);
    const offer = defined.size > 0 && defined.size <= (Number.isFinite(max) ? max : 5);
    for (const ref of note.goalReferences) {
      if (defined.has(ref.id)) continue;
      let message: string;
      if (!goalsSection) message = `${ref.id} is referenced, but this note has no Goals section to define it.`;
      else if (defined.size === 0) message = `${ref.id} is referenced, but the Goals section defines no goals yet.`;
      else message = `${ref.id} is referenced, but the Goals section does not define it.`;
      const suggestions: Fix[] = offer
        ? [...defined.values()].map((g) => ({
            title: `Change to ${goalLabel(g)}`,
            edits: [{ range: ref.range, newText: `[${g.id}]` }],
          }))
        : [];
      report({
        range: ref.range,
        message,
        ...(goalsSection ? { related: [{ range: goalsSection.titleRange, message: 'Goals are defined here' }] } : {}),
        ...(suggestions.length ? { suggestions } : {}),
      });
    }
  },
});
