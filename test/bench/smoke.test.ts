/**
 * CI smoke test for the benchmark: `bench/run.ts --small` (100 notes, one run of
 * each command) completes and prints its tables. It never asserts a timing.
 */
import { test } from 'vitest';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// The benchmark spawns every command several times; the child's own timeout is the limit.
test('bench: `bench/run.ts --small` runs every command and prints the tables', { timeout: 310_000 }, () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--small', '--no-build'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 300_000,
  });
  assert.equal(r.status, 0, `exit ${r.status}\n${r.stderr}`);
  assert.match(r.stdout, /^\| command \| wall/m);
  for (const label of ['markdownlint-cli2 (default rules)', 'parse-only floor: remark-parse + frontmatter + remark-gfm', 'one note, cold']) {
    assert.ok(r.stdout.includes(label), `no row for ${label}\n${r.stdout}`);
  }
  assert.match(r.stdout, /^\| ratio \| value \| target \|/m);
  assert.match(r.stdout, /incremental re-parse/);
});
