/**
 * Bad input never crashes, hangs or prints a stack trace: each case is linted by
 * the built binary, with a timeout, next to a good note, and gets a clear fatal
 * message or an ordinary result while the run goes on. The cases and what they
 * must give are listed in test/fixtures/bad/README.md.
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { BIN, CLEAN_NOTE, cleanEnv, ensureBuilt, removeProject, ROOT, tempProject, type CliRun } from './helpers.ts';

const FIXTURES = path.join(ROOT, 'test/fixtures/bad');
const TIMEOUT = 60_000;
const projects: string[] = [];

beforeAll(() => ensureBuilt());
afterAll(() => projects.forEach(removeProject));

/** A project with a good note and the given files. */
function project(files: Record<string, string | Buffer> = {}): string {
  const dir = tempProject({ 'good.visit.md': CLEAN_NOTE, ...files });
  projects.push(dir);
  return dir;
}

/** Runs the binary, killing it (and failing) if it takes longer than `ms`. */
function lint(args: string[], cwd: string, ms = TIMEOUT - 5_000, input?: Buffer): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: cleanEnv() });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`visitnotes ${args.join(' ')} did not finish within ${ms} ms`));
    }, ms);
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
    child.stdin.on('error', () => {});
    child.stdin.end(input ?? '');
  });
}

interface Message {
  ruleId: string | null;
  message: string;
  line: number;
  fatal?: true;
}
interface Result {
  filePath: string;
  messages: Message[];
}

