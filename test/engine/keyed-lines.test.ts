/**
 * KeyedLines answers from its text until looked up IN_PLACE_LOOKUPS times, then from a Map:
 * both ways must give what a Map of the lines gives, for keys in the text and keys not in it.
 */
import { expect, it } from 'vitest';
import fc from 'fast-check';
import { IN_PLACE_LOOKUPS, KeyedLines } from '../../server/src/engine/vocabulary/keyed-lines.ts';
import { fuzzRuns, fuzzSeed } from './fuzz-support.ts';

const word = fc.string({ unit: fc.constantFrom('a', 'b', 'A', ' ', '-', "'", 'é', '1'), minLength: 1, maxLength: 5 });
// Lookups include separators and pieces of lines: none may be read as a key.
const probe = fc.oneof(word, fc.constantFrom('', '~', 'a~', '~1', 'a\nb', '\n', 'a~1\nb'));

it('gives what a Map of its lines gives, read in place and then from the Map', () => {
  fc.assert(
    fc.property(fc.uniqueArray(word, { maxLength: 12 }), fc.array(probe, { maxLength: IN_PLACE_LOOKUPS + 8 }), (keys, probes) => {
      const text = keys.map((k, i) => `${k}~${i}`).join('\n');
      const expected = new Map(keys.map((k, i) => [k, i]));
      const lines = new KeyedLines(text, Number);
      // Every key, then the probes: the lookups cross the threshold in most runs.
      for (const key of [...keys, ...probes]) expect(lines.get(key), JSON.stringify([text, key])).toBe(expected.get(key));
      expect([...lines.entries()]).toEqual([...expected.entries()]);
    }),
    { numRuns: fuzzRuns(1000), seed: fuzzSeed() },
  );
});

it('finds the first and the last line, and a key that is the start of another', () => {
  const lines = new KeyedLines('ab~1\na~2\nb~3', Number);
  expect([lines.get('ab'), lines.get('a'), lines.get('b'), lines.get('c'), lines.get('')]).toEqual([1, 2, 3, undefined, undefined]);
});
