/**
 * story-clinical-jargon: the Story reads like a symptom/diagnosis checklist.
 *
 * Counts the Story's words (numbers aside) and the share of them that belong to
 * a clinical term (vocabularies `symptoms`, `diagnoses`, `jargon`; a phrase such
 * as "panic attacks" counts as two clinical words). It fires when the share is at
 * least `threshold`, the Story has at least `minWords` words and at least
 * `minTerms` distinct clinical terms, so a short story that happens to mention
 * "panic attacks" once stays quiet. Reported once per Story, at its heading.
 */
import { defineRule } from './types.ts';
import type { TermList } from '../vocabulary/index.ts';
import { tokenize } from '../vocabulary/index.ts';
import { sectionRole } from '../model/note.ts';
import { charCode } from '../char-code.ts';

export interface ClinicalShare {
  words: number;
  clinicalWords: number;
  terms: number;
  share: number;
}

/** Words of `text` and how many of them fall inside a clinical term. */
export function clinicalShare(text: string, lists: readonly TermList[]): ClinicalShare {
  const tokens = tokenize(text.replace(/\[G\d{1,3}\]/g, ' '));
  const covered = new Uint8Array(tokens.length);
  let terms = 0;
  // A term counts when it covers a word no earlier term (of this or an earlier list) covered.
  const mark = (i: number, count: number) => {
    let fresh = false;
    for (let k = i; k < i + count; k++) {
      if (!covered[k]) fresh = true;
      covered[k] = 1;
    }
    if (fresh) terms++;
  };
  // Each list matches as its eachMatch would (left to right, a match skips the words
  // it spans), but only at the words some list has a term starting with: one lookup
  // per word for the three lists, and most of a Story's words start none.
  const startsTerm = firstKeysOf(lists);
  const starts: number[] = [];
  for (let i = 0; i < tokens.length; i++) if (startsTerm(tokens[i]!.key)) starts.push(i);
  for (const list of lists) {
    let next = 0;
    for (const i of starts) {
      if (i < next) continue;
      const count = list.matchLengthAt(tokens, i);
      if (count === 0) continue;
      mark(i, count);
      next = i + count;
    }
  }
  let words = 0;
  let clinicalWords = 0;
  for (let i = 0; i < tokens.length; i++) {
    // Ages, doses and dates are neither story nor jargon on their own.
    if (!covered[i] && isNumber(tokens[i]!.norm)) continue;
    words++;
    if (covered[i]) clinicalWords++;
  }
  return { words, clinicalWords, terms, share: words === 0 ? 0 : clinicalWords / words };
}

/**
 * Whether a word starts a term of some list. From the second Story read with the same lists
 * (a config's vocabularies), one set of every list's first words, made then; the first Story
 * asks each list, which a one-note run is spared building that set of a thousand words for.
 */
const firstKeys = new WeakMap<TermList, { lists: readonly TermList[]; keys?: ReadonlySet<string> }>();

function firstKeysOf(lists: readonly TermList[]): (key: string) => boolean {
  const first = lists[0];
  if (!first) return () => false;
  const known = firstKeys.get(first);
  if (!known || known.lists.length !== lists.length || !known.lists.every((l, i) => l === lists[i])) {
    firstKeys.set(first, { lists: [...lists] });
    // A loop, not `lists.some((l) => …)`: that made a closure per word, almost a tenth of what
    // a one-note lint allocated.
    return (key) => {
      for (let i = 0; i < lists.length; i++) if (lists[i]!.startsTerm(key)) return true;
      return false;
    };
  }
  if (!known.keys) {
    const keys = new Set<string>();
    for (const list of lists) for (const key of list.firstKeys()) keys.add(key);
    known.keys = keys;
  }
  const keys = known.keys;
  return (key) => keys.has(key);
}

/** `/^\d+$/` without a regex call per word. */
function isNumber(word: string): boolean {
  const length = word.length;
  for (let i = 0; i < length; i++) {
    const c = charCode(word, i);
    if (c < 48 || c > 57) return false;
  }
  return length > 0;
}

/** "about 3 in 5" style wording for a share (0–1). */
export function plainShare(share: number): string {
  const pct = Math.round(share * 100);
  if (pct >= 95) return 'nearly all';
  const candidates: [number, number][] = [
    [1, 5], [1, 4], [1, 3], [2, 5], [1, 2], [3, 5], [2, 3], [3, 4], [4, 5], [9, 10],
  ];
  let best = candidates[0]!;
  for (const c of candidates) if (Math.abs(c[0] / c[1] - share) < Math.abs(best[0] / best[1] - share)) best = c;
  return `about ${best[0]} in ${best[1]}`;
}

export default defineRule({
  id: 'story-clinical-jargon',
  description: 'The Story reads like a symptom and diagnosis checklist rather than the person’s story.',
  defaultSeverity: 'info',
  defaultOptions: { threshold: 0.25, minWords: 8, minTerms: 3 },
  optionsSchema: {
    type: 'object',
    properties: {
      threshold: { type: 'number', minimum: 0, maximum: 1, description: 'Share of clinical words (0–1) at or above which the rule fires.' },
      minWords: { type: 'integer', minimum: 0, description: 'Stories with fewer words are not judged.' },
      minTerms: { type: 'integer', minimum: 1, description: 'Minimum number of clinical terms before the rule fires.' },
    },
    additionalProperties: false,
  },
  fixable: false,
  check({ note, options, vocabulary, report }) {
    const threshold = num(options.threshold, 0.25);
    const minWords = num(options.minWords, 8);
    const minTerms = num(options.minTerms, 3);
    for (const section of note.sections) {
      if (sectionRole(section) !== 'Story') continue;
      const s = clinicalShare(section.text, [vocabulary.symptoms, vocabulary.diagnoses, vocabulary.jargon]);
      if (s.words < minWords || s.terms < minTerms || s.share < threshold) continue;
      report({
        range: section.headingRange,
        message:
          `The ${section.title.trim() || 'Story'} reads like a symptom checklist: ${s.clinicalWords} of ${s.words} words ` +
          `(${plainShare(s.share)}) are symptom, diagnosis or chart terms. ` +
          'What has been happening in the person’s life, in their own words?',
      });
    }
  },
});

function num(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}
