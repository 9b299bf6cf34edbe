/**
 * leadingChangeWord takes ASCII text through an ASCII pattern (compiling the Unicode
 * CHANGE_WORD costs a cold run ~4 ms): it must find exactly what CHANGE_WORD finds.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CHANGE_WORD, changeOfValue, leadingChangeWord } from '../../server/src/engine/model/change-words.ts';

/** The characters that decide a match, ASCII and not: letters, marks, joiners, arrows, an astral letter. */
const PIECES = ['a', 'Z', 'q', '/', "'", '’', '-', ' ', '.', '1', '_', 'é', 'ß', 'Ω', 'ж', '\u0301', '↑', '⬇', '𝐀', '😀', '\t', 'x-', "n't", 'mg'];

describe('leadingChangeWord', () => {
  it.each(['increase', 'Stopped.', 'stop/start', 'taper-off today', "don't", 'don’t', 'ﬁx', '↑ dose', 'é', 'café-au-lait', 'inc reasé', '', ' increase', '50 mg', 'x-ray’s', "rock'n'roll"])(
    'finds what CHANGE_WORD finds in %j',
    (text) => {
      expect(leadingChangeWord(text)).toBe(CHANGE_WORD().exec(text)?.[0]);
    },
  );

  it('finds what CHANGE_WORD finds on generated values', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }), (pieces) => {
        const text = pieces.join('');
        expect(leadingChangeWord(text)).toBe(CHANGE_WORD().exec(text)?.[0]);
      }),
      { numRuns: 3000 },
    );
  });

  it('reads the same values as before', () => {
    expect(changeOfValue('Increased to 100 mg')).toBe('increase');
    expect(changeOfValue('stop/start')).toBe('stop');
    expect(changeOfValue('↑ 50 mg')).toBe('increase');
    expect(changeOfValue('no change')).toBe('continue');
  });
});
