/**
 * alliance-reflection: the Alliance line of the Relationships section is only a
 * rating: "Alliance: good", "Alliance: good rapport", "Rapport: established".
 *
 * The line is a list item or paragraph in Relationships labelled Alliance,
 * Therapeutic alliance, Working alliance or Rapport (bold labels too). It is
 * reported when, once the `formulaic` vocabulary, this rule's `placeholders`
 * and filler words are taken away, nothing is left. A Relationships section
 * without an Alliance line is not reported: the line is optional.
 */
import { defineRule } from './types.ts';
import { FIELD_FILLER, onlyPlaceholders, placeholderLists } from '../reading/placeholder.ts';
import { relationshipLines } from '../reading/relationships.ts';
import { firstLine, placeholdersOption } from './util.ts';
import { hasLetterOrDigit } from '../letters.ts';
import { builtinTermList } from '../vocabulary/builtin-lists.ts';

export const DEFAULT_ALLIANCE_PLACEHOLDERS = [
  'good', 'very good', 'fair', 'poor', 'ok', 'okay', 'strong', 'positive', 'solid', 'established', 'good rapport',
  'engaged', 'engaging', 'cooperative', 'co-operative', 'pleasant', 'adequate', 'intact', 'eye contact',
  'good eye contact', 'stable', 'fine', 'reasonable', 'satisfactory', 'excellent', 'as before', 'unchanged',
  'maintained', 'building', 'developing', 'improving', 'appropriate', 'friendly', 'polite', 'easy', 'warm',
];
// Named, so the build compiles it (termListFor finds it by this array when the option is left alone).
builtinTermList('alliance-reflection/placeholders', DEFAULT_ALLIANCE_PLACEHOLDERS);

const LABEL = /^(?:(?:the\s+)?(?:therapeutic|working)\s+)?(?:alliance|rapport)(?:\s+with\s+(?:me|us|clinician|prescriber))?$/i;


export default defineRule({
  id: 'alliance-reflection',
  description: 'The Alliance line in Relationships is only a rating ("good", "good rapport") and says nothing of what happened between you.',
  defaultSeverity: 'info',
  defaultOptions: { placeholders: DEFAULT_ALLIANCE_PLACEHOLDERS },
  optionsSchema: {
    type: 'object',
    properties: {
      placeholders: placeholdersOption('Words that rate the alliance without describing it (replaces the built-in list; the formulaic vocabulary applies too).'),
    },
    additionalProperties: false,
  },
  fixable: false,
  check({ note, options, vocabulary, report }) {
    const placeholders = placeholderLists(vocabulary.formulaic, options.placeholders);
    for (const line of relationshipLines(note)) {
      if (!LABEL.test(line.label)) continue;
      // An empty line is a gap, not a rating: empty-section and the reader catch it.
      if (!hasLetterOrDigit(line.value)) continue;
      if (!onlyPlaceholders(line.value, placeholders, FIELD_FILLER)) continue;
      report({
        range: firstLine(note, { start: line.labelRange.start, end: line.valueRange.end }),
        message: `The ${line.label} line holds only a rating. What happened between the two of you today: when was it easier, when harder?`,
      });
    }
  },
});
