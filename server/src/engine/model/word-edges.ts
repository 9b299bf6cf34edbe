/**
 * Unicode word tests with a fast path for plain text (letters.ts). A regex with Unicode
 * property classes (`\p{L}`, `\p{N}`) is compiled on first use, ~1–2 ms each on a cold
 * run, and the words these functions see (a heading's first word, a name in front matter)
 * are almost always plain, where `\p{L}` is `[A-Za-z]`, `\p{N}` is `[0-9]` and `\p{M}` is
 * empty: the ASCII patterns give the same results (test/engine/word-edges.test.ts), and
 * the Unicode ones compile only for other text.
 */
import { forText, onFirstUse } from '../letters.ts';

const EDGES = onFirstUse(() => /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu);
const ASCII_EDGES = /^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g;

/** `word` without what is not a letter or a digit at either end (`(Sertraline),` → `Sertraline`). */
export function trimToLettersAndDigits(word: string): string {
  return word.replace(forText(word, ASCII_EDGES, EDGES), '');
}

const CAPITALISED_NAME = onFirstUse(() => /^\p{Lu}[\p{L}\p{M}'’-]*\p{L}$/u);
const ASCII_CAPITALISED_NAME = /^[A-Z][A-Za-z'’-]*[A-Za-z]$/;

/** A capitalised word of two or more letters, with inner apostrophes or hyphens (`O'Neill`, `Smith-Jones`). */
export function isCapitalisedName(word: string): boolean {
  return forText(word, ASCII_CAPITALISED_NAME, CAPITALISED_NAME).test(word);
}
