/**
 * Every folder under test/fixtures/visits/ is one workspace: its notes are
 * indexed together and each note's cross-visit findings must match its own
 * `<!-- expect -->` block exactly. One test per note, generated from the
 * listing: a new folder or note is a new test.
 */
import { beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import path from 'node:path';
import { compare, fixtureFolders, parseExpectations } from '../helpers/fixtures.ts';
import { indexFolder, lintWithHistory, noteFiles, type IndexedFolder } from './helpers.ts';

const root = path.resolve(import.meta.dirname, '../fixtures/visits');

describe.each(fixtureFolders(root))('visit fixtures: %s', (folder) => {
  let indexed: IndexedFolder;
  beforeAll(async () => {
    indexed = await indexFolder(path.join(root, folder));
  });

  test('the folder holds several notes', () => {
    assert.ok(indexed.files.length > 1, `${folder} needs several notes`);
  });

  test.each(noteFiles(path.join(root, folder)).map((file) => path.relative(root, file)))('%s', (relative) => {
    const file = path.join(root, relative);
    const text = indexed.texts.get(file)!;
    const expected = parseExpectations(text);
    assert.ok(expected, `${file} has no <!-- expect --> block`);
    const { note, findings } = lintWithHistory(indexed, file);
    assert.deepEqual(compare(note, findings, expected), []);
  });
});
