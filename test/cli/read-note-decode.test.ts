/**
 * decodeNote validates UTF-8 with node:buffer's isUtf8 and decodes with Buffer's own decoder,
 * instead of a fatal TextDecoder (loading Node's encoding module cost every run): on any bytes
 * it must accept, refuse and decode exactly as that TextDecoder does.
 */
import { expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeNote } from '../../server/src/node/read-note.ts';
import { fuzzRuns, fuzzSeed } from '../engine/fuzz-support.ts';

const reference = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function expected(bytes: Buffer): string | undefined {
  try {
    return reference.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Bytes that make UTF-8 hard: lead and continuation bytes, overlong forms, surrogates, a BOM, beyond U+10FFFF. */
const TRICKY = [
  [0x41], [0x0a], [0xc3, 0xa9], [0xe2, 0x80, 0x99], [0xf0, 0x9f, 0x98, 0x80], [0xef, 0xbb, 0xbf], [0x80], [0xbf], [0xc0, 0xaf], [0xc1, 0xbf],
  [0xe0, 0x80, 0xaf], [0xed, 0xa0, 0x80], [0xed, 0xbf, 0xbf], [0xf4, 0x90, 0x80, 0x80], [0xf5], [0xff], [0xc3], [0xe2, 0x80], [0xf0, 0x9f, 0x98],
];
const bytes = fc.array(fc.oneof(fc.constantFrom(...TRICKY), fc.array(fc.integer({ min: 1, max: 255 }), { maxLength: 4 })), { maxLength: 12 }).map((xs) => Buffer.from(xs.flat()));

it('accepts, refuses and decodes as a fatal TextDecoder does', () => {
  let refused = 0;
  fc.assert(
    fc.property(bytes, (b) => {
      const want = expected(b);
      const got = decodeNote(b);
      if (want === undefined) {
        refused++;
        expect(got.ok, JSON.stringify([...b])).toBe(false);
        return;
      }
      expect(got.ok, JSON.stringify([...b])).toBe(true);
      if (!got.ok) return;
      const bom = want.charCodeAt(0) === 0xfeff;
      expect(got.bom).toBe(bom);
      expect(got.text).toBe(bom ? want.slice(1) : want);
    }),
    { numRuns: fuzzRuns(3000), seed: fuzzSeed() },
  );
  expect(refused).toBeGreaterThan(100);
  expect(decodeNote(Buffer.from([0xed, 0xa0, 0x80])).ok).toBe(false); // an encoded surrogate
  expect(decodeNote(Buffer.from([0xc0, 0xaf])).ok).toBe(false); // an overlong '/'
});
