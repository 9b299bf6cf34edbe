/**
 * Nothing leaves the machine, and no identifier leaves the note:
 *
 * - The CLI (main thread and worker threads) and the language server (a short
 *   stdio session) run under a network guard (support/network-guard.mjs,
 *   preloaded through NODE_OPTIONS) that makes every socket, DNS, HTTP, fetch and
 *   undici call throw and records it. The test asserts the guard was loaded in
 *   every process and thread, and that nothing was recorded.
 * - Every output format, --quiet, -o, --debug, --fix-dry-run and --cache runs over
 *   a note with an SSN, a phone number, an e-mail address, an MRN and a full
 *   patient name: the `phi` rule reports each, and no output (stdout, stderr,
 *   report file) contains any of them.
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, symlinkSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { corpusFiles } from './corpus.ts';
import { CLEAN_NOTE, ensureBuilt, removeProject, ROOT, runCli, tempProject, writeFiles } from './helpers.ts';

const GUARD = path.join(ROOT, 'test/cli/support/network-guard.mjs');
const TIMEOUT = 120_000;
const projects: string[] = [];
beforeAll(() => ensureBuilt());
afterAll(() => projects.forEach(removeProject));

const IDENTIFIERS = ['Robert Miller', 'Miller', '123-45-6789', '555-201-7788', '201-7788', 'robert.miller@example.org', 'example.org', '48213377'];
const PHI_NOTE = CLEAN_NOTE.replace('patient: J.K.', 'patient: Robert Miller').replace(
  'She moved back in with her mother after the lease ended.',
  'She moved back in with her mother after the lease ended. Her SSN is 123-45-6789; she called from 555-201-7788 and wrote from robert.miller@example.org. MRN 48213377.',
);

function guardedEnv(dir: string): { env: Record<string, string>; log: string } {
  const log = path.join(dir, 'network.log');
  return { log, env: { NODE_OPTIONS: `--import=${pathToFileURL(GUARD).href}`, VISITNOTES_NET_LOG: log } };
}

/** Threads (pid:threadId) that loaded the guard, and every recorded network attempt. */
function guardReport(log: string): { installed: string[]; attempts: string[] } {
  const lines = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : []);
  return { installed: lines(`${log}.installed`), attempts: lines(log) };
}

describe('no network', { concurrent: true, timeout: TIMEOUT }, () => {
  test('the guard itself records and blocks an attempt (control)', async () => {
    const dir = tempProject({ 'try.mjs': "import net from 'node:net'; try { net.connect(80, 'example.com'); } catch {} try { await fetch('https://example.com'); } catch {}\n" });
    projects.push(dir);
    const { env, log } = guardedEnv(dir);
    await runCli([], { cwd: dir, env, bin: path.join(dir, 'try.mjs') });
    const report = guardReport(log);
    assert.equal(report.installed.length, 1);
    assert.deepEqual(report.attempts.map((a) => a.split(' ')[1]), ['net.connect', 'globalThis.fetch']);
  });

  test('the CLI, in the main thread and in worker threads, never touches the network', async () => {
    const dir = tempProject(corpusFiles(60));
    projects.push(dir);
    writeFiles(dir, { 'phi.visit.md': PHI_NOTE });
    const { env, log } = guardedEnv(dir);
    for (const args of [
      ['lint', '-f', 'sarif', '--threads', '2', '--debug'],
      ['lint', '--cache', '--threads', 'off'],
      ['lint', '--fix-dry-run', '-f', 'github'],
      ['rules'],
      ['report', '--format', 'json'],
    ]) {
      const r = await runCli(args, { cwd: dir, env });
      assert.ok(r.code === 0 || r.code === 1, `${args.join(' ')}: exit ${r.code}\n${r.stderr}`);
    }
    const report = guardReport(log);
    assert.deepEqual(report.attempts, []);
    const threads = new Set(report.installed.map((x) => x.split(':')[1]));
    assert.ok(threads.has('0'), 'main threads were guarded');
    assert.ok([...threads].some((t) => t !== '0'), 'worker threads were guarded too');
  });

  test('the language server over stdio: a short session without network', async (t) => {
    const server = path.join(ROOT, 'dist/server.js');
    if (!existsSync(server)) return t.skip('dist/server.js is not built');
    const { TestClient, fileUri } = await import('../lsp/client.ts');
    const dir = tempProject({ 'phi.visit.md': PHI_NOTE, 'clean.visit.md': CLEAN_NOTE });
    projects.push(dir);
    const { env, log } = guardedEnv(dir);
    // TestClient spawns the server with this process's environment.
    const saved = { NODE_OPTIONS: process.env.NODE_OPTIONS, VISITNOTES_NET_LOG: process.env.VISITNOTES_NET_LOG };
    Object.assign(process.env, env);
    let client: Awaited<ReturnType<typeof TestClient.start>>;
    try {
      client = await TestClient.start({ workspace: dir });
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
    try {
      const uri = fileUri(path.join(dir, 'phi.visit.md'));
      await client.open(uri, PHI_NOTE, 'visitnote');
      const published = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0, 30_000);
      assert.ok(published.diagnostics.some((d) => d.code === 'phi' || (d.code as unknown as { value?: string })?.value === 'phi'));
      const wire = JSON.stringify(published.diagnostics.map((d) => d.message));
      for (const id of IDENTIFIERS) assert.ok(!wire.includes(id), `a diagnostic message quotes ${id}`);
      await client.request('shutdown', null);
      await client.notify('exit', null);
    } finally {
      if (client.alive) client.child.kill();
    }
    await new Promise((resolve) => (client.child.exitCode === null ? client.child.once('exit', resolve) : resolve(undefined)));
    const report = guardReport(log);
    assert.deepEqual(report.attempts, []);
    assert.ok(report.installed.length >= 1, 'the server was guarded');
  });
});

