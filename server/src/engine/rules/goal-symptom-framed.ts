/**
 * goal-symptom-framed: a goal phrased only as symptom reduction ("Less anxiety",
 * "No more panic attacks", "Better sleep") rather than something the person
 * wants to do.
 *
 * The test is subtractive, so it stays quiet on any goal that names a purpose:
 * remove symptom and diagnosis terms (vocabularies `symptoms`, `diagnoses`,
 * `jargon`, plus the everyday symptom words of `symptomWords`), reduction verbs
 * and quantifiers ("less", "no more", "reduce", "control", "better"), time and
 * frequency words, numbers and small grammatical words; maintenance words too
 * ("maintain", "keep", "stay", "prevent"), since keeping a state is as
 * symptom-framed as reducing one, and the setting of a symptom ("at home", "in
 * the evenings"). If at least one symptom or chart term was present and nothing
 * else remains, the goal is symptom-framed: "Maintain euthymia and prevent
 * relapse", "Less irritability at home". "Sleep enough to work day shifts"
 * keeps "enough", "work", "shifts": not framed.
 */
import { defineRule } from './types.ts';
import { hasWordThenSpace, includesAny, isPlain } from '../letters.ts';
import { tokenize, fold, TermList } from '../vocabulary/index.ts';

export const DEFAULT_SYMPTOM_WORDS = [
  'sleep', 'sleeping', 'mood', 'moods', 'energy', 'appetite', 'concentration', 'focus', 'motivation',
  'irritability', 'irritable', 'euthymia', 'euthymic', 'relapse', 'relapses', 'recurrence', 'remission', 'stability',
  'stress', 'stressed', 'worry', 'worries', 'worrying', 'worried', 'nerves', 'nervous', 'sad', 'sadness',
  'tired', 'tiredness', 'angry', 'anger', 'scared', 'fear', 'fears', 'upset', 'overwhelmed', 'down',
  'crying', 'pain', 'voices', 'thoughts', 'urges', 'racing', 'dark',
];

/** Reduction verbs, quantifiers, states and the glue words that come with them. */
const REDUCTION = new Set(
  (
    'less lesser least fewer few no none not more much reduce reduced reduces reducing reduction decrease decreased ' +
    'decreasing decreases lower lowered lowering lessen lessened minimize minimise minimized minimised minimal ' +
    'eliminate eliminated elimination stop stopped stopping stops end ending ended prevent prevented prevention ' +
    'avoid avoided avoiding control controlled controlling manage managed managing management manageable ' +
    'improve improved improving improvement improvements better best good great resolve resolved resolution ' +
    'remission remit remitted relief relieve relieved ease eased easing free freedom rid gone away cure cured ' +
    'treat treated treatment stable stability stabilize stabilise stabilized stabilised stabilization ' +
    'stabilisation stabilizing stabilising fix fixed normal normalize normalise normalized normalised ' +
    'decline drop cut down resolve subside subsided diminish diminished alleviate alleviated alleviation ' +
    'intensity severity frequency frequent often episodes episode instances symptom symptoms ' +
    'having have has had get getting got experience experiencing experienced feel feeling feels felt ' +
    'be being become becoming is are am was were will would want wants wanted wish hope hoping goal goals ' +
    'again anymore ever entirely completely fully totally mostly significantly substantially overall general ' +
    'generally some any all every each lot lots bit little very so too as than below under above within ' +
    'per week weeks weekly day days daily month months monthly night nights nightly year years time times ' +
    'morning mornings evening evenings score scores points percent level levels range baseline ' +
    'a an the my his her their our your its of to in on at by for from with without and or nor but into ' +
    'i me he she they we you it this that these those there here patient pt ' +
    // maintenance: keeping a state is as symptom-framed as reducing one ("Maintain euthymia")
    'maintain maintained maintaining maintains maintenance keep keeping kept keeps sustain sustained sustaining ' +
    'preserve preserved stay staying stays remain remaining remains continue continued continuing continues ' +
    'ongoing long term long-term lasting further avoidance'
  ).split(/\s+/),
);

/**
 * Where and when a symptom is ("at home", "at night", "in the evenings"): a
 * setting does not make relief a purpose. Only these settings are dropped,
 * so "at the union meeting" or "with his son" still counts as a purpose.
 * It ends with `(?!\w)`, which after a letter is what `\b` means: with `\b` there,
 * V8 took 2.3 ms to compile the pattern, a tenth of a cold run's engine time
 * (test/engine/goal-symptom-framed-setting.test.ts checks the two agree).
 */
export const SETTING =
  /\b(?:at|in|during|around)\s+(?:the\s+|her\s+|his\s+|their\s+)?(?:home|house|work|school|college|university|night|nights|bedtime|weekends?|evenings?|mornings?|afternoons?|day|daytime|office)(?!\w)/gi;

