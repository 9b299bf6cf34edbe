/**
 * countertransference-prescribing: a medication is started or increased while the
 * Countertransference section records the clinician's own pressure, frustration,
 * helplessness or urge to act. A prompt to pause, never a verdict.
 *
 * How it reads the Countertransference section:
 * - Pressure: phrases of the `pressure` vocabulary ("helpless", "urge to",
 *   "pulled to", "frustration"), skipping a mention that is negated ("I did not
 *   feel pressured", "no urge to") and one whose nearest subject is someone else
 *   ("she was frustrated with the wait", "her helplessness", "Maria was angry").
 *   A bare emotion word with no person word around it counts only in a clause
 *   about feeling ("Felt helpless."), so "We talked about anger" is not pressure.
 * - Reflection already on the page: when the section also records that the
 *   clinician noticed the pull and held back or checked it ("chose to wait",
 *   "held off", "did not act on", "asked myself whether this was for her or for
 *   me"), the prompt has been answered and the rule stays quiet, unless the
 *   started or increased medication is itself named in a sentence that records
 *   pressure without such a reflection ("I felt pushed to start quetiapine; I held
 *   off on the sertraline" still prompts for quetiapine).
 * Which changes count is the `changes` option (default `start`, `increase`; add
 * `switch` to include switches).
 */
import { defineRule } from './types.ts';
import { CHANGE_VALUES, sectionRole, type Medication, type Note } from '../model/note.ts';
import type { Range } from '../model/text.ts';
import { fold, tokenize, TermList, type Token } from '../vocabulary/index.ts';
import { regionText, type RegionText } from '../vocabulary/note-text.ts';

export interface CountertransferencePrescribingOptions extends Record<string, unknown> {
  /** `Change:` values that count as acting (default start, increase). */
  changes: string[];
  /** Phrases showing the pull was noticed and held, which answer the prompt. */
  reflectionPhrases: string[];
}

export const DEFAULT_REFLECTION_PHRASES = [
  'chose to wait', 'chose not to', 'choose to wait', 'decided to wait', 'decided not to', 'decided against',
  'held off', 'hold off', 'holding off', 'held back', 'holding back', 'hold back',
  'did not act on', "didn't act on", 'not act on', 'not to act on', 'resisted', 'resisting', 'resist',
  'waited', 'wait and see', 'sat with', 'sitting with', 'let it be',
  'not to change', 'not to add', 'not to increase', 'not to start', 'not to raise', 'not to switch',
  'checked whether', 'checked if', 'checked with myself', 'asked myself', 'wondered whether',
  'for her or for me', 'for him or for me', 'for them or for me', 'for me or for her', 'for me or for him',
  'for me or for them', 'whose distress', 'whose anxiety', 'whose need', 'talked it through', 'discussed it with',
  'took it to supervision', 'brought it to supervision', 'in supervision',
];

const NEGATORS = new Set(["not", "no", "never", "without", "didn't", "wasn't", "don't", "isn't", "hardly", "nor", "neither", "weren't", "haven't", "hadn't", "nothing", "less"]);
const FIRST_PERSON = new Set(["i", "me", "my", "myself", "mine", "i'm", "i've", "i'd", "i'll"]);
const OTHER_PERSON = new Set([
  'he', 'she', 'they', 'him', 'her', 'his', 'hers', 'their', 'them', 'theirs', 'himself', 'herself', 'themselves',
  "he's", "she's", "they're", "he'd", "she'd", "they'd", 'patient', "patient's", 'pt', 'client', 'partner', 'wife',
  'husband', 'mother', 'father', 'mum', 'mom', 'dad', 'son', 'daughter', 'family', 'sister', 'brother', 'parents',
  'friend', 'boss', 'everyone', 'somebody', 'someone',
]);
/** Capitalised words that open sentences without naming anyone. */
const OPENERS = new Set(
  (
    'the this that these those there it its when while after before today tonight then also and but so some at in on ' +
    'as a an by for with from toward towards during afterwards later still again perhaps maybe partly mostly once ' +
    'since until what which how why where if though although because felt feeling noticed found no not nothing ' +
    'we our us both all much more less very quite rather throughout overall near end start'
  ).split(/\s+/),
);
const FEELING = /\b(?:felt|feel|feels|feeling|noticed|noticing|found myself|caught myself)\b/i;

