/**
 * The hostile-input corpus (test/fixtures/hostile/generate.ts) through every
 * CLI command: `lint` in json, sarif and stylish, `report`, `timeline` and
 * `export` of each note. Nothing crashes or hangs (exit codes as the contract
 * says, never a stack trace or "internal error"), each bad input gets its clear
 * message, and no identifier written into the corpus appears in any output.
 * Times are not asserted (`npm run bench -- --hostile` measures them).
 */
import { afterAll, beforeAll, test } from 'vitest';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unlockHostileCorpus, writeHostileCorpus, type Corpus } from '../fixtures/hostile/generate.ts';
import { ensureBuilt, removeProject, runCli, type CliRun } from './helpers.ts';

let corpus: Corpus;
let cache: string;
const TIMEOUT = 180_000;

beforeAll(() => {
  ensureBuilt();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'visitnotes-hostile-'));
  corpus = writeHostileCorpus(dir);
  cache = path.join(mkdtempSync(path.join(os.tmpdir(), 'visitnotes-hostile-cache-')), 'cache');
  if (corpus.skipped.length) console.log(`hostile corpus: not made here: ${corpus.skipped.join('; ')}`);
});
afterAll(() => {
  unlockHostileCorpus(corpus.dir);
  removeProject(corpus.dir);
  removeProject(path.dirname(cache));
});

/** No crash, no internal message, no identifier from the corpus. */
function assertClean(run: CliRun, what: string): void {
  const all = run.stdout + run.stderr;
  assert.doesNotMatch(run.stderr, /internal error|Maximum call stack|\n\s+at .*:\d+:\d+/, `${what}: ${run.stderr.slice(0, 500)}`);
  for (const id of corpus.identifiers) assert.ok(!all.includes(id), `${what} repeats the identifier ${id}`);
}

const lint = (format: string) => runCli(['lint', '-f', format, '--cache', '--cache-location', cache, '.'], { cwd: corpus.dir });

test('lint -f json: every entry gets its result, bad inputs their one clear fatal message', async () => {
  const run = await lint('json');
  assert.equal(run.code, 1, run.stderr);
  assertClean(run, 'lint -f json');
  const results = new Map((JSON.parse(run.stdout) as { filePath: string; messages: { message: string; fatal?: boolean; ruleId: string | null }[] }[]).map((r) => [path.relative(corpus.dir, r.filePath), r]));
  for (const entry of corpus.entries) {
    const r = results.get(entry.file);
    assert.ok(r, `no result for ${entry.file}`);
    if (entry.expect.kind === 'fatal') {
      assert.equal(r.messages.length, 1, `${entry.file}: ${JSON.stringify(r.messages)}`);
      assert.equal(r.messages[0]!.fatal, true, entry.file);
      assert.match(r.messages[0]!.message, entry.expect.message, entry.file);
    } else {
      assert.ok(!r.messages.some((m) => m.fatal), `${entry.file}: ${JSON.stringify(r.messages.filter((m) => m.fatal))}`);
      if (entry.expect.rule) assert.ok(r.messages.some((m) => m.ruleId === (entry.expect as { rule: string }).rule), entry.file);
    }
  }
  // Runaway markup is read as text with its own finding, never a failure.
  for (const name of ['emphasis-a', 'links-a', 'backticks', 'entities-amp', 'inline-html-a']) {
    assert.ok(results.get(`markdown/${name}.visit.md`)!.messages.some((m) => m.ruleId === 'markup-limit'), name);
  }
}, TIMEOUT);

test('lint -f sarif and -f stylish: the same run, no crash and no identifier', async () => {
  const sarif = await lint('sarif');
  assert.equal(sarif.code, 1, sarif.stderr);
  assertClean(sarif, 'lint -f sarif');
  assert.equal(JSON.parse(sarif.stdout).version, '2.1.0');
  const stylish = await lint('stylish');
  assert.equal(stylish.code, 1, stylish.stderr);
  assertClean(stylish, 'lint -f stylish');
  assert.match(stylish.stdout, /problems? \(/);
}, TIMEOUT);

test('report and timeline: notes that cannot be read are skipped with their reason, the run goes on', async () => {
  // One format: md and html are views of the same counts (test/report/ covers them); each run lints the whole corpus.
  const report = await runCli(['report', '-f', 'json', '--name-clinicians'], { cwd: corpus.dir });
  assert.equal(report.code, 0, report.stderr);
  assertClean(report, 'report');
  assert.ok(JSON.parse(report.stdout).totals.notes > 20);
  for (const entry of corpus.entries) {
    if (entry.expect.kind !== 'fatal' || entry.file === 'fs/locked') continue;
    assert.ok(report.stderr.includes(`skipped ${entry.file}: `), `report does not say it skipped ${entry.file}`);
  }
  const timeline = await runCli(['timeline', 'A.B.'], { cwd: corpus.dir });
  assert.equal(timeline.code, 0, timeline.stderr);
  assertClean(timeline, 'timeline');
  assert.match(timeline.stdout, /^<!DOCTYPE html>/);
}, TIMEOUT);

test('export of each note: HTML, or a refusal with the note’s reason (exit 2); identifiers masked', async () => {
  const regular = corpus.entries.filter((e) => e.regular);
  const queue = [...regular];
  const runs = new Map<string, CliRun>();
  const worker = async () => {
    for (let e = queue.shift(); e; e = queue.shift()) runs.set(e.file, await runCli(['export', e.file, '--include-private'], { cwd: corpus.dir }));
  };
  await Promise.all([worker(), worker()]);
  for (const entry of regular) {
    const run = runs.get(entry.file)!;
    assertClean(run, `export ${entry.file}`);
    if (entry.expect.kind === 'fatal') {
      assert.equal(run.code, 2, entry.file);
      assert.equal(run.stdout, '', entry.file);
      assert.match(run.stderr.replace(/^visitnotes: [^:]+: /, ''), entry.expect.message, entry.file);
    } else {
      assert.equal(run.code, 0, `${entry.file}: ${run.stderr}`);
      assert.match(run.stdout, /^<!DOCTYPE html>/, entry.file);
    }
  }
  assert.match(runs.get('identifiers/everywhere.visit.md')!.stderr, /direct identifiers were replaced/);
}, TIMEOUT);
