/**
 * statedAge looks for the words each age pattern needs before running it
 * (visits/persons.ts): on generated Stories dense with ages, the words around
 * them and letters that fold oddly, a pattern that matches is never skipped.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AGE_PATTERNS, statedAge } from '../../server/src/engine/visits/persons.ts';
import { fuzzRuns, fuzzSeed } from './fuzz-support.ts';

const PIECES = [
  'A ', '34', '58', '7', '120', '-', ' ', 'year', 'YEAR', 'Yr', 'yrs', 's', '-old', ' old', 'OLD', 'ſ', 'K', 'İ', 'y/o', 'YO', 'yo', 'y.o.', 'Y.O', 'aged ', 'AGED ',
  'Aged 67', '34-year-old', '58 y/o', '7 yo', '12 YRS OLD',
  'woman', ' M', ' F', 'mother', 'her ', 'his ', 'daughter', 'dog', ', ', '.', 'who works as a teacher', 'é', '\n',
];
const story = fc.array(fc.constantFrom(...PIECES), { maxLength: 16 }).map((xs) => xs.join(''));

describe('statedAge', () => {
  it("runs every pattern that could match: each one's words are in any text it matches", () => {
    const matched = AGE_PATTERNS.map(() => 0);
    fc.assert(
      fc.property(story, (s) => {
        AGE_PATTERNS.forEach(({ re, needs }, i) => {
          if (!new RegExp(re.source, re.flags).test(s)) return;
          matched[i]!++;
          expect(needs(s.toLowerCase()), `${re.source} on ${JSON.stringify(s)}`).toBe(true);
        });
      }),
      { numRuns: fuzzRuns(4000), seed: fuzzSeed() },
    );
    // The generator must reach every pattern, or the property says nothing about it.
    for (const n of matched) expect(n).toBeGreaterThan(20);
  });

  it('as clinicians write', () => {
    expect(statedAge('A 34-year-old woman who works as a teacher.')).toEqual({ age: 34, sex: 'f' });
    expect(statedAge('58 y/o M, here for follow-up.')).toEqual({ age: 58, sex: 'm' });
    expect(statedAge('Aged 67, retired.')).toEqual({ age: 67 });
    expect(statedAge('Her 14-year-old daughter started soccer.')).toBeUndefined();
    expect(statedAge('He describes the last month as holding his breath at work.')).toBeUndefined();
  });
});
