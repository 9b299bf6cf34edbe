/**
 * meaning-reflection: what a medication means to the person is written as a
 * placeholder only: "Meaning: Mixed.", "Meaning: Not explored this visit.",
 * "Meaning: N/A", "Meaning: Pt agreeable to trial."
 *
 * The meaning of a medication may be recorded in any of the meaning fields
 * (Meaning, Ambivalence, Hopes and fears, Family history: model/note.ts
 * MEANING_FIELDS). An entry is reported when every meaning field it has holds
 * only placeholders (the `formulaic` vocabulary and this rule's `placeholders`)
 * and filler words. An entry with no meaning field at all, or an empty one, is
 * medication-fields' finding, not this rule's.
 */
import { defineRule } from './types.ts';
import { MEANING_FIELDS, type MedicationField } from '../model/note.ts';
import { FIELD_FILLER, onlyPlaceholders, placeholderLists } from '../reading/placeholder.ts';
import { firstLine, medicationName, placeholdersOption } from './util.ts';
import { hasLetterOrDigit } from '../letters.ts';
import { builtinTermList } from '../vocabulary/builtin-lists.ts';

export const DEFAULT_MEANING_PLACEHOLDERS = [
  'mixed', 'mixed feelings', 'ambivalent', 'positive', 'negative', 'neutral', 'accepting', 'accepts', 'agreeable',
  'agrees', 'agreed', 'compliant', 'adherent', 'willing', 'understands', 'understood', 'aware', 'unclear', 'unknown',
  'unsure', 'not sure', 'uncertain', 'indifferent', 'no strong feelings', 'no particular meaning', 'none expressed',
  'not asked', "didn't ask", 'did not ask', 'to explore', 'explore next time', 'will explore', 'to be explored', 'tbc',
  'okay with it', 'ok with it', 'fine with it', 'happy with it', 'happy', 'no objections', 'consents', 'consented',
  'verbalized understanding', 'verbalised understanding', 'good understanding', 'good insight',
];
// Named, so the build compiles it (termListFor finds it by this array when the option is left alone).
builtinTermList('meaning-reflection/placeholders', DEFAULT_MEANING_PLACEHOLDERS);

const MEANING_KEYS = new Set(MEANING_FIELDS.map((f) => f.toLowerCase()));


export default defineRule({
  id: 'meaning-reflection',
  description: 'What a medication means to the person is written only as a placeholder ("Mixed.", "N/A", "Not explored this visit.").',
  defaultSeverity: 'warning',
  defaultOptions: { placeholders: DEFAULT_MEANING_PLACEHOLDERS },
  optionsSchema: {
    type: 'object',
    properties: {
      placeholders: placeholdersOption('Words and phrases that say nothing about meaning on their own (replaces the built-in list; the formulaic vocabulary applies too).'),
    },
    additionalProperties: false,
  },
  fixable: false,
  check({ note, options, vocabulary, report }) {
    const placeholders = placeholderLists(vocabulary.formulaic, options.placeholders);
    for (const med of note.medications) {
      const meaning = med.fields.filter((f) => MEANING_KEYS.has(f.meant ?? f.key) && hasLetterOrDigit(f.value));
      if (meaning.length === 0) continue;
      if (!meaning.every((f) => onlyPlaceholders(f.value, placeholders, FIELD_FILLER))) continue;
      const at = meaning.find((f) => (f.meant ?? f.key) === 'meaning') ?? meaning[0]!;
      report({
        range: firstLine(note, span(at)),
        message: `${at.name} for ${medicationName(med.title)} holds only a placeholder. What does taking it mean to the person, and to their family?`,
      });
    }
  },
});

/** Field name through value. */
function span(f: MedicationField) {
  return { start: f.nameRange.start, end: f.valueRange.end };
}
