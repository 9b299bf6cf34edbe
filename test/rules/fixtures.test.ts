/**
 * Runs every fixture under test/fixtures/rules/<rule-id>/ with all rules enabled
 * and compares against the note's own `<!-- expect -->` block. Files under
 * `clean/` must produce no findings at all, info included: precision matters.
 * One test per file, generated from the directory listing: adding a fixture
 * adds a test. A folder may hold a `.visitnotes.yaml` (a rule that is off by
 * default, such as decision-recorded or heading-style); its notes are then
 * linted with it, as the CLI would.
 *
 * A fixture that `--fix` changes has its expected fix-all result beside it, a
 * golden file `<name>.fixed.md` (for `<name>.visit.md`), compared byte for byte.
 * `UPDATE_GOLDEN=1 npx vitest run --project engine test/rules/fixtures` writes
 * them (and deletes those no longer needed); review the diff before committing.
 */
import { describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fixAll, lintText, loadConfigFor, RULES } from '../../server/src/engine/index.ts';
import { compare, fixtureFolders, fixtureNotes, parseExpectations } from '../helpers/fixtures.ts';

const root = path.resolve(import.meta.dirname, '../fixtures/rules');
const UPDATE_GOLDEN = !!process.env.UPDATE_GOLDEN;
const goldenFor = (file: string) => file.replace(/\.visit\.md$/, '.fixed.md');

/** Compares the fix-all result with the golden file beside the fixture (or writes it). */
function checkGolden(dir: string, file: string, text: string, fixed: string): void {
  const golden = path.join(dir, goldenFor(file));
  const changed = fixed !== text;
  if (UPDATE_GOLDEN) {
    if (changed) writeFileSync(golden, fixed);
    else rmSync(golden, { force: true });
    return;
  }
  if (!changed) {
    assert.ok(!existsSync(golden), `${goldenFor(file)} exists but --fix changes nothing (UPDATE_GOLDEN=1 removes it)`);
    return;
  }
  assert.ok(existsSync(golden), `--fix changes ${file}: its expected output belongs in ${goldenFor(file)} (UPDATE_GOLDEN=1 writes it)`);
  assert.equal(fixed, readFileSync(golden, 'utf8'), `fix-all output differs from ${goldenFor(file)}`);
}

describe.each(fixtureFolders(root))('fixture %s', (folder) => {
  const dir = path.join(root, folder);
  test.each(fixtureNotes(dir))('%s', async (file) => {
    const text = readFileSync(path.join(dir, file), 'utf8');
    const expected = parseExpectations(text);
    assert.ok(expected, `${folder}/${file} has no <!-- expect --> block`);
    const config = existsSync(path.join(dir, '.visitnotes.yaml')) ? (await loadConfigFor(path.join(dir, file), { stopAt: dir })).config : undefined;
    const options = config ? { config } : {};
    const { note, findings } = lintText(text, options);
    // Rule folders assert only their own rule unless the file expects others too.
    const ruleIds = new Set(expected.map((e) => e.ruleId));
    const considered =
      folder === 'clean' ? findings : findings.filter((f) => f.ruleId === folder || ruleIds.has(f.ruleId));
    assert.deepEqual(compare(note, considered, expected), []);
    // Fixing never breaks the text: the fixed note re-lints without the fixed findings.
    const fixed = fixAll(text, options);
    checkGolden(dir, file, text, fixed.text);
    const again = lintText(fixed.text, options).findings.filter((f) => f.fix);
    assert.deepEqual(again.map((f) => f.ruleId), [], 'fixable findings remain after fixAll');
  });
});

test('every golden fixed output belongs to a fixture', () => {
  for (const folder of fixtureFolders(root)) {
    const dir = path.join(root, folder);
    const notes = new Set(fixtureNotes(dir).map(goldenFor));
    const orphans = readdirSync(dir).filter((f) => f.endsWith('.fixed.md') && !notes.has(f));
    assert.deepEqual(orphans, [], `${folder}: golden files without a fixture`);
  }
});

test('every rule has at least one firing fixture and a docs page', () => {
  for (const rule of RULES) {
    const dir = path.join(root, rule.id);
    // Cross-visit rules need several notes: their fixtures are folders under test/fixtures/visits/.
    if (!rule.crossVisit) assert.ok(existsSync(dir), `no fixtures for ${rule.id}`);
    assert.ok(existsSync(path.resolve(import.meta.dirname, `../../docs/rules/${rule.id}.md`)), `no docs for ${rule.id}`);
    assert.notEqual(rule.description, 'TODO', `${rule.id} is still a placeholder`);
  }
});
