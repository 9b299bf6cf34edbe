/**
 * letters.ts gives what the Unicode patterns it stands for give, on plain text (its
 * ASCII patterns and character tests) and on any other text (the Unicode patterns).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  PUNCTUATION,
  hasLetterOrDigit,
  hasWordThenSpace,
  isLowerLetter,
  isSpaceCode,
  isPlain,
  lettersOf,
  replaceNonLettersOrDigits,
  splitOnNonLetters,
  startsCapitalThenSmall,
  startsUpper,
} from '../../server/src/engine/letters.ts';
import { fuzzRuns, fuzzSeed } from './fuzz-support.ts';

/** ASCII of every kind, the common punctuation, and non-ASCII letters, marks, digits and astral characters. */
const UNITS = [
  'a', 'z', 'A', 'Z', 'm', 'Q', '0', '9', "'", '-', '_', '(', ',', '.', ' ', '\t', '\n', '\x7f', '\x00', '@', '[', '`', '{',
  ...[...PUNCTUATION].map((c) => String.fromCharCode(c)),
  'é', 'É', 'ß', 'İ', 'ı', 'ſ', 'K', '\u0301', '٣', '²', 'Ⅻ', 'ǅ', '𝐀', '😀', '\ud800', '\udc00', '\u0085', '\u2028', '\ufeff',
];
const text = fc.array(fc.constantFrom(...UNITS), { maxLength: 12 }).map((xs) => xs.join(''));
const plainText = fc.array(fc.constantFrom(...UNITS.filter((u) => isPlain(u))), { maxLength: 12 }).map((xs) => xs.join(''));
const anyAscii = fc.string({ unit: fc.integer({ min: 0, max: 127 }).map((c) => String.fromCharCode(c)), maxLength: 12 });
const runs = { numRuns: fuzzRuns(3000), seed: fuzzSeed() };

function agree(name: string, own: (s: string) => unknown, reference: (s: string) => unknown): void {
  for (const arb of [text, plainText, anyAscii]) {
    fc.assert(
      fc.property(arb, (s) => {
        expect(own(s), `${name}(${JSON.stringify(s)})`).toEqual(reference(s));
      }),
      runs,
    );
  }
}

describe('letters.ts against the Unicode patterns', () => {
  it('the common punctuation is in none of \\p{L}, \\p{M}, \\p{N} and in the Basic Multilingual Plane', () => {
    for (const c of PUNCTUATION) {
      expect(/[\p{L}\p{M}\p{N}]/u.test(String.fromCharCode(c))).toBe(false);
      expect(c).toBeLessThan(0xd800);
    }
  });

  it('isPlain', () => {
    agree('isPlain', isPlain, (s) => [...s].every((ch) => ch.charCodeAt(0) < 128 || PUNCTUATION.has(ch.charCodeAt(0))));
  });

  it('the tests of one or two characters', () => {
    agree('hasLetterOrDigit', hasLetterOrDigit, (s) => /[\p{L}\p{N}]/u.test(s));
    agree('startsUpper', startsUpper, (s) => /^\p{Lu}/u.test(s));
    agree('startsCapitalThenSmall', startsCapitalThenSmall, (s) => /^\p{Lu}\p{Ll}/u.test(s));
    fc.assert(
      fc.property(fc.constantFrom(...UNITS, ''), (ch) => {
        expect(isLowerLetter(ch), JSON.stringify(ch)).toBe(/\p{Ll}/u.test(ch));
      }),
      runs,
    );
  });

  it('replacing and splitting', () => {
    agree('replaceNonLettersOrDigits', (s) => replaceNonLettersOrDigits(s, ' '), (s) => s.replace(/[^\p{L}\p{N}]+/gu, ' '));
    agree('replaceNonLettersOrDigits', (s) => replaceNonLettersOrDigits(s, ''), (s) => s.replace(/[^\p{L}\p{N}]+/gu, ''));
    agree('lettersOf', lettersOf, (s) => s.replace(/[^\p{L}]/gu, ''));
    agree('splitOnNonLetters', splitOnNonLetters, (s) => s.split(/[^\p{L}]+/u));
  });

  it('as clinicians write', () => {
    expect(hasLetterOrDigit('—')).toBe(false);
    expect(hasLetterOrDigit('… “ok”')).toBe(true);
    expect(hasLetterOrDigit('Zoë')).toBe(true);
    expect(startsUpper('Élodie')).toBe(true);
    expect(startsCapitalThenSmall('SSRI')).toBe(false);
    expect(startsCapitalThenSmall('Maria')).toBe(true);
    expect(replaceNonLettersOrDigits('T.B. – K7F3-Q9MR', '')).toBe('TBK7F3Q9MR');
  });
});

describe('isSpaceCode and hasWordThenSpace', () => {
  it('isSpaceCode is /\\s/ on every UTF-16 code unit', () => {
    for (let c = 0; c <= 0xffff; c++) expect(isSpaceCode(c), c.toString(16)).toBe(/\s/.test(String.fromCharCode(c)));
  });

  it('hasWordThenSpace is /word\\s/', () => {
    fc.assert(
      fc.property(text, fc.constantFrom('at', 'in', 'a'), (s, word) => {
        expect(hasWordThenSpace(s, word), JSON.stringify(s)).toBe(new RegExp(`${word}\\s`).test(s));
      }),
      runs,
    );
    expect(hasWordThenSpace('sat\u00a0down', 'at')).toBe(true);
    expect(hasWordThenSpace('that\u0085', 'at')).toBe(false);
    expect(hasWordThenSpace('at', 'at')).toBe(false);
  });
});
