/**
 * Repository scale: worker threads, --cache, --shard and the progress line.
 * The invariant throughout: the report is byte-identical to a plain
 * single-threaded run without a cache, cross-visit findings included.
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { cpSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Progress, progressWanted } from '../../server/src/cli/lint/progress.ts';
import { containerDepth } from '../../server/src/cli/lint/limits.ts';
import { corpusProject, installedCopy } from './corpus.ts';
import { ensureBuilt, removeProject, runCli, tempProject, type CliRun } from './helpers.ts';

const TIMEOUT = 240_000;
/** Generated notes (plus six in a folder-grouped folder): enough for worker threads (50+). */
const COUNT = 100;
const TOTAL = COUNT + 6;
const projects: string[] = [];
let corpus: string;
/** The reference report: one thread, no cache. */
let reference: string;
let referenceCode: number | null;

beforeAll(async () => {
  ensureBuilt();
  corpus = corpusProject(COUNT);
  projects.push(corpus);
  const r = await runCli(['lint', '-f', 'json', '--threads', 'off'], { cwd: corpus });
  assert.equal(r.stderr, '');
  reference = r.stdout;
  referenceCode = r.code;
});
afterAll(() => projects.forEach(removeProject));

type Result = { filePath: string; messages: { ruleId: string | null }[] };
const parse = (r: CliRun): Result[] => JSON.parse(r.stdout);
const debugLine = (r: CliRun) => /visitnotes: debug: (.*)/.exec(r.stderr)?.[1] ?? '';

/** A copy of the corpus to change (the shared one stays as the reference describes it). */
function copyCorpus(): string {
  const dir = tempProject({});
  projects.push(dir);
  cpSync(corpus, dir, { recursive: true });
  return dir;
}
/** The reference report with the corpus folder replaced (a copy's paths). */
const referenceFor = (dir: string) => reference.split(corpus).join(dir);

describe('the generated corpus', () => {
  test('has cross-visit findings, so the invariants below cover history', () => {
    const rules = new Set(JSON.parse(reference).flatMap((r: Result) => r.messages.map((m) => m.ruleId)));
    assert.ok(rules.has('medication-continuity') || rules.has('goal-continuity'), [...rules].join(', '));
    assert.equal(JSON.parse(reference).length, TOTAL);
  });
});

describe('--threads', { concurrent: true, timeout: TIMEOUT }, () => {
  test('worker threads give the same report as one thread, byte for byte', async () => {
    const r = await runCli(['lint', '-f', 'json', '--threads', '2', '--debug'], { cwd: corpus });
    assert.match(debugLine(r), /linted in 2 worker threads/);
    assert.equal(r.stdout, reference);
  });

  test("worker threads run the command's bundle with a code cache of their own: written once, then taken", async () => {
    const folder = path.join(copyCorpus(), '.compile-cache');
    const env = { VISITNOTES_COMPILE_CACHE: folder };
    const first = await runCli(['lint', '-f', 'json', '--threads', '2', '--debug'], { cwd: corpus, env });
    assert.match(debugLine(first), /linted in 2 worker threads/);
    assert.equal(first.stdout, reference);
    const caches = readdirSync(folder).sort();
    // The workers' and the cold section's of dist/cli.cjs (piscina is in it). Not the command's own:
    // its thread linted nothing, and a cache of what it compiled would stand in for a lint's
    // (loader-hooks.ts; test/cli/what-a-run-reads.test.ts).
    const roles = ['cold', 'worker'].map((role) => `${role}-${process.version}-${process.arch}.v8cache`);
    assert.deepEqual(caches.map((f) => f.replace(/^[0-9a-f]{16}-[0-9a-z]+\.[0-9a-z]+-/, '')).sort(), roles);
    const worker = path.join(folder, caches.find((f) => f.endsWith(roles[1]!))!);
    const written = statSync(worker);
    const second = await runCli(['lint', '-f', 'json', '--threads', '2'], { cwd: corpus, env });
    assert.equal(second.stdout, reference);
    const after = statSync(worker);
    // Taken, not rewritten: a rejected or missing cache is written anew (through a rename: a new inode).
    assert.deepEqual([after.ino, after.mtimeMs], [written.ino, written.mtimeMs]);
  });

  test('the same with --fix-dry-run, and small runs stay in the main thread', async () => {
    const off = await runCli(['lint', '-f', 'json', '--threads', 'off', '--fix-dry-run'], { cwd: corpus });
    const two = await runCli(['lint', '-f', 'json', '--threads', '2', '--fix-dry-run'], { cwd: corpus });
    assert.equal(two.stdout, off.stdout);
    const small = await runCli(['lint', '-f', 'json', '--threads', '2', '--debug', 'notes/f0/v0000.visit.md', 'notes/f1/v0001.visit.md'], { cwd: corpus });
    assert.match(debugLine(small), /linted in the main thread/);
  });

  test('bad values are usage errors', async () => {
    for (const value of ['0', 'x', '-1', '2.5', '']) {
      const r = await runCli(['lint', '--threads', value], { cwd: corpus });
      assert.equal(r.code, 2, value);
      assert.match(r.stderr, /--threads needs a number of threads \(1 to 1024\), "auto" or "off"|needs a value/);
    }
  });
});