/** Lints the project as JSON and checks what every case must satisfy. */
async function lintProject(dir: string, args: string[] = []): Promise<Map<string, Result>> {
  const r = await lint(['lint', '-f', 'json', ...args], dir);
  assert.equal(r.stderr, '', 'nothing on stderr: no crash, no stack trace');
  assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}`);
  const results: Result[] = JSON.parse(r.stdout);
  const byName = new Map(results.map((x) => [path.relative(dir, x.filePath), x]));
  assert.deepEqual(byName.get('good.visit.md')?.messages, [], 'the good note is still linted');
  return byName;
}

const fatalOf = (r: Result | undefined) => {
  assert.ok(r, 'the file is reported');
  assert.equal(r.messages.length, 1);
  assert.equal(r.messages[0]!.fatal, true);
  assert.equal(r.messages[0]!.ruleId, null);
  return r.messages[0]!.message;
};
const rulesOf = (r: Result | undefined) => {
  assert.ok(r, 'the file is reported');
  assert.ok(r.messages.every((m) => !m.fatal), 'linted, not fatal');
  return [...new Set(r.messages.map((m) => m.ruleId))].sort();
};
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name));

describe('bad input (committed fixtures)', { concurrent: true, timeout: TIMEOUT }, () => {
  test('empty file: linted (no front matter, no sections)', async () => {
    const results = await lintProject(project({ 'empty.visit.md': fixture('empty.visit.md') }));
    assert.deepEqual(rulesOf(results.get('empty.visit.md')), ['frontmatter', 'required-section']);
  });

  test('front matter only: linted (every section missing)', async () => {
    const results = await lintProject(project({ 'fm.visit.md': fixture('front-matter-only.visit.md') }));
    const r = results.get('fm.visit.md');
    assert.deepEqual(rulesOf(r), ['required-section']);
    assert.equal(r!.messages.length, 5);
  });

  test('unterminated front matter: linted, reported as not closed', async () => {
    const results = await lintProject(project({ 'open.visit.md': fixture('unterminated-front-matter.visit.md') }));
    const r = results.get('open.visit.md');
    assert.ok(rulesOf(r).includes('frontmatter'));
    assert.match(r!.messages.find((m) => m.ruleId === 'frontmatter')!.message, /not closed/);
  });

  test('YAML bomb in front matter: bounded, reported as invalid YAML at once', async () => {
    const started = Date.now();
    const results = await lintProject(project({ 'bomb.visit.md': fixture('yaml-bomb.visit.md') }));
    const r = results.get('bomb.visit.md');
    assert.match(r!.messages.find((m) => m.ruleId === 'frontmatter')!.message, /not valid YAML: the YAML expands to too much data/);
    assert.ok(Date.now() - started < 30_000);
  });

  test('YAML bomb in a config file: an invalid config (exit 2, one line, no stack trace)', async () => {
    const bomb = fixture('yaml-bomb.visit.md').toString('utf8').split('---')[1]!.replace(/^patient.*\n|^date.*\n/gm, '');
    const dir = project({ '.visitnotes.yaml': `x-anchors:\n${bomb.replace(/^/gm, '  ')}` });
    const r = await lint(['lint'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^visitnotes: invalid config: /);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  });

  test('binary and invalid UTF-8: fatal, never quoted', async () => {
    const results = await lintProject(project({ 'bin.visit.md': fixture('binary.visit.md'), 'latin.visit.md': fixture('invalid-utf8.visit.md') }));
    assert.equal(fatalOf(results.get('bin.visit.md')), 'Binary file (it contains NUL bytes); not linted.');
    assert.equal(fatalOf(results.get('latin.visit.md')), 'Not valid UTF-8 text; not linted. Save the note as UTF-8.');
  });

  test('byte order mark: linted, clean', async () => {
    const results = await lintProject(project({ 'bom.visit.md': fixture('bom.visit.md') }));
    assert.deepEqual(results.get('bom.visit.md')!.messages, []);
  });

  test('mixed CRLF, LF and CR: linted, lines counted as with LF', async () => {
    const results = await lintProject(project({ 'mixed.visit.md': fixture('mixed-line-endings.visit.md') }));
    const missing = results.get('mixed.visit.md')!.messages.find((m) => m.ruleId === 'required-section');
    assert.equal(missing?.line, 12);
  });
});

describe('bad input (generated)', { concurrent: true, timeout: TIMEOUT }, () => {
  test('a 10 MB note: fatal "too large", quickly', async () => {
    const big = Buffer.alloc(10 * 1024 * 1024, 'All quiet on the ward tonight. ');
    const started = Date.now();
    const results = await lintProject(project({ 'big.visit.md': big }));
    assert.match(fatalOf(results.get('big.visit.md')), /^Too large to lint \(10\.0 MB; the limit is 4 MB per note\)/);
    assert.ok(Date.now() - started < 20_000, 'not parsed');
    // The same from standard input.
    const r = await lint(['lint', '--stdin', '-f', 'json'], project(), TIMEOUT - 5_000, big);
    assert.equal(r.code, 1);
    assert.match(JSON.parse(r.stdout)[0].messages[0].message, /^Too large to lint/);
  });

  test('a line of 1 MB: linted normally', async () => {
    const line = 'She talked about the allotment and the choir. '.repeat(22_000);
    const results = await lintProject(project({ 'long-line.visit.md': CLEAN_NOTE.replace('after the lease ended.', `after the lease ended. ${line}`) }));
    assert.deepEqual(rulesOf(results.get('long-line.visit.md')), []);
  });

  test('10,000 levels of nesting: fatal "too deeply nested", no stack overflow', async () => {
    const results = await lintProject(
      project({
        'quotes.visit.md': `${CLEAN_NOTE}\n${'>'.repeat(10_000)} deep\n`,
        'spaced-quotes.visit.md': `${CLEAN_NOTE}\n${'> '.repeat(10_000)}deep\n`,
        'lists.visit.md': `${CLEAN_NOTE}\n${'- '.repeat(10_000)}deep\n`,
        'indented.visit.md': `${CLEAN_NOTE}\n${Array.from({ length: 300 }, (_, i) => `${' '.repeat(i * 2)}- level ${i}`).join('\n')}\n`,
        'shallow.visit.md': `${CLEAN_NOTE}\n${'>'.repeat(50)} fifty levels are fine\n`,
      }),
    );
    for (const name of ['quotes', 'spaced-quotes', 'lists', 'indented']) {
      assert.equal(fatalOf(results.get(`${name}.visit.md`)), 'Too deeply nested to parse (block quotes, lists or footnote definitions more than 100 levels deep); not linted.', name);
    }
    rulesOf(results.get('shallow.visit.md'));
  });

  test('a folder named x.visit.md: fatal, and the notes inside it are linted', async () => {
    const results = await lintProject(project({ 'x.visit.md/inner.visit.md': CLEAN_NOTE }));
    assert.match(fatalOf(results.get('x.visit.md')), /^Is a folder named like a note/);
    assert.deepEqual(results.get('x.visit.md/inner.visit.md')!.messages, []);
  });

  // As root, chmod 000 does not stop reading: the case is then run as `nobody`
  // (runuser), and skipped where that is not possible.
  const asRoot = process.getuid?.() === 0;
  const runuser = asRoot && spawnSync('runuser', ['-u', 'nobody', '--', process.execPath, '--version']).status === 0;
  // Skipped when running as root without runuser: root can read a chmod 000 file.
  test.skipIf(asRoot && !runuser)('an unreadable file: fatal "cannot read"', async () => {
    const dir = project({ 'locked.visit.md': CLEAN_NOTE });
    chmodSync(dir, 0o755);
    chmodSync(path.join(dir, 'good.visit.md'), 0o644);
    chmodSync(path.join(dir, 'locked.visit.md'), 0o000);
    try {
      let results: Map<string, Result>;
      if (asRoot) {
        const r = spawnSync('runuser', ['-u', 'nobody', '--', process.execPath, BIN, 'lint', '-f', 'json'], { cwd: dir, env: cleanEnv(), encoding: 'utf8', timeout: TIMEOUT - 5_000 });
        assert.equal(r.stderr, '');
        assert.equal(r.status, 1);
        results = new Map((JSON.parse(r.stdout) as Result[]).map((x) => [path.relative(dir, x.filePath), x]));
      } else {
        results = await lintProject(dir);
      }
      assert.equal(fatalOf(results.get('locked.visit.md')), 'Cannot read this file (EACCES).');
      assert.deepEqual(results.get('good.visit.md')?.messages, []);
    } finally {
      chmodSync(path.join(dir, 'locked.visit.md'), 0o644);
    }
  });

  // Running as root without runuser: root can read a chmod 000 folder.
  test.skipIf(asRoot && !runuser)('an unreadable folder: reported with its code, the rest linted', async () => {
    const dir = project({ 'locked/inner.visit.md': CLEAN_NOTE });
    chmodSync(dir, 0o755);
    chmodSync(path.join(dir, 'good.visit.md'), 0o644);
    chmodSync(path.join(dir, 'locked'), 0o000);
    try {
      let results: Map<string, Result>;
      if (asRoot) {
        const r = spawnSync('runuser', ['-u', 'nobody', '--', process.execPath, BIN, 'lint', '-f', 'json'], { cwd: dir, env: cleanEnv(), encoding: 'utf8', timeout: TIMEOUT - 5_000 });
        assert.equal(r.status, 1, r.stderr);
        results = new Map((JSON.parse(r.stdout) as Result[]).map((x) => [path.relative(dir, x.filePath), x]));
      } else {
        results = await lintProject(dir);
      }
      assert.equal(fatalOf(results.get('locked')), 'Cannot read this folder (EACCES); the notes in it were not linted.');
      assert.deepEqual(results.get('good.visit.md')?.messages, []);
    } finally {
      chmodSync(path.join(dir, 'locked'), 0o755);
    }
  });

  test('the same answer with or without worker threads: 60 notes and a chain of 5,000 footnote definitions', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 60; i++) files[`n${String(i).padStart(2, '0')}.visit.md`] = CLEAN_NOTE;
    files['chain.visit.md'] = `---\npatient: X.Y.\ndate: 2026-01-01\n---\n\n## Story\n${Array.from({ length: 5000 }, (_, i) => `[^${i}]: `).join('')}x\n`;
    const dir = project(files);
    const off = await lint(['lint', '-f', 'json', '--threads', 'off'], dir);
    const on = await lint(['lint', '-f', 'json', '--threads', '2', '--debug'], dir);
    assert.match(on.stderr, /2 worker threads/, 'the second run really used worker threads');
    assert.equal(off.stdout, on.stdout);
    const chain = (JSON.parse(off.stdout) as Result[]).find((r) => r.filePath.endsWith('chain.visit.md'))!;
    assert.match(fatalOf(chain), /^Too deeply nested to parse/);
  });

  test('a symlink to itself: fatal "loops", walked or named', async () => {
    const dir = project();
    symlinkSync('loop.visit.md', path.join(dir, 'loop.visit.md'));
    symlinkSync('nowhere.visit.md', path.join(dir, 'dangling.visit.md'));
    const results = await lintProject(dir);
    assert.equal(fatalOf(results.get('loop.visit.md')), 'A symbolic link that loops (ELOOP); not linted.');
    assert.match(fatalOf(results.get('dangling.visit.md')), /^A broken symbolic link/);
    const named = await lint(['lint', '-f', 'json', 'loop.visit.md'], dir);
    assert.equal(named.code, 1);
    assert.equal(named.stderr, '');
    assert.equal(fatalOf(JSON.parse(named.stdout)[0]), 'A symbolic link that loops (ELOOP); not linted.');
  });

  test('a folder symlink cycle: the walk and globs end, each note once', async () => {
    const dir = project({ 'a/b/note.visit.md': CLEAN_NOTE });
    symlinkSync('..', path.join(dir, 'a/b/up')); // a/b/up/b/up/... forever if followed
    symlinkSync(dir, path.join(dir, 'a/root'));
    const results = await lintProject(dir);
    assert.deepEqual([...results.keys()].sort(), ['a/b/note.visit.md', 'good.visit.md']);
    const globbed = await lint(['lint', '-f', 'json', '**/*.visit.md'], dir);
    assert.equal(globbed.code, 0, globbed.stderr);
    assert.equal(JSON.parse(globbed.stdout).length, 2);
  });

  test.skipIf(process.platform === 'win32')('a named pipe called x.visit.md: fatal "not a regular file", never blocks', async () => {
    const dir = project();
    const made = spawnSync('mkfifo', [path.join(dir, 'pipe.visit.md')]);
    if (made.status !== 0) return; // no mkfifo here
    const results = await lintProject(dir);
    assert.equal(fatalOf(results.get('pipe.visit.md')), 'Not a regular file (a device, socket or named pipe); not linted.');
    const named = await lint(['lint', '-f', 'json', 'pipe.visit.md'], dir);
    assert.equal(named.code, 1);
  });

  test('everything at once: one run reports each case and lints the rest', async () => {
    const files: Record<string, Buffer | string> = {};
    for (const name of ['empty', 'front-matter-only', 'unterminated-front-matter', 'yaml-bomb', 'binary', 'invalid-utf8', 'bom', 'mixed-line-endings']) {
      files[`${name}.visit.md`] = fixture(`${name}.visit.md`);
    }
    files['deep.visit.md'] = '>'.repeat(10_000);
    files['dir.visit.md/inside.visit.md'] = CLEAN_NOTE;
    const dir = project(files);
    symlinkSync('self.visit.md', path.join(dir, 'self.visit.md'));
    const results = await lintProject(dir, ['--threads', 'off']);
    assert.equal(results.size, 13);
    const fatal = [...results].filter(([, r]) => r.messages.some((m) => m.fatal)).map(([n]) => n).sort();
    assert.deepEqual(fatal, ['binary.visit.md', 'deep.visit.md', 'dir.visit.md', 'invalid-utf8.visit.md', 'self.visit.md']);
  });
});

