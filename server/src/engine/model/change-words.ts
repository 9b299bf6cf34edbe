/**
 * What clinicians write for a medication change, and the `Change` value it
 * means. Shared by the model (an entry's `change`), `medication-fields` (a
 * did-you-mean and fix for `Change: uptitrate`) and the reading of medications
 * written as prose ("Discussed raising fluoxetine…" → increase).
 */
import { CHANGE_VALUES, type ChangeValue } from './note.ts';
import { includesAny, onFirstUse } from '../letters.ts';

/** Single words and shorthand, lowercased, with the value they mean. */
export const CHANGE_SYNONYMS: Readonly<Record<string, ChangeValue>> = {
  // start
  new: 'start', add: 'start', added: 'start', adding: 'start', begin: 'start', began: 'start', begun: 'start',
  beginning: 'start', initiate: 'start', initiated: 'start', initiating: 'start', commence: 'start',
  commenced: 'start', commencing: 'start', trial: 'start', trialled: 'start', trialed: 'start', prescribe: 'start',
  prescribed: 'start', introduce: 'start', introduced: 'start',
  // increase
  inc: 'increase', incr: 'increase', up: 'increase', uptitrate: 'increase', uptitrated: 'increase',
  uptitrating: 'increase', 'up-titrate': 'increase', 'up-titrated': 'increase', 'up-titrating': 'increase',
  titrate: 'increase', titrating: 'increase', raise: 'increase', raised: 'increase', raising: 'increase',
  double: 'increase', doubled: 'increase', doubling: 'increase', higher: 'increase', '↑': 'increase', '⬆': 'increase',
  // decrease
  dec: 'decrease', decr: 'decrease', down: 'decrease', downtitrate: 'decrease', 'down-titrate': 'decrease',
  'down-titrated': 'decrease', reduce: 'decrease', reduced: 'decrease', reducing: 'decrease', lower: 'decrease',
  lowered: 'decrease', lowering: 'decrease', halve: 'decrease', halved: 'decrease', halving: 'decrease',
  cut: 'decrease', '↓': 'decrease', '⬇': 'decrease',
  // continue
  cont: 'continue', contd: 'continue', "cont'd": 'continue', ctn: 'continue', 'c/w': 'continue', same: 'continue',
  unchanged: 'continue', maintain: 'continue', maintained: 'continue', maintaining: 'continue', keep: 'continue',
  kept: 'continue', remain: 'continue', remains: 'continue', stay: 'continue', stays: 'continue',
  // stop
  discontinue: 'stop', discontinued: 'stop', discontinuing: 'stop', dc: 'stop', 'd/c': 'stop', "dc'd": 'stop',
  "d/c'd": 'stop', dced: 'stop', cease: 'stop', ceased: 'stop', ceasing: 'stop', off: 'stop', end: 'stop',
  ended: 'stop', withdraw: 'stop', withdrawn: 'stop', withdrew: 'stop',
  // taper
  wean: 'taper', weaned: 'taper', weaning: 'taper',
  // switch
  swap: 'switch', swapped: 'switch', swapping: 'switch', 'cross-taper': 'switch', 'cross-tapered': 'switch',
  'cross-tapering': 'switch', crosstaper: 'switch', 'cross-titrate': 'switch', 'cross-titration': 'switch',
  replace: 'switch', replaced: 'switch', replacing: 'switch',
  // hold: a pause, not an end
  held: 'hold', holding: 'hold', pause: 'hold', paused: 'hold', pausing: 'hold', withhold: 'hold',
  withheld: 'hold', suspend: 'hold', suspended: 'hold', omit: 'hold', omitted: 'hold',
  // restart: back on a held or earlier medication
  resume: 'restart', resumed: 'restart', resuming: 'restart', 're-start': 'restart', 're-started': 'restart',
  reinstate: 'restart', reinstated: 'restart', reintroduce: 'restart', reintroduced: 'restart',
  're-introduce': 'restart', 're-introduced': 'restart', recommence: 'restart', recommenced: 'restart',
};

/**
 * Words that mean a change as a `Change:` value but are too common in prose to
 * read as one there ("follow up", "cut back on shifts", "the same worries").
 */
export const NOT_PROSE_VERBS: ReadonlySet<string> = new Set([
  'up', 'down', 'off', 'end', 'ended', 'keep', 'kept', 'same', 'new', 'cut', 'double', 'doubled', 'doubling',
  'higher', 'lower', 'remain', 'remains', 'stay', 'stays', 'trial', 'unchanged', 'omit', 'omitted',
]);

/**
 * A phrase that means a change. `may` is what the phrase cannot match without, tested on the
 * lowercased text: most texts hold none of it, and the pattern is then neither run nor, in a
 * cold run, compiled (test/engine/change-words.test.ts checks it never says no to a match).
 */
export interface ChangePhrase {
  /** The phrase, ignoring case. */
  re: RegExp;
  value: ChangeValue;
  may: (lower: string) => boolean;
}

const holds =
  (...words: string[]) =>
  (lower: string): boolean =>
    includesAny(lower, words);