describe('--cache', { concurrent: true, timeout: TIMEOUT }, () => {
  test('a warm run answers from the cache with the identical report', async () => {
    const dir = copyCorpus();
    const cold = await runCli(['lint', '-f', 'json', '--cache', '--debug'], { cwd: dir });
    assert.match(debugLine(cold), /: 0 from the cache/);
    assert.equal(cold.stdout, referenceFor(dir));
    const cache = JSON.parse(readFileSync(path.join(dir, '.visitnotes-cache'), 'utf8'));
    assert.equal(cache.tool, 'visitnotes-cache');
    const warm = await runCli(['lint', '-f', 'json', '--cache', '--debug'], { cwd: dir });
    assert.match(debugLine(warm), new RegExp(`${TOTAL} files: ${TOTAL} from the cache, 0 linted`));
    assert.equal(warm.stdout, cold.stdout);
    // Other formats come from the same results.
    const stylishCold = await runCli(['lint', '--threads', 'off'], { cwd: dir });
    const stylishWarm = await runCli(['lint', '--cache'], { cwd: dir });
    assert.equal(stylishWarm.stdout, stylishCold.stdout);
  });

  test('editing a note re-lints it and the later visits of the same patient', async () => {
    const dir = copyCorpus();
    await runCli(['lint', '--cache'], { cwd: dir });
    const file = path.join(dir, 'notes/f1/v0036.visit.md'); // patient P0, 2026-01-05: early in the year
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^### (\w+)/m, '### Zuranolone'));
    const fresh = await runCli(['lint', '-f', 'json', '--threads', 'off'], { cwd: dir });
    const warm = await runCli(['lint', '-f', 'json', '--cache', '--debug'], { cwd: dir });
    assert.equal(warm.stdout, fresh.stdout);
    assert.notEqual(warm.stdout, referenceFor(dir), 'the edit changed findings');
    const [, cached, linted, again] = /: (\d+) from the cache, (\d+) linted .*?, (\d+) linted again/.exec(debugLine(warm))!.map(Number);
    assert.equal(linted, 1, 'only the edited note is parsed first');
    assert.ok(again! > 0, 'later visits of the patient are linted again for their history');
    assert.equal(cached! + linted! + again!, TOTAL);
  });

  test('editing the config, or a new version of the tool, invalidates everything', async () => {
    const dir = copyCorpus();
    await runCli(['lint', '--cache'], { cwd: dir });
    writeFileSync(path.join(dir, '.visitnotes.yaml'), 'rules:\n  medication-continuity: error\n');
    const fresh = await runCli(['lint', '-f', 'json', '--threads', 'off'], { cwd: dir });
    const warm = await runCli(['lint', '-f', 'json', '--cache', '--debug'], { cwd: dir });
    assert.equal(warm.stdout, fresh.stdout);
    assert.match(debugLine(warm), /: 6 from the cache/, 'only the by-folder notes (their own config file) stay cached');
    assert.match(debugLine(await runCli(['lint', '--cache', '--debug'], { cwd: dir })), new RegExp(`: ${TOTAL} from the cache`));

    const other = installedCopy('9.9.9-test');
    projects.push(other.dir);
    const upgraded = await runCli(['lint', '-f', 'json', '--cache', '--debug'], { cwd: dir, bin: other.bin });
    assert.match(debugLine(upgraded), /0 from the cache.*discarded \(written by another version\)/);
    assert.equal(upgraded.stdout, fresh.stdout);
  });

  test('a garbage, truncated or tampered cache file is ignored and rewritten', async () => {
    const dir = copyCorpus();
    const location = path.join(dir, 'cache', 'lint.json');
    await runCli(['lint', '--cache', '--cache-location', location], { cwd: dir });
    const good = readFileSync(location, 'utf8');
    const tampered = good.replace(/"severity":0/, '"severity":2');
    assert.notEqual(tampered, good);
    const foreign = JSON.stringify({ ...JSON.parse(good), format: 99 });
    for (const [name, content] of [
      ['garbage', 'this is not JSON \u0000\u0001'],
      ['truncated', good.slice(0, Math.floor(good.length / 2))],
      ['tampered', tampered],
      ['foreign', foreign],
      ['empty', ''],
      ['array', '[]'],
    ] as const) {
      writeFileSync(location, content);
      const r = await runCli(['lint', '-f', 'json', '--cache', '--cache-location', location, '--debug'], { cwd: dir });
      assert.equal(r.code, referenceCode, name);
      assert.equal(r.stdout, referenceFor(dir), name);
      assert.match(debugLine(r), name === 'empty' ? /0 from the cache/ : /0 from the cache.*discarded/, name);
      assert.equal(JSON.parse(readFileSync(location, 'utf8')).tool, 'visitnotes-cache', `${name}: rewritten`);
    }
    // A folder as the location holds .visitnotes-cache.
    await runCli(['lint', '--cache', '--cache-location', 'cache/'], { cwd: dir });
    assert.equal(JSON.parse(readFileSync(path.join(dir, 'cache', '.visitnotes-cache'), 'utf8')).tool, 'visitnotes-cache');
  });

  test('a cache filled by worker threads answers the next run entirely (they hash configs for it)', async () => {
    const dir = copyCorpus();
    const cold = await runCli(['lint', '-f', 'json', '--cache', '--debug', '--threads', '2'], { cwd: dir });
    assert.match(debugLine(cold), /linted in 2 worker threads/);
    const warm = await runCli(['lint', '-f', 'json', '--cache', '--debug', '--threads', '2'], { cwd: dir });
    assert.match(debugLine(warm), new RegExp(`${TOTAL} files: ${TOTAL} from the cache, 0 linted`));
    assert.equal(warm.stdout, referenceFor(dir));
  });

  test('a cache written for part of the notes is reused only where the history is the same', async () => {
    const dir = copyCorpus();
    await runCli(['lint', '--cache', 'notes/f0'], { cwd: dir });
    const r = await runCli(['lint', '-f', 'json', '--cache', '--debug', '--threads', '2'], { cwd: dir });
    assert.equal(r.stdout, referenceFor(dir));
    assert.match(debugLine(r), /[1-9]\d* linted again with their full history/);
  });

  test('an unwritable cache location is a warning; the report is unaffected', async () => {
    const dir = copyCorpus();
    writeFileSync(path.join(dir, 'blocker'), 'a file where a folder should be');
    const r = await runCli(['lint', '-f', 'json', '--cache', '--cache-location', 'blocker/cache.json'], { cwd: dir });
    assert.equal(r.code, referenceCode);
    assert.equal(r.stdout, referenceFor(dir));
    assert.match(r.stderr, /^visitnotes: cannot write the cache file blocker\/cache\.json \(\w+\); the results are not affected\.\n$/);
  });

  test('usage errors', async () => {
    const r1 = await runCli(['lint', '--cache-location', 'x'], { cwd: corpus });
    assert.equal(r1.code, 2);
    assert.match(r1.stderr, /--cache-location needs --cache/);
    const r2 = await runCli(['lint', '--cache', '--stdin'], { cwd: corpus, input: '' });
    assert.equal(r2.code, 2);
    assert.match(r2.stderr, /--cache applies to files/);
  });
});