const VERB: Record<string, string> = {
  start: 'started', increase: 'increased', switch: 'switched', decrease: 'decreased', taper: 'tapered',
  stop: 'stopped', continue: 'continued', hold: 'held', restart: 'restarted',
};

const listCache = new WeakMap<readonly string[], TermList>();
function listFor(terms: readonly string[]): TermList {
  let l = listCache.get(terms);
  if (!l) listCache.set(terms, (l = new TermList(terms)));
  return l;
}

export interface PressureMention {
  /** Offsets into the scanned text. */
  start: number;
  end: number;
  /** Index of the sentence it stands in. */
  sentence: number;
}

export interface CountertransferenceReading {
  pressure: PressureMention[];
  /** Sentences (offset ranges into the text) that hold a reflection phrase. */
  reflectiveSentences: Set<number>;
  sentences: { start: number; end: number }[];
}

/** Finds clinician pressure and reflection in Countertransference prose. */
export function readCountertransference(text: string, pressure: TermList, reflection: TermList): CountertransferenceReading {
  const tokens = tokenize(text);
  const sentences = splitSentences(text);
  const sentenceStarts = sentences.map((x) => x.start);
  const sentenceOf = (offset: number) => Math.max(0, lastAtOrBefore(sentenceStarts, offset));
  const reflectiveSentences = new Set(reflection.findInTokens(tokens).map((m) => sentenceOf(m.start)));
  const clauses = clauseStarts(text);
  const selfCache = new Map<number, boolean>();
  /** Whether clause `i` is about feeling or speaks in the first person (computed once per clause). */
  const clauseSpeaksForSelf = (i: number): boolean => {
    let v = selfCache.get(i);
    if (v === undefined) {
      const clause = text.slice(clauses[i] ?? 0, clauses[i + 1] ?? text.length);
      v = FEELING.test(clause) || tokenize(clause).some((t) => FIRST_PERSON.has(t.norm));
      selfCache.set(i, v);
    }
    return v;
  };
  const out: PressureMention[] = [];
  for (const m of pressure.findInTokens(tokens)) {
    const clauseStart = clauses[lastAtOrBefore(clauses, m.start)] ?? 0;
    if (negated(tokens, m.tokenIndex, clauseStart)) continue;
    if (aboutSomeoneElse(tokens, m.tokenIndex, m.tokenCount, clauseStart, () => clauseSpeaksForSelf(lastAtOrBefore(clauses, m.start)))) continue;
    out.push({ start: m.start, end: m.end, sentence: sentenceOf(m.start) });
  }
  return { pressure: out, reflectiveSentences, sentences };
}

/** Index of the last value <= x in an ascending array (-1 if none). */
function lastAtOrBefore(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  let best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= x) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best;
}

function negated(tokens: Token[], i: number, clauseStart: number): boolean {
  for (let k = i - 1; k >= Math.max(0, i - 3); k--) {
    const t = tokens[k]!;
    if (t.start < clauseStart) break;
    if (NEGATORS.has(t.norm) || t.norm.endsWith("n't")) return true;
  }
  return false;
}

/**
 * Whose feeling is it? Walks back (within the clause, up to 15 words) to the
 * nearest person word: "I/my/me" is the clinician; "she/his/the patient" or a
 * capitalised name is someone else. "We" is skipped ("we talked about anger"
 * says nothing about whose). With no person word, a bare emotion word counts
 * only when the clause is about feeling or speaks in the first person ("Felt
 * helpless.", "Frustrated with myself."); a longer phrase
 * ("time pressure", "had to do something") counts as it stands.
 */
function aboutSomeoneElse(tokens: Token[], i: number, tokenCount: number, clauseStart: number, speaksForSelf: () => boolean): boolean {
  for (let k = i - 1; k >= Math.max(0, i - 15); k--) {
    const t = tokens[k]!;
    if (t.start < clauseStart) break;
    if (FIRST_PERSON.has(t.norm)) return false;
    if (OTHER_PERSON.has(t.norm)) return true;
    if (/^\p{Lu}\p{Ll}/u.test(t.raw) && !OPENERS.has(t.norm)) return true;
  }
  return tokenCount < 2 && !speaksForSelf();
}

function splitSentences(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let start = 0;
  for (const m of text.matchAll(/[.!?;]+(?=\s|$)|\n/g)) {
    const end = m.index! + m[0].length;
    out.push({ start, end });
    start = end;
  }
  if (start < text.length) out.push({ start, end: text.length });
  if (out.length === 0) out.push({ start: 0, end: text.length });
  return out;
}

