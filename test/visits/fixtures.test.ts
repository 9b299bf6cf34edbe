/**
 * Every folder under test/fixtures/visits/ is one workspace: its notes are
 * indexed together and each note's cross-visit findings must match its own
 * `<!-- expect -->` block exactly.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { compare, parseExpectations } from '../helpers/fixtures.ts';
import { indexFolder, lintWithHistory } from './helpers.ts';

const root = path.resolve(import.meta.dirname, '../fixtures/visits');

for (const folder of readdirSync(root).sort()) {
  test(`visit fixtures: ${folder}`, async (t) => {
    const indexed = await indexFolder(path.join(root, folder));
    assert.ok(indexed.files.length > 1, `${folder} needs several notes`);
    for (const file of indexed.files) {
      await t.test(path.relative(root, file), () => {
        const text = indexed.texts.get(file)!;
        const expected = parseExpectations(text);
        assert.ok(expected, `${file} has no <!-- expect --> block`);
        const { note, findings } = lintWithHistory(indexed, file);
        assert.deepEqual(compare(note, findings, expected), []);
      });
    }
  });
}