describe('--shard', { concurrent: true, timeout: TIMEOUT }, () => {
  test('shards are disjoint, cover every file, and together give the full report', async () => {
    for (const n of [1, 3]) {
      const parts = await Promise.all(
        Array.from({ length: n }, (_, i) => runCli(['lint', '-f', 'json', '--shard', `${i + 1}/${n}`], { cwd: corpus })),
      );
      const all = parts.flatMap((p) => parse(p));
      const paths = all.map((r) => r.filePath);
      assert.equal(new Set(paths).size, paths.length, 'disjoint');
      assert.deepEqual(
        [...paths].sort(),
        (JSON.parse(reference) as Result[]).map((r) => r.filePath).sort(),
        'complete',
      );
      // Patients are not split, so cross-visit findings match the full run.
      const merged = JSON.stringify([...all].sort((a, b) => (a.filePath < b.filePath ? -1 : 1)));
      assert.equal(merged, reference.trimEnd());
      if (n === 3) assert.ok(parts.every((p) => parse(p).length > 0), 'every shard has work');
    }
  });

  test('the same split every time, from any current folder layout', async () => {
    const a = await runCli(['lint', '-f', 'json', '--shard', '2/3'], { cwd: corpus });
    const b = await runCli(['lint', '-f', 'json', '--shard', '2/3', '--threads', '2'], { cwd: corpus });
    assert.equal(a.stdout, b.stdout);
  });

  test('bad values are usage errors with a clear message', async () => {
    for (const value of ['0/2', '3/2', '1/0', 'a/b', '1', '1/2/3', '-1/2', '']) {
      const r = await runCli(['lint', `--shard=${value}`], { cwd: corpus });
      assert.equal(r.code, 2, value);
      assert.match(r.stderr, /--shard needs i\/n, a part i from 1 to n of n parts \(e\.g\. --shard 2\/4\)/, value);
    }
  });
});

