/**
 * What prescribing, or acting on the visit, sounds like in a sentence: the
 * "tie" a pull needs before it counts as a pull toward a prescription. Verbs of
 * starting, adding and raising; the words for a medication; the push toward
 * "something" ("give her something", "something stronger"). The note's own
 * medication names count too (the rule passes them in).
 *
 * A tie is blocked when what comes right before turns it away from acting:
 * "rather than add", "before changing anything", "wants her off medication".
 */
import { fold, type Token } from '../vocabulary/index.ts';
import { forText, onFirstUse } from '../letters.ts';
import { builtinTermList } from '../vocabulary/builtin-lists.ts';

export const TIE_TERMS = builtinTermList('acting/ties', [
  'start', 'starting', 'started', 'add', 'adding', 'added', 'increase', 'increasing', 'increased', 'raise', 'raising',
  'raised', 'went up', 'go up', 'going up', 'up the dose', 'upping', 'upped', 'bump', 'bumping', 'bumped', 'boost', 'boosting',
  'prescribe', 'prescribing', 'prescribed', 'prescription', 'prescription pad', 'script', 'augment',
  'augmenting', 'augmentation', 'augmenting agent', 'titrate', 'titrating', 'uptitrate', 'uptitrating', 'switch',
  'switching', 'switched', 'change the dose', 'change the medication', 'med change', 'medication change', 'dose change',
  'act', 'acting', 'do something', 'do more', 'doing more', 'fix', 'fix it', 'intervene', 'intervening',
  'medication', 'medications', 'meds', 'med', 'medicine', 'medicines', 'drug', 'drugs', 'tablet', 'tablets', 'pill',
  'pills', 'dose', 'doses', 'dosage', 'higher dose', 'mg', 'antidepressant', 'antidepressants', 'antipsychotic',
  'antipsychotics', 'benzo', 'benzos', 'benzodiazepine', 'sedative', 'sedation', 'sedated', 'sedate', 'sleeper', 'sleeping pill',
  'sleeping tablet', 'something for sleep', 'something stronger', 'on something', 'something to offer',
  'something to give', 'give her something', 'give him something', 'give them something', 'leave with something',
  'go home with something', 'empty-handed', 'second medication', 'another medication', 'second agent',
]);

/** Words that turn the next tie away from acting ("rather than add", "off medication"). */
const BLOCKERS = new Set([
  'before', 'rather', 'instead', 'without', 'off', 'stop', 'stopping', 'reduce', 'reducing', 'lower', 'lowering', 'taper',
  'tapering', 'cut', 'cutting', 'against', 'less', 'fewer', 'nothing', 'neither', 'unrelated',
]);
const NEGATION = new Set(['not', 'no', 'never']);

export interface TieFinder {
  /** Whether a tie stands in [from, to) (token indexes), not blocked. */
  inRange(from: number, to: number): boolean;
  /** Whether the words starting at token `i` (after up to two adverbs) begin a tie: "to [just] add". */
  startsAt(i: number): boolean;
  /** Whether the word at `i` (after up to two adverbs) is a verb of giving or doing ("to give her an answer"). */
  givingAt(i: number): boolean;
}

/** Verbs of giving or doing: a wish to do these, with a tie in the sentence, is a wish to act. */
const GIVING = new Set(['give', 'offer', 'do', 'fix', 'help', 'solve', 'rescue', 'please', 'provide', 'make', 'sort', 'answer']);

const ADVERBS = new Set(['just', 'really', 'quickly', 'at', 'least', 'simply', 'actually', 'properly', 'finally', 'also', 'somehow']);

/**
 * Tie positions in `tokens`: built-in terms plus the note's medication names.
 * With `text`, a blocker only reaches across words, not across punctuation:
 * "with nothing, so I prescribed" is not blocked.
 */
export function findTies(tokens: readonly Token[], medicationNames: ReadonlySet<string>, text?: string): TieFinder {
  const starts = new Map<number, number>(); // token index → tokens spanned
  for (const m of TIE_TERMS.findInTokens(tokens)) starts.set(m.tokenIndex, m.tokenCount);
  tokens.forEach((t, i) => {
    if (!starts.has(i) && medicationNames.has(t.key)) starts.set(i, 1);
  });
  const blocked = (i: number): boolean => {
    if (NEGATION.has(tokens[i - 1]?.norm ?? '') || (tokens[i - 1]?.norm ?? '').endsWith("n't")) return true;
    for (let k = i - 1; k >= Math.max(0, i - 5); k--) {
      if (text !== undefined && /[,;:.!?()—–]/.test(text.slice(tokens[k]!.end, tokens[k + 1]!.start))) break;
      if (BLOCKERS.has(tokens[k]!.norm)) return true;
    }
    return false;
  };
  // Blocking does not depend on the question asked, so keep only the open ties, sorted: each question is a binary search.
  const open = [...starts.keys()].filter((i) => !blocked(i)).sort((a, b) => a - b);
  return {
    inRange(from, to) {
      let lo = 0;
      let hi = open.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (open[mid]! < from) lo = mid + 1;
        else hi = mid;
      }
      return lo < open.length && open[lo]! < to;
    },
    startsAt(i) {
      let k = i;
      while (k < tokens.length && k < i + 2 && ADVERBS.has(tokens[k]!.norm)) k++;
      return starts.has(k) && !blocked(k);
    },
    givingAt(i) {
      let k = i;
      while (k < tokens.length && k < i + 2 && ADVERBS.has(tokens[k]!.norm)) k++;
      return GIVING.has(tokens[k]?.norm ?? '');
    },
  };
}

const FIRST_WORD = onFirstUse(() => /[\p{L}][\p{L}\p{M}-]*/u);
const FIRST_WORD_ASCII = /[A-Za-z][A-Za-z-]*/;

/** First words of the note's medication headings, folded: "Sertraline 100 mg" → "sertraline". */
export function medicationWords(titles: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const title of titles) {
    const first = forText(title, FIRST_WORD_ASCII, FIRST_WORD).exec(title)?.[0];
    if (first && first.length >= 3) out.add(fold(first.toLowerCase()));
  }
  return out;
}
