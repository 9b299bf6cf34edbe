/**
 * leadingChangeWord takes ASCII text through an ASCII pattern (compiling the Unicode
 * CHANGE_WORD costs a cold run ~4 ms): it must find exactly what CHANGE_WORD finds.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CHANGE_PHRASES, CHANGE_WORD, PROSE_PHRASES, changeOfValue, leadingChangeWord } from '../../server/src/engine/model/change-words.ts';
import { fuzzRuns, fuzzSeed } from './fuzz-support.ts';

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

describe('the change phrases’ pre-checks', () => {
  // The words the phrases are made of, their near misses, cases, spaces and letters that fold oddly.
  const WORDS = [
    'no', 'NO', 'change', 'Changes', 'changed', 'changing', 'same', 'dose', 'remain', 'remains', 'Remaining', 'stay', 'stays', 'staying',
    'kept', 'keep', 'on', 'ON', 'titrate', 'Titrated', 'titrating', 'titration', 'up', 'down', 'cross', 'Cross-', 'taper', 'tapered',
    'tapering', 'wean', 'weaned', 'weaning', 'off', 'OFF', 'hold', 'holding', 'back', 'over', 'to', 'from', 'longer', 'taking', 'came',
    'comes', 'coming', 'went', 'going', 'now', 'been', 'be', 'is', 'are', 'was', 'still', 'currently', ' ', '  ', '\t', '\n', '-', '.',
    'x', 'K', 'ſ', 'İ', 'é', '\u00a0',
  ];
  const SEPARATORS = [' ', ' ', ' ', '  ', '\t', '\n', '-', '', '\u00a0', '.'];
  const text = fc
    .array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...SEPARATORS)), { maxLength: 6 })
    .map((xs) => xs.map(([w, sep]) => w + sep).join(''));

  // Every phrase's own wording, recased and respaced, between generated text.
  const SEEDS = [
    'no change', 'no changes', 'same dose', 'remain on', 'remains on', 'remaining on', 'stay on', 'staying on', 'kept on', 'keep on',
    'titrate up', 'titrated down', 'titrating up', 'cross taper', 'cross-tapered', 'crosstitration', 'taper off', 'weaning off',
    'on hold', 'hold off', 'holding off', 'back on', 'change to', 'changed over from', 'changing to', 'no longer on', 'no longer taking',
    'came off', 'is off', 'was off', 'still on', 'currently taking', 'remains taking',
  ];
  const recased = fc
    .tuple(fc.constantFrom(...SEEDS), fc.array(fc.boolean(), { minLength: 24, maxLength: 24 }), fc.constantFrom(' ', '\t', '\n', '  ', '\u00a0', '\u2028'))
    .map(([seed, upper, space]) => [...seed].map((c, i) => (c === ' ' ? space : upper[i] ? c.toUpperCase() : c)).join(''));
  const aroundSeed = fc.tuple(text, recased, text).map(([a, b, c]) => `${a} ${b} ${c}`);

  it('never turn away a text the phrase matches', () => {
    let matched = 0;
    // PROSE_PHRASES holds CHANGE_PHRASES too.
    for (const phrase of PROSE_PHRASES) {
      fc.assert(
        fc.property(fc.oneof(text, aroundSeed), (s) => {
          if (!phrase.re.test(s)) return;
          matched++;
          expect(phrase.may(s.toLowerCase()), `${phrase.re} on ${JSON.stringify(s)}`).toBe(true);
        }),
        { numRuns: fuzzRuns(1500), seed: fuzzSeed() },
      );
    }
    expect(matched).toBeGreaterThan(500);
  });

  it('turn away the values clinicians write most', () => {
    for (const value of ['continue', 'start', 'increase', 'stop', 'decrease']) {
      expect(CHANGE_PHRASES.filter((p) => p.may(value))).toEqual([]);
    }
  });
});
