/** The ASCII fast paths of word-edges.ts give what the Unicode patterns they stand for give. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isCapitalisedName, trimToLettersAndDigits } from '../../server/src/engine/model/word-edges.ts';

const EDGES = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;
const CAPITALISED_NAME = /^\p{Lu}[\p{L}\p{M}'’-]*\p{L}$/u;

/** ASCII of every kind (letters, digits, punctuation, controls) and the non-ASCII that decides a match. */
const UNITS = ['a', 'Z', 'm', 'Q', '0', '9', "'", '-', '(', ')', ',', '.', '*', '_', ' ', '\t', '\x7f', '\x00', '’', 'é', 'É', 'ß', 'İ', '\u0301', '٣', '²', '𝐀', '😀', '—'];
const word = fc.array(fc.constantFrom(...UNITS), { maxLength: 10 }).map((xs) => xs.join(''));
const asciiWord = fc.string({ unit: fc.integer({ min: 0, max: 127 }).map((c) => String.fromCharCode(c)), maxLength: 10 });

describe('word-edges', () => {
  it('trimToLettersAndDigits trims what the Unicode pattern trims', () => {
    for (const arb of [word, asciiWord]) {
      fc.assert(fc.property(arb, (w) => {
            expect(trimToLettersAndDigits(w)).toBe(w.replace(EDGES, ''));
          }), { numRuns: 3000 });
    }
    expect(trimToLettersAndDigits('(Sertraline),')).toBe('Sertraline');
    expect(trimToLettersAndDigits('“Élavil”')).toBe('Élavil');
  });

  it('isCapitalisedName accepts what the Unicode pattern accepts', () => {
    for (const arb of [word, asciiWord, fc.tuple(fc.constantFrom('A', 'O', 'É'), word).map(([a, b]) => a + b)]) {
      fc.assert(fc.property(arb, (w) => {
            expect(isCapitalisedName(w)).toBe(CAPITALISED_NAME.test(w));
          }), { numRuns: 3000 });
    }
    expect(isCapitalisedName("O'Neill")).toBe(true);
    expect(isCapitalisedName('Zoë')).toBe(true);
    expect(isCapitalisedName('smith')).toBe(false);
  });
});
