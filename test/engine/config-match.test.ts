/**
 * Which files are notes: every `*.visit.md`, plus `.md` files matched by
 * `include` (relative to the config file's folder), minus `ignore`.
 */
import { test } from 'vitest';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createNoteMatcher,
  isNoteFile,
  loadConfigFor,
  normalizeGlob,
  noteMatcherFor,
  RECOMMENDED,
} from '../../server/src/engine/index.ts';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/config');
const ROOT = path.join(FIXTURES, 'match');
const at = (...p: string[]) => path.join(ROOT, ...p);

test('the match fixture: include adds .md files, ignore removes files and folders', async () => {
  const loaded = await loadConfigFor(at('notes/session.md'), { stopAt: FIXTURES });
  assert.equal(loaded.file, at('.visitnotes.yaml'));
  const cases: [string, boolean][] = [
    // Every *.visit.md is a note, at any depth.
    ['a.visit.md', true],
    ['deep/er/b.visit.md', true],
    ['B.VISIT.MD', true],
    // include: notes/**/*.md, intake.md
    ['notes/session.md', true],
    ['notes/2026/jan/session.md', true],
    ['intake.md', true],
    ['other/intake.md', true], // a glob without a slash matches a name at any depth, as in .gitignore
    ['README.md', false],
    ['notes/session.txt', false],
    ['notes/session.markdown', false],
    // ignore: drafts (any depth, file or folder), **/*.template.md, /notes/archive/
    ['drafts/wip.visit.md', false],
    ['notes/drafts/x.md', false],
    ['notes/intake.template.md', false],
    ['x.template.md', false],
    ['notes/archive/2019/old.visit.md', false],
    ['other/notes/archive/kept.visit.md', true],
    // Never notes: node_modules and .git.
    ['node_modules/pkg/readme.visit.md', false],
    ['notes/.git/x.md', false],
  ];
  for (const [rel, expected] of cases) {
    assert.equal(isNoteFile(at(rel), loaded), expected, `${rel} should ${expected ? '' : 'not '}be a note`);
  }
});

test('globs are relative to the config file’s folder; files outside it are only *.visit.md', () => {
  const m = createNoteMatcher({ include: ['notes/**/*.md'], ignore: ['drafts'] }, '/prog/site');
  assert.equal(m.root, path.resolve('/prog/site'));
  assert.equal(m.isNote('/prog/site/notes/a.md'), true);
  assert.equal(m.isNote('/prog/notes/a.md'), false); // outside the root: include does not reach
  assert.equal(m.isNote('/prog/drafts/a.visit.md'), true); // outside the root: ignore does not reach either
  assert.equal(m.isNote('/prog/site/drafts/a.visit.md'), false);
  assert.equal(m.isNote('/elsewhere/x.visit.md'), true);
});

test('include does not reach into dot-folders unless it names them; ignore does', () => {
  const m = createNoteMatcher({ include: ['**/*.md', '.notes/*.md'], ignore: ['**/secret/**'] }, '/p');
  assert.equal(m.isNote('/p/a.md'), true);
  assert.equal(m.isNote('/p/.github/PULL_REQUEST_TEMPLATE.md'), false);
  assert.equal(m.isNote('/p/.notes/a.md'), true);
  const ig = createNoteMatcher({ include: [], ignore: ['*'] }, '/p');
  assert.equal(ig.isNote('/p/.hidden/a.visit.md'), false);
});

test('isIgnored prunes whole folders; isIncluded ignores ignore', () => {
  const m = createNoteMatcher({ include: ['notes/**'], ignore: ['archive', 'notes/old/'] }, '/p');
  assert.equal(m.isIgnored('/p/archive'), true);
  assert.equal(m.isIgnored('/p/x/archive'), true);
  assert.equal(m.isIgnored('/p/notes/old'), true);
  assert.equal(m.isIgnored('/p/notes'), false);
  assert.equal(m.isIgnored('/p/node_modules'), true);
  assert.equal(m.isIncluded('/p/notes/old/a.md'), true);
  assert.equal(m.isNote('/p/notes/old/a.md'), false);
  assert.equal(m.isNote('/p/notes/new/a.md'), true);
});

test('without a config file: only *.visit.md, never under node_modules', () => {
  const loaded = { config: RECOMMENDED, file: undefined };
  assert.equal(isNoteFile('/any/where/a.visit.md', loaded), true);
  assert.equal(isNoteFile('/any/where/a.md', loaded), false);
  assert.equal(isNoteFile('/any/node_modules/a.visit.md', loaded), false);
  assert.equal(noteMatcherFor(loaded).root, undefined);
  // One matcher per LoadedConfig.
  assert.equal(noteMatcherFor(loaded), noteMatcherFor(loaded));
});

test('normalizeGlob: gitignore-like anchoring', () => {
  assert.equal(normalizeGlob('drafts'), '**/drafts');
  assert.equal(normalizeGlob('drafts/'), '**/drafts');
  assert.equal(normalizeGlob('/README.md'), 'README.md');
  assert.equal(normalizeGlob('./notes/**/*.md'), 'notes/**/*.md');
  assert.equal(normalizeGlob('notes\\*.md'), 'notes/*.md');
  assert.equal(normalizeGlob('**/*.md'), '**/*.md');
});
