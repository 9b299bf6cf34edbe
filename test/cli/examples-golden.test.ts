/**
 * `visitnotes lint --format json` on the examples, and `--fix` on a copy of
 * them, byte for byte against committed golden files: the run's refactorings
 * (engine lintFiles/outputFixes, fixAll from the first lint) must not change
 * what a CI maintainer sees. Paths are made relative to the copy; nothing else
 * is normalised (the JSON output has no timing fields).
 *
 * After an intended change of output: VISITNOTES_UPDATE_GOLDEN=1 rewrites the
 * golden files; review their diff like code.
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ensureBuilt, removeProject, runCli, tempProject } from './helpers.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const GOLDEN = path.join(ROOT, 'test/fixtures/golden');
const update = process.env.VISITNOTES_UPDATE_GOLDEN === '1';

function matchesGolden(name: string, actual: string): void {
  const file = path.join(GOLDEN, name);
  if (update || !existsSync(file)) writeFileSync(file, actual);
  assert.equal(actual, readFileSync(file, 'utf8'), `${name} differs from the golden file`);
}

/** The run's JSON with the copy's absolute folder replaced by `<examples>`. */
const relative = (json: string, dir: string) => json.split(JSON.stringify(dir).slice(1, -1)).join('<examples>');

describe('the examples, as the CLI reports and fixes them', () => {
  let dir: string;
  beforeAll(() => {
    ensureBuilt();
    dir = tempProject();
    cpSync(path.join(ROOT, 'examples'), dir, { recursive: true });
  });
  afterAll(() => removeProject(dir));

  test('lint --format json', async () => {
    const r = await runCli(['lint', '.', '--format', 'json'], { cwd: dir });
    assert.equal(r.stderr, '');
    matchesGolden('examples-lint.json', `exit ${r.code}\n${relative(r.stdout, dir)}\n`);
  });

  test('lint --fix --format json, and the fixed notes', async () => {
    const r = await runCli(['lint', '.', '--fix', '--format', 'json'], { cwd: dir });
    assert.equal(r.stderr, '');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.md'))
      .sort()
      .map((f) => `${createHash('sha256').update(readFileSync(path.join(dir, f))).digest('hex')}  ${f.split(path.sep).join('/')}`);
    matchesGolden('examples-fix.json', `exit ${r.code}\n${relative(r.stdout, dir)}\n`);
    matchesGolden('examples-fixed.sha256', `${files.join('\n')}\n`);
  });
});
