/**
 * Visit summaries travel as JSON (worker threads, the cache), so the main
 * thread gives each the shape a JSON round trip would (keys.ts `jsonShape`),
 * without the round trip. Proven equal to it on generated plain data and on
 * the summaries of real notes.
 */
import { describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { jsonShape, normalizeSummary } from '../../server/src/cli/lint/keys.ts';
import { parseWithConfig, summarizeNote, RECOMMENDED } from '../../server/src/engine/index.ts';
import { fuzzRuns, fuzzSeed } from '../engine/fuzz-support.ts';

const roundTrip = (v: unknown): unknown => JSON.parse(JSON.stringify(v) ?? 'null') as unknown;

/** Plain data as summaries hold it, plus what JSON drops or rewrites. */
const plain = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.double(),
    fc.constantFrom(-0, NaN, Infinity, -Infinity, 0),
    fc.integer(),
    fc.constant(new Date(Date.UTC(2026, 11, 4))),
    fc.constant(() => 1),
    tie('array'),
    tie('object'),
  ),
  array: fc.array(tie('value'), { maxLength: 5 }),
  object: fc.dictionary(fc.oneof(fc.string(), fc.constantFrom('0', '10', 'key', '__proto__x')), tie('value'), { maxKeys: 5 }),
}));

describe('jsonShape', () => {
  test('equals a JSON round trip on generated plain data (objects and arrays at the top)', () => {
    fc.assert(
      fc.property(fc.oneof(plain.object, plain.array), (v) => {
        const shaped = jsonShape(v);
        assert.deepEqual(shaped, roundTrip(v));
        assert.equal(JSON.stringify(shaped), JSON.stringify(v), 'the same JSON text, so the same hashes');
      }),
      { numRuns: fuzzRuns(500), seed: fuzzSeed() },
    );
  });

  test('drops undefined properties rather than keeping them as undefined', () => {
    const shaped = jsonShape({ a: undefined, b: [undefined, -0, NaN], c: 'x' }) as Record<string, unknown>;
    assert.ok(!('a' in shaped));
    assert.ok(Object.is((shaped.b as unknown[])[1], 0));
    assert.deepEqual(shaped, { b: [null, 0, null], c: 'x' });
  });

  test('the summaries of the example notes the same as a JSON round trip', () => {
    const root = path.join(import.meta.dirname, '../..');
    const dirs = [path.join(root, 'examples')];
    const files = dirs.flatMap((d) => readdirSync(d, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md')).map((f) => path.join(d, f)));
    assert.ok(files.length >= 5, 'example notes found');
    const config = RECOMMENDED;
    for (const file of files) {
      const note = parseWithConfig(readFileSync(file, 'utf8'), config);
      const summary = summarizeNote(file, note, config);
      assert.deepEqual(normalizeSummary(summary), roundTrip(summary), file);
    }
  });
});