/** Clause boundaries: sentence ends, semicolons, colons, dashes, "but", "and" after a comma. */
function clauseStarts(text: string): number[] {
  const out = [0];
  for (const m of text.matchAll(/[.!?;:—–\n]+|\s-\s|,\s*(?:but|and|while|whereas|though|although)\b|\b(?:but|while|whereas|when|because)\b/gi)) {
    out.push(m.index! + m[0].length);
  }
  return out.sort((a, b) => a - b);
}

/** "Sertraline 100 mg daily" → "Sertraline"; "Lithium carbonate 300 mg" → "Lithium carbonate". */
export function medicationName(title: string): string {
  const words = title.trim().split(/\s+/);
  const name: string[] = [];
  for (const w of words) {
    if (/^\d/.test(w) || /^\(/.test(w)) break;
    name.push(w);
    if (name.length >= 3) break;
  }
  return (name.join(' ') || title.trim()).replace(/[,;:.]+$/, '');
}

function namesMedication(words: ReadonlySet<string>, med: Medication): boolean {
  const first = tokenize(medicationName(med.title))[0];
  return !!first && first.norm.length >= 3 && words.has(fold(first.norm));
}

export default defineRule<CountertransferencePrescribingOptions>({
  id: 'countertransference-prescribing',
  description:
    'A medication is started or increased while the Countertransference section records the clinician’s own pressure to act.',
  defaultSeverity: 'info',
  defaultOptions: { changes: ['start', 'increase'], reflectionPhrases: DEFAULT_REFLECTION_PHRASES },
  optionsSchema: {
    type: 'object',
    properties: {
      changes: {
        type: 'array',
        items: { enum: [...CHANGE_VALUES] },
        description: 'Change values that count as acting (default start and increase).',
      },
      reflectionPhrases: {
        type: 'array',
        items: { type: 'string' },
        description: 'Phrases showing the pull was noticed and held (replaces the default list).',
      },
    },
    additionalProperties: false,
  },
  fixable: false,
  check({ note, options, vocabulary, report }) {
    const changes = new Set((Array.isArray(options.changes) ? options.changes : ['start', 'increase']).map((c) => String(c).toLowerCase()));
    const acting = note.medications.filter((m) => m.change !== undefined && changes.has(m.change));
    if (acting.length === 0) return;
    const section = note.sections.find((s) => sectionRole(s) === 'Countertransference');
    if (!section) return;
    const region = regionText(note, section.bodyRange);
    const reflection = listFor(Array.isArray(options.reflectionPhrases) ? options.reflectionPhrases : DEFAULT_REFLECTION_PHRASES);
    const reading = readCountertransference(region.text, vocabulary.pressure, reflection);
    if (reading.pressure.length === 0) return;
    const reflected = reading.reflectiveSentences.size > 0;
    // Words of the sentences that record pressure without a reflection.
    const unreflected = new Set<string>();
    for (const i of new Set(reading.pressure.map((p) => p.sentence))) {
      if (reading.reflectiveSentences.has(i)) continue;
      for (const t of tokenize(sentenceText(region, reading, i))) unreflected.add(fold(t.norm));
    }
    for (const med of acting) {
      // Named in a sentence that records pressure and no reflection: prompt regardless.
      const named = namesMedication(unreflected, med);
      if (reflected && !named) continue;
      report({
        range: anchor(note, med),
        message:
          `${medicationName(med.title)} is ${VERB[med.change!] ?? med.change} while the Countertransference ` +
          'section records a pull to act. Worth a moment: whose distress does this change relieve?',
        related: relatedMentions(region, reading),
      });
    }
  },
});

function sentenceText(region: RegionText, reading: CountertransferenceReading, i: number): string {
  const s = reading.sentences[i];
  return s ? region.text.slice(s.start, s.end) : '';
}

/** The `Change:` field (name through value), else the medication heading. */
function anchor(note: Note, med: Medication): Range {
  const field = med.fields.find((f) => f.key === 'change');
  if (field) return { start: field.nameRange.start, end: field.valueRange.end };
  return med.titleRange;
}

function relatedMentions(region: RegionText, reading: CountertransferenceReading) {
  return reading.pressure.slice(0, 3).map((p) => ({
    range: region.rangeOf(p.start, p.end),
    message: 'The pull to act recorded here.',
  }));
}
