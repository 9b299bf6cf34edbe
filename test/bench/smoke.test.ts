/**
 * CI smoke tests for the benchmark. Never a wall-clock assertion:
 *
 * - a ratio measured in one process: linting a few hundred typical notes (parse,
 *   model, every rule, one thread) must take at most 0.75× the CPU time of a
 *   plain remark parse (unified + remark-parse + remark-frontmatter +
 *   remark-gfm) of the same notes; it holds on any machine, and fails when the
 *   engine's parse path or rules regress towards remark's cost (before the fast
 *   parser the ratio was about 2.1×; now about 0.15×);
 * - `bench/run.ts --small` runs every command and prints its tables.
 */
import { test } from 'vitest';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpusReader, measureInProcess } from '../../bench/in-process.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

test('bench: linting 300 typical notes costs at most 0.75× a plain remark parse of them (CPU, same process)', { timeout: 900_000 }, () => {
  const count = 300;
  const result = measureInProcess(corpusReader(undefined, count), count, 5);
  assert.ok(result.ratio <= 0.75, `lint ÷ remark parse = ${result.ratio.toFixed(3)} (lint ${result.lintMsPerNote.toFixed(3)} ms/note, remark ${result.remarkMsPerNote.toFixed(3)} ms/note)`);
});

// The benchmark spawns every command several times; the child's own timeout is the limit.
test('bench: `bench/run.ts --small` runs every command and prints the tables', { timeout: 310_000 }, () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--small', '--no-build'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 600_000,
  });
  assert.equal(r.status, 0, `exit ${r.status}\n${r.stderr}`);
  assert.match(r.stdout, /^\| command \| wall/m);
  for (const label of ['markdownlint-cli2 (default rules), 100 notes', 'markdownlint-cli2 (default rules), 60 notes', 'parse-only floor: remark-parse + frontmatter + remark-gfm', 'one note, cold']) {
    assert.ok(r.stdout.includes(label), `no row for ${label}\n${r.stdout}`);
  }
  assert.match(r.stdout, /^\| goal \| measured \| target \|/m);
  assert.match(r.stdout, /same findings .* \| identical \| identical ✓ \|/);
  assert.match(r.stdout, /in process, one thread/);
  assert.match(r.stdout, /one-character edit/);
});