describe('progress line', () => {
  const sink = () => {
    let text = '';
    return { out: { write: (d: string | Uint8Array) => void (text += String(d)) }, text: () => text };
  };

  test('only after two seconds, rewritten in place, cleared at the end', () => {
    let now = 0;
    const s = sink();
    const p = new Progress(s.out, 2000, true, () => now);
    p.update(10);
    now = 1999;
    p.update(500);
    assert.equal(s.text(), '', 'nothing in the first two seconds');
    now = 2000;
    p.update(1234);
    assert.equal(s.text(), '\rLinting 1234/2000 notes…');
    now = 2050;
    p.update(1300);
    assert.equal(s.text(), '\rLinting 1234/2000 notes…', 'at most ten redraws a second');
    now = 2200;
    p.update(1999);
    p.clear();
    assert.equal(s.text(), `\rLinting 1234/2000 notes…\rLinting 1999/2000 notes…\r${' '.repeat(24)}\r`);
  });

  test('a fast run prints nothing, and nothing is cleared', () => {
    let now = 0;
    const s = sink();
    const p = new Progress(s.out, 10, true, () => now);
    p.update(10);
    now = 500;
    p.clear();
    assert.equal(s.text(), '');
  });

  test('only on a terminal, never in CI', () => {
    assert.equal(progressWanted({ env: {}, stderrIsTTY: true }), true);
    assert.equal(progressWanted({ env: {}, stderrIsTTY: false }), false);
    assert.equal(progressWanted({ env: {} }), false);
    assert.equal(progressWanted({ env: { CI: 'true' }, stderrIsTTY: true }), false);
    assert.equal(progressWanted({ env: { CI: '1' }, stderrIsTTY: true }), false);
    assert.equal(progressWanted({ env: { CI: 'false' }, stderrIsTTY: true }), true);
  });

  test('spawned runs (stderr is a pipe) never print it', async () => {
    const r = await runCli(['lint', '--threads', 'off'], { cwd: corpus });
    assert.doesNotMatch(r.stderr, /Linting/);
  });
});

describe('nesting estimate', () => {
  test('counts block quote and list markers, and list indentation', () => {
    assert.equal(containerDepth('plain text\n'), 0);
    assert.equal(containerDepth('> > a\n'), 2);
    assert.equal(containerDepth('>>>> a'), 4);
    assert.equal(containerDepth('- a\n  - b\n    - c\n'), 3);
    assert.equal(containerDepth('1. a\n   2) > b\n'), 3);
    assert.equal(containerDepth('> - a\n>   - b\n'), 3);
    assert.equal(containerDepth('-     indented code in a list item\n'), 1);
    assert.equal(containerDepth('- - - -\n'), 4);
    assert.equal(containerDepth('-not a marker\n*emphasis*\n'), 0);
    assert.equal(containerDepth('\r\n> a\r> > b\r\n'), 2);
    assert.ok(containerDepth('>'.repeat(10_000)) > 100);
  });
});
