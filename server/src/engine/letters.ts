/**
 * Tests of letters and digits that read Unicode classes (`\p{L}`, `\p{Lu}`, `\p{N}`) with
 * a fast path for plain text.
 *
 * Why: V8 builds a `\p{…}` class from ICU the first time a regex runs, 0.2–2 ms each. In a
 * cold one-note run these classes were a third of the instructions the engine added to
 * Node's own start-up (issue 12, goal 4). The text these tests see is almost always plain:
 * ASCII, plus the non-ASCII punctuation notes are full of (PUNCTUATION: curly quotes,
 * dashes, ellipsis, bullets). In plain text `\p{L}` is `[A-Za-z]`, `\p{Lu}` is `[A-Z]`,
 * `\p{Ll}` is `[a-z]`, `\p{N}` is `[0-9]` and `\p{M}` is empty. So each function here uses
 * an ASCII pattern for plain text and the Unicode pattern otherwise. Its comment names the
 * Unicode pattern it gives the result of; test/engine/letters.test.ts checks each against it.
 */
import { charCode } from './char-code.ts';

/** `’`, which words may hold inside (`don’t`) and which is in none of `\p{L}\p{M}\p{N}`. */
export const RIGHT_QUOTE = 0x2019;

/**
 * Non-ASCII characters common in notes that are in none of `\p{L}\p{M}\p{N}`: curly quotes,
 * en and em dashes, ellipsis, bullet, middle dot, no-break space, degree sign, right arrow.
 * All are in the Basic Multilingual Plane, so in text of ASCII and these a `u` flag changes nothing.
 */
export const PUNCTUATION: ReadonlySet<number> = new Set([0x2018, RIGHT_QUOTE, 0x201c, 0x201d, 0x2013, 0x2014, 0x2026, 0x2022, 0x00b7, 0x00a0, 0x00b0, 0x2192]);

/** Only ASCII and PUNCTUATION: text where the ASCII forms of the Unicode classes give the same result. */
export function isPlain(s: string): boolean {
  const length = s.length;
  for (let i = 0; i < length; i++) {
    const c = charCode(s, i);
    if (c >= 128 && !PUNCTUATION.has(c)) return false;
  }
  return true;
}

/**
 * A regex made on first use. Creating a regex with `\p{…}` already parses its classes
 * from ICU (0.1–0.5 ms each), whether it runs or not; a module constant would pay that
 * in every run as the bundle starts.
 */
export function onFirstUse(make: () => RegExp): () => RegExp {
  let re: RegExp | undefined;
  return () => (re ??= make());
}

/** The ASCII pattern for plain text, else the Unicode one (made on first use). */
export function forText(s: string, plain: RegExp, unicode: () => RegExp): RegExp {
  return isPlain(s) ? plain : unicode();
}

/** An ASCII letter or digit: the only ASCII characters in `\p{L}\p{M}\p{N}`. */
export function isAsciiLetterOrDigit(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}

const LETTER_OR_DIGIT = onFirstUse(() => /[\p{L}\p{N}]/u);

/** `/[\p{L}\p{N}]/u.test(s)`: some letter or digit (a field that holds words, not only punctuation). */
export function hasLetterOrDigit(s: string): boolean {
  const length = s.length;
  for (let i = 0; i < length; i++) {
    const c = charCode(s, i);
    if (c < 128) {
      if (isAsciiLetterOrDigit(c)) return true;
    } else if (!PUNCTUATION.has(c)) return LETTER_OR_DIGIT().test(s);
  }
  return false;
}

const STARTS_UPPER = onFirstUse(() => /^\p{Lu}/u);

/** `/^\p{Lu}/u.test(s)`: begins with a capital letter. */
export function startsUpper(s: string): boolean {
  if (s === '') return false;
  const c = charCode(s, 0);
  if (c < 128) return c >= 65 && c <= 90;
  return PUNCTUATION.has(c) ? false : STARTS_UPPER().test(s);
}

const CAPITAL_THEN_SMALL = onFirstUse(() => /^\p{Lu}\p{Ll}/u);

/** `/^\p{Lu}\p{Ll}/u.test(s)`: a capital then a small letter, as a name is written ("Maria", not "SSRI"). */
export function startsCapitalThenSmall(s: string): boolean {
  if (s.length < 2) return false;
  const a = charCode(s, 0);
  if (a < 128 || PUNCTUATION.has(a)) {
    if (a < 65 || a > 90) return false;
    const b = charCode(s, 1);
    if (b < 128) return b >= 97 && b <= 122;
    if (PUNCTUATION.has(b)) return false;
  }
  return CAPITAL_THEN_SMALL().test(s);
}

const IS_LOWER = onFirstUse(() => /\p{Ll}/u);

/** `/\p{Ll}/u.test(s)` for one character: a lowercase letter. */
export function isLowerLetter(ch: string): boolean {
  if (ch === '') return false;
  if (ch.length === 1) {
    const c = charCode(ch, 0);
    if (c < 128) return c >= 97 && c <= 122;
    if (PUNCTUATION.has(c)) return false;
  }
  return IS_LOWER().test(ch);
}

const NOT_LETTER_OR_DIGIT = onFirstUse(() => /[^\p{L}\p{N}]+/gu);
const ASCII_NOT_LETTER_OR_DIGIT = /[^A-Za-z0-9]+/g;

/** `s.replace(/[^\p{L}\p{N}]+/gu, by)`: each run of what is not a letter or digit replaced. */
export function replaceNonLettersOrDigits(s: string, by: string): string {
  return s.replace(forText(s, ASCII_NOT_LETTER_OR_DIGIT, NOT_LETTER_OR_DIGIT), by);
}

const NOT_LETTER = onFirstUse(() => /[^\p{L}]/gu);
const ASCII_NOT_LETTER = /[^A-Za-z]/g;

/** `s.replace(/[^\p{L}]/gu, '')`: the letters of `s`. */
export function lettersOf(s: string): string {
  return s.replace(forText(s, ASCII_NOT_LETTER, NOT_LETTER), '');
}

const NON_LETTERS = onFirstUse(() => /[^\p{L}]+/u);
const ASCII_NON_LETTERS = /[^A-Za-z]+/;

/** `s.split(/[^\p{L}]+/u)`: the runs of letters (with the empty strings split gives at either end). */
export function splitOnNonLetters(s: string): string[] {
  return s.split(forText(s, ASCII_NON_LETTERS, NON_LETTERS));
}

/** Whether the code unit is one `\s` matches (JavaScript's white space and line terminators), without a regex. */
export function isSpaceCode(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** Whether `s` holds any of `parts`: the usual pre-check of a pattern, on lowercased text. */
export function includesAny(s: string, parts: readonly string[]): boolean {
  for (const part of parts) if (s.includes(part)) return true;
  return false;
}

/** Whether `word` occurs in `s` followed by a character `\s` matches. */
export function hasWordThenSpace(s: string, word: string): boolean {
  for (let at = s.indexOf(word); at >= 0; at = s.indexOf(word, at + 1)) {
    if (isSpaceCode(charCode(s, at + word.length))) return true;
  }
  return false;
}