describe('no identifier in any output', { concurrent: true, timeout: TIMEOUT }, () => {
  test('every format, stderr and report files: phi is reported, never echoed', async () => {
    const dir = tempProject({ 'phi.visit.md': PHI_NOTE, 'clean.visit.md': CLEAN_NOTE });
    projects.push(dir);
    const json = await runCli(['lint', '-f', 'json'], { cwd: dir });
    const phi = JSON.parse(json.stdout)
      .flatMap((r: { messages: { ruleId: string; message: string }[] }) => r.messages)
      .filter((m: { ruleId: string }) => m.ruleId === 'phi');
    const kinds = phi.map((m: { message: string }) => m.message).join('\n');
    for (const kind of [/Social Security number/, /phone number/, /e-mail address/, /medical record number/, /full name/]) assert.match(kinds, kind);

    const outputs: [string, string][] = [];
    for (const args of [
      ['-f', 'stylish'],
      ['-f', 'stylish', '--color'],
      ['-f', 'json'],
      ['-f', 'sarif'],
      ['-f', 'github'],
      ['--quiet'],
      ['--debug', '--max-warnings', '0'],
      ['--fix-dry-run', '-f', 'json'],
      ['--cache', '-f', 'json'],
      ['--cache', '-f', 'sarif'],
      ['-f', 'sarif', '-o', 'out/report.sarif'],
      ['-f', 'json', '-o', 'out/report.json'],
    ]) {
      const r = await runCli(['lint', ...args], { cwd: dir });
      assert.ok(r.code === 0 || r.code === 1, `${args.join(' ')}: exit ${r.code}`);
      outputs.push([`stdout of ${args.join(' ')}`, r.stdout], [`stderr of ${args.join(' ')}`, r.stderr]);
    }
    const stdin = await runCli(['lint', '--stdin', '--stdin-filename', 'piped.visit.md', '-f', 'json'], { cwd: dir, input: PHI_NOTE });
    outputs.push(['stdin json', stdin.stdout], ['stdin stderr', stdin.stderr]);
    outputs.push(['report.sarif', readFileSync(path.join(dir, 'out/report.sarif'), 'utf8')], ['report.json', readFileSync(path.join(dir, 'out/report.json'), 'utf8')]);
    for (const [name, text] of outputs) {
      for (const id of IDENTIFIERS) assert.ok(!text.includes(id), `${name} contains "${id}"`);
    }
  });
});

describe('an untrusted config cannot print files', { concurrent: true, timeout: TIMEOUT }, () => {
  const SECRET = 'ghp_SUPERSECRET123';
  const env = { SECRET_TOKEN: SECRET };
  for (const [name, setup] of [
    ['extends: /proc/self/environ', (dir: string) => writeFiles(dir, { '.visitnotes.yaml': 'extends: /proc/self/environ\n' })],
    ['a config symlinked to /proc/self/environ', (dir: string) => symlinkSync('/proc/self/environ', path.join(dir, '.visitnotes.yaml'))],
    ['extends through a symlink to a file outside', (dir: string) => {
      writeFiles(dir, { '.visitnotes.yaml': 'extends: ./creds.yaml\n' });
      symlinkSync('/proc/self/environ', path.join(dir, 'creds.yaml'));
    }],
    ['extends ../ out of the folder', (dir: string) => writeFiles(dir, { 'notes/.visitnotes.yaml': 'extends: ../../../../../../../proc/self/environ\n', '.git/HEAD': 'ref: x\n' })],
  ] as const) {
    test(`${name}: exit 2, a located error, nothing of the file`, async () => {
      const dir = tempProject({ 'notes/a.visit.md': CLEAN_NOTE });
      projects.push(dir);
      setup(dir);
      const r = await runCli(['lint'], { cwd: dir, env });
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /invalid config: .*(outside|absolute paths are not followed)/);
      assert.ok(!r.stderr.includes(SECRET) && !r.stdout.includes(SECRET), r.stderr);
      assert.ok(!/SHELL|PATH=/.test(r.stderr), r.stderr);
    });
  }

  test('a FIFO or a device as the config: a clear error, no hang', async () => {
    const dir = tempProject({ 'a.visit.md': CLEAN_NOTE });
    projects.push(dir);
    spawnSync('mkfifo', [path.join(dir, '.visitnotes.yaml')]);
    const r = await runCli(['lint'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /not a regular file/);
  });
});