/** Phrases, matched at the start of the text (a `Change:` value) or anywhere (prose). */
export const CHANGE_PHRASES: readonly ChangePhrase[] = [
  { re: /\bno\s+changes?\b/i, value: 'continue', may: (l) => l.includes('no') && l.includes('change') },
  { re: /\bsame\s+dose\b/i, value: 'continue', may: (l) => l.includes('same') && l.includes('dose') },
  { re: /\b(?:remains?|remaining|stays?|staying|kept|keep)\s+on\b/i, value: 'continue', may: holds('remain', 'stay', 'kept', 'keep') },
  { re: /\btitrat(?:e|ed|ing)\s+up\b/i, value: 'increase', may: holds('titrat') },
  { re: /\btitrat(?:e|ed|ing)\s+down\b/i, value: 'decrease', may: holds('titrat') },
  { re: /\bcross[\s-]?(?:taper(?:ed|ing)?|titrat(?:e|ed|ing|ion))\b/i, value: 'switch', may: holds('cross') },
  { re: /\b(?:taper(?:ed|ing)?|wean(?:ed|ing)?)\s+off\b/i, value: 'taper', may: (l) => holds('taper', 'wean')(l) && l.includes('off') },
  { re: /\bon\s+hold\b/i, value: 'hold', may: holds('hold') },
  { re: /\bhold(?:ing)?\s+off\b/i, value: 'hold', may: (l) => l.includes('hold') && l.includes('off') },
  { re: /\bback\s+on\b/i, value: 'restart', may: holds('back') },
  { re: /\bchang(?:e|ed|ing)\s+(?:over\s+)?(?:to|from)\b/i, value: 'switch', may: holds('chang') },
];

/** Phrases only prose has: "no longer on", "came off", "still on". */
const PROSE_ONLY_PHRASES: readonly ChangePhrase[] = [
  { re: /\bno\s+longer\s+(?:on|taking)\b/i, value: 'stop', may: holds('longer') },
  { re: /\b(?:came|comes|coming|went|going|now|been|be|is|are|was)\s+off\b/i, value: 'stop', may: holds('off') },
  { re: /\b(?:still|currently|remains?)\s+(?:on|taking)\b/i, value: 'continue', may: holds('still', 'currently', 'remain') },
];

/** The phrases prose is searched for (medications/clause.ts): its own, then CHANGE_PHRASES. */
export const PROSE_PHRASES: readonly ChangePhrase[] = [...PROSE_ONLY_PHRASES, ...CHANGE_PHRASES];

const prosePatterns: RegExp[] = [];

/** PROSE_PHRASES[i]'s pattern made global (once, on first use), to find every occurrence. */
export function prosePattern(i: number): RegExp {
  return (prosePatterns[i] ??= new RegExp(PROSE_PHRASES[i]!.re.source, 'gi'));
}

export function isChangeValue(w: string): w is ChangeValue {
  return (CHANGE_VALUES as readonly string[]).includes(w);
}

/** `stopped` → stop, `tapering` → taper, `increased` → increase, `held` is a synonym. */
export function inflectionOf(w: string): ChangeValue | undefined {
  return CHANGE_VALUES.find((v) => {
    const stem = v.endsWith('e') ? v.slice(0, -1) : v;
    const doubled = v + v.slice(-1);
    return [v + 's', v + 'es', stem + 'ed', stem + 'ing', doubled + 'ed', doubled + 'ing'].includes(w);
  });
}

/** The value one written word means: the value itself, an inflection or a synonym. */
export function changeOfWord(word: string): ChangeValue | undefined {
  const w = word.toLowerCase().replace(/’/g, "'").replace(/\.$/, '');
  if (isChangeValue(w)) return w;
  return inflectionOf(w) ?? (Object.hasOwn(CHANGE_SYNONYMS, w) ? CHANGE_SYNONYMS[w] : undefined);
}

/** The leading word of a `Change:` value: letters with `/`, an inner apostrophe or hyphens, or an arrow. */
export const CHANGE_WORD = onFirstUse(() => /^(?:[↑↓⬆⬇]|\p{L}[\p{L}/]*(?:['’]\p{L}+)?(?:-\p{L}+)*)/u);
/** CHANGE_WORD for ASCII text, where `\p{L}` is `[A-Za-z]` and `’` and the arrows cannot occur. */
const ASCII_CHANGE_WORD = /^[A-Za-z][A-Za-z/]*(?:'[A-Za-z]+)?(?:-[A-Za-z]+)*/;
/** Where a CHANGE_WORD match must end, at the latest: the first character that no such word holds, if ASCII. */
const CHANGE_WORD_REACH = /[^A-Za-z/'-]/;

/**
 * CHANGE_WORD's match at the start of `text`. Compiling CHANGE_WORD costs a cold run
 * ~4 ms (each `\p{L}` is a large class in Unicode mode), and a `Change:` value almost
 * always starts with an ASCII word: when everything CHANGE_WORD could match is ASCII
 * (the first character outside `[A-Za-z/'-]` is ASCII, or there is none), the ASCII
 * pattern gives the same match (test/engine/change-words.test.ts).
 */
export function leadingChangeWord(text: string): string | undefined {
  const reach = CHANGE_WORD_REACH.exec(text);
  const ascii = reach ? text.charCodeAt(reach.index) < 128 : true;
  return (ascii ? ASCII_CHANGE_WORD : CHANGE_WORD()).exec(text)?.[0];
}

/** The value a `Change:` field's text means (phrase first, then its first word), if any. */
export function changeOfValue(value: string): ChangeValue | undefined {
  const rest = value.replace(/^[\s*_~`"'([]+/, '');
  const lower = rest.toLowerCase();
  for (const { re, value: v, may } of CHANGE_PHRASES) {
    if (!may(lower)) continue;
    const m = re.exec(rest);
    if (m && m.index === 0) return v;
  }
  const word = leadingChangeWord(rest);
  if (!word) return undefined;
  // `stop/start`, `taper-off`: the first part counts.
  const first = word.toLowerCase().split(/[/-]/)[0]!;
  return changeOfWord(word) ?? (isChangeValue(first) ? first : undefined);
}