/**
 * What SETTING cannot match without (it ignores case): one of its prepositions followed by a
 * space, and one of its words. Most goals hold no such pair, and the pattern is then never compiled.
 */
const SETTING_PREPOSITIONS = ['at', 'in', 'during', 'around'];
const SETTING_WORDS = ['home', 'house', 'work', 'school', 'college', 'university', 'night', 'bedtime', 'weekend', 'evening', 'morning', 'afternoon', 'day', 'office'];

export function mayNameSetting(text: string): boolean {
  return settingMayBeIn(text.toLowerCase());
}

function settingMayBeIn(lower: string): boolean {
  return includesAny(lower, SETTING_WORDS) && SETTING_PREPOSITIONS.some((p) => hasWordThenSpace(lower, p));
}

/** SETTING for lowercased plain text: the same matches without `i`, which costs its compile three times as much. */
const SETTING_LOWERCASE = new RegExp(SETTING.source, 'g');

/**
 * `text` with each SETTING match replaced by a space. Plain text (letters.ts) lowercases to a
 * string of the same length, so the settings are found in that without ignoring case
 * (test/engine/plain-text-patterns.test.ts checks both give the same).
 */
export function withoutSetting(text: string): string {
  const lower = text.toLowerCase();
  if (!settingMayBeIn(lower)) return text;
  if (!isPlain(text)) return text.replace(SETTING, ' ');
  let out = '';
  let last = 0;
  SETTING_LOWERCASE.lastIndex = 0;
  for (let m = SETTING_LOWERCASE.exec(lower); m; m = SETTING_LOWERCASE.exec(lower)) {
    out += text.slice(last, m.index) + ' ';
    last = m.index + m[0].length;
  }
  return last === 0 ? text : out + text.slice(last);
}

const cache = new WeakMap<readonly string[], TermList>();
function listFor(words: readonly string[]): TermList {
  let l = cache.get(words);
  if (!l) {
    l = new TermList(words);
    cache.set(words, l);
  }
  return l;
}

export default defineRule({
  id: 'goal-symptom-framed',
  description: 'A goal is phrased only as symptom reduction instead of something the person wants to do.',
  defaultSeverity: 'info',
  defaultOptions: { symptomWords: DEFAULT_SYMPTOM_WORDS, reductionWords: [] },
  optionsSchema: {
    type: 'object',
    properties: {
      symptomWords: {
        type: 'array',
        items: { type: 'string' },
        description: 'Everyday symptom words treated as symptoms in goals (replaces the default list).',
      },
      reductionWords: {
        type: 'array',
        items: { type: 'string' },
        description: 'Extra reduction or quantifier words to ignore when looking for a purpose.',
      },
    },
    additionalProperties: false,
  },
  fixable: false,
  check({ note, options, vocabulary, report }) {
    const everyday = listFor(Array.isArray(options.symptomWords) ? options.symptomWords : DEFAULT_SYMPTOM_WORDS);
    const extra = new Set((Array.isArray(options.reductionWords) ? options.reductionWords : []).map((w) => fold(String(w).toLowerCase())));
    for (const goal of note.goals) {
      if (isSymptomFramed(goal.text, [vocabulary.symptoms, vocabulary.diagnoses, everyday], vocabulary.jargon, extra)) {
        report({
          range: goal.textRange.end > goal.textRange.start ? goal.textRange : goal.idRange,
          message: `Goal ${goal.id} names only symptom relief. What would the person be able to do, or do again, once it eases?`,
        });
      }
    }
  },
});

/**
 * True when `text` names at least one symptom (from `symptomLists`) or chart term
 * (`jargon`, e.g. a rating scale), and nothing
 * purposeful survives removing symptoms, jargon, reduction words and glue words.
 */
export function isSymptomFramed(
  text: string,
  symptomLists: readonly TermList[],
  jargon: TermList,
  extraReduction: ReadonlySet<string> = new Set(),
): boolean {
  // Goal references and markup carry no purpose of their own; nor does the setting of a symptom.
  const bare = text.replace(/\[G\d{1,3}\]/g, ' ');
  const tokens = tokenize(withoutSetting(bare));
  if (tokens.length === 0) return false;
  const symptom = tokens.map(() => false);
  for (const list of symptomLists) list.covered(tokens).forEach((c, i) => (symptom[i] ||= c));
  const clinical = jargon.covered(tokens);
  // Chart terms count too: "PHQ-9 below 10", "Med compliance" name no purpose either.
  if (!symptom.some(Boolean) && !clinical.some(Boolean)) return false;
  return tokens.every((t, i) => {
    if (symptom[i] || clinical[i]) return true;
    const w = t.norm.replace(/'s$/, '');
    if (/^\d+(?:st|nd|rd|th|x|%)?$/.test(w)) return true;
    return REDUCTION.has(w) || REDUCTION.has(fold(w)) || extraReduction.has(fold(w));
  });
}
