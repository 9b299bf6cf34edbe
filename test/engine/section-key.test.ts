/**
 * normalizeSectionKey trims and collapses with character tests instead of its former
 * patterns (compiled in every cold run): it must give what those patterns gave, on any title.
 */
import { expect, it } from 'vitest';
import fc from 'fast-check';
import { normalizeSectionKey } from '../../server/src/engine/model/note.ts';
import { fuzzRuns, fuzzSeed } from './fuzz-support.ts';

const reference = (title: string) =>
  title
    .trim()
    .replace(/[\s.:;,!?\-–—]+$/u, '')
    .replace(/\s+/g, ' ')
    .toLowerCase();

const PIECES = [
  'Goals', 'Medication meaning', 'STORY', 'İ', 'ẞ', ' ', '  ', '\t', '\n', '\r\n', '\u00a0', '\u2003', '\u3000', '\ufeff', '\u2028', '\u0085', '\u200b',
  '.', ':', ';', ',', '!', '?', '-', '–', '—', '‑', '…', '(', ')', '😀', '\ud83d', '\ude00', 'é', 'x',
];

it('gives what the patterns gave', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 10 }), (pieces) => {
      const title = pieces.join('');
      expect(normalizeSectionKey(title), JSON.stringify(title)).toBe(reference(title));
    }),
    { numRuns: fuzzRuns(5000), seed: fuzzSeed() },
  );
  expect(normalizeSectionKey('  Medication   meaning:  ')).toBe('medication meaning');
  expect(normalizeSectionKey('Story —')).toBe('story');
});
