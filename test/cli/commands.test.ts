/**
 * The other faces of the binary: help, version, `rules`, `init`, `lsp`, and
 * how a crash is reported (exit 2, no stack unless --debug).
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { RECOMMENDED, RULES } from '../../server/src/engine/index.ts';
import { BIN, cleanEnv, ensureBuilt, removeProject, ROOT, runCli, tempProject } from './helpers.ts';

const projects: string[] = [];
function project(files: Record<string, string> = {}): string {
  const dir = tempProject(files);
  projects.push(dir);
  return dir;
}

beforeAll(() => ensureBuilt());
afterAll(() => projects.forEach(removeProject));

describe('help and version', { concurrent: true }, () => {
  test('--version prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    for (const flag of ['--version', '-v']) {
      const r = (await runCli([flag], { cwd: project() }));
      assert.equal(r.code, 0);
      assert.equal(r.stdout, `${version}\n`);
    }
  });

  test('--help lists every command; each command has its own help', async () => {
    const dir = project();
    const r = (await runCli(['--help'], { cwd: dir }));
    assert.equal(r.code, 0);
    for (const name of ['lint', 'rules', 'init', 'lsp']) assert.match(r.stdout, new RegExp(`^  ${name} `, 'm'));
    assert.match(r.stdout, /Exit codes: 0 .* 1 .* 2 /);
    const lint = (await runCli(['lint', '--help'], { cwd: dir }));
    assert.equal(lint.code, 0);
    for (const flag of ['--format', '--max-warnings', '--quiet', '--fix', '--fix-dry-run', '--config', '--stdin', '--stdin-filename', '--print-config', '--no-color', '--color', '--output-file', '--no-ignore']) {
      assert.ok(lint.stdout.includes(flag), `lint --help mentions ${flag}`);
    }
    assert.equal((await runCli(['help', 'lint'], { cwd: dir })).stdout, lint.stdout);
    for (const name of ['rules', 'init', 'lsp']) {
      const h = (await runCli([name, '--help'], { cwd: dir }));
      assert.equal(h.code, 0);
      assert.match(h.stdout, new RegExp(`^Usage: visitnotes ${name}`));
    }
    assert.equal((await runCli(['help', 'nope'], { cwd: dir })).code, 2);
  });
});

describe('rules', { concurrent: true }, () => {
  test('lists every rule with its default severity and fixability', async () => {
    const r = (await runCli(['rules'], { cwd: project() }));
    assert.equal(r.code, 0);
    const lines = r.stdout.trimEnd().split('\n');
    assert.match(lines[0]!, /^rule\s+default\s+fixable\s+description$/);
    assert.equal(lines.length, RULES.length + 1);
    for (const [i, rule] of RULES.entries()) {
      const cols = lines[i + 1]!.split(/\s{2,}/);
      assert.equal(cols[0], rule.id);
      // The level a note gets with no config: `recommended` turns decision-recorded off.
      assert.equal(cols[1], RECOMMENDED.rules[rule.id]?.severity ?? rule.defaultSeverity);
      if (rule.fixable) assert.equal(cols[2], 'yes');
    }
  });

  test('--format json', async () => {
    const r = (await runCli(['rules', '--format', 'json'], { cwd: project() }));
    assert.equal(r.code, 0);
    const rows = JSON.parse(r.stdout);
    assert.deepEqual(
      rows.map((x: { id: string; defaultSeverity: string; fixable: boolean; description: string }) => [x.id, x.defaultSeverity, x.fixable, x.description]),
      RULES.map((x) => [x.id, RECOMMENDED.rules[x.id]?.severity ?? x.defaultSeverity, x.fixable, x.description]),
    );
    assert.ok(rows.every((x: { docsUrl: string }) => x.docsUrl.endsWith(`.md`)));
    assert.equal((await runCli(['rules', '--format', 'xml'], { cwd: project() })).code, 2);
  });
});

describe('init', { concurrent: true }, () => {
  test('in a folder with files: writes a starter config and an example note that lints without errors', async () => {
    const dir = project({ 'README.md': '# Our notes\n' });
    const r = (await runCli(['init'], { cwd: dir }));
    assert.equal(r.code, 0, r.stderr);
    const config = readFileSync(path.join(dir, '.visitnotes.yaml'), 'utf8');
    assert.match(config, /^# yaml-language-server: \$schema=/);
    assert.match(config, /^extends: recommended$/m);
    assert.ok(existsSync(path.join(dir, 'example.visit.md')));
    const lint = (await runCli(['lint', '-f', 'json'], { cwd: dir }));
    assert.notEqual(lint.code, 2, lint.stderr);
    const results = JSON.parse(lint.stdout);
    assert.equal(results.length, 1);
    assert.equal(results[0].errorCount, 0, JSON.stringify(results[0].messages));
    // The example carries a fresh random patient-key (not derived from anything): a second init writes another.
    const key = /^patient-key: ([0-9a-z]{4}-[0-9a-z]{4})$/m.exec(readFileSync(path.join(dir, 'example.visit.md'), 'utf8'))?.[1];
    assert.ok(key, 'a patient-key in the example note');
    assert.deepEqual(results[0].messages.filter((m: { ruleId: string }) => m.ruleId === 'frontmatter'), []);
    const again = project({ 'README.md': '# Our notes\n' });
    assert.equal((await runCli(['init'], { cwd: again })).code, 0);
    assert.notEqual(/^patient-key: (.*)$/m.exec(readFileSync(path.join(again, 'example.visit.md'), 'utf8'))?.[1], key);
  });

  test('refuses to overwrite anything, writes nothing and exits 2', async () => {
    const dir = project({ '.visitnotes.json': '{}\n' });
    const r = (await runCli(['init'], { cwd: dir }));
    assert.equal(r.code, 2);
    assert.match(r.stderr, /not overwriting \.visitnotes\.json/);
    assert.deepEqual(readdirSync(dir), ['.visitnotes.json']);
    const noteOnly = project({ 'example.visit.md': 'mine\n' });
    assert.equal((await runCli(['init'], { cwd: noteOnly })).code, 2);
    assert.equal(readFileSync(path.join(noteOnly, 'example.visit.md'), 'utf8'), 'mine\n');
    assert.deepEqual(readdirSync(noteOnly), ['example.visit.md']);
  });

  test('into a named folder that has files', async () => {
    const dir = project({ 'notes/README.md': '# Our notes\n' });
    assert.equal((await runCli(['init', 'notes'], { cwd: dir })).code, 0);
    assert.deepEqual(readdirSync(path.join(dir, 'notes')).sort(), ['.visitnotes.yaml', 'README.md', 'example.visit.md']);
  });
});

describe('lsp', { concurrent: true }, () => {
  test('visitnotes lsp --stdio answers initialize and exits on exit', async () => {
    const child = spawn(process.execPath, [BIN, 'lsp', '--stdio'], { cwd: project(), env: cleanEnv() });
    const send = (msg: object) => {
      const body = JSON.stringify({ jsonrpc: '2.0', ...msg });
      child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    };
    let buffer = '';
    const response = new Promise<any>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no initialize response; got ${buffer}`)), 15_000);
      child.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString('utf8');
        const m = /Content-Length: (\d+)\r\n\r\n/.exec(buffer);
        if (!m) return;
        const start = m.index + m[0].length;
        const body = buffer.slice(start, start + Number(m[1]));
        if (Buffer.byteLength(body) < Number(m[1])) return;
        const parsed = JSON.parse(body);
        if (parsed.id === 1) {
          clearTimeout(timer);
          resolve(parsed);
        } else buffer = buffer.slice(start + body.length);
      });
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    send({ id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
    const init = await response;
    assert.ok(init.result?.capabilities, 'initialize result has capabilities');
    send({ method: 'initialized', params: {} });
    send({ id: 2, method: 'shutdown' });
    send({ method: 'exit' });
    const code = await Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 10_000))]);
    if (code === 'timeout') child.kill();
    assert.equal(code, 0);
  });
});

describe('crashes', { concurrent: true }, () => {
  test('an internal failure exits 2 with one line on stderr; --debug adds the stack', async () => {
    // A broken install: the lint pipeline throws as soon as it starts.
    const dir = project({ 'a.visit.md': '# note\n' });
    const install = path.join(dir, 'install');
    cpSync(path.join(ROOT, 'bin'), path.join(install, 'bin'), { recursive: true });
    cpSync(path.join(ROOT, 'dist'), path.join(install, 'dist'), { recursive: true });
    writeFileSync(path.join(install, 'package.json'), readFileSync(path.join(ROOT, 'package.json')));
    // The bundle the command runs (dist/cli.cjs, through the code cache), after one run has cached it.
    const bin = path.join(install, 'bin/visitnotes.js');
    const cache = { VISITNOTES_COMPILE_CACHE: path.join(dir, 'compile-cache') };
    assert.equal((await runCli(['lint'], { cwd: dir, bin, env: cache })).code, 1, 'the intact install lints');
    const bundle = path.join(install, 'dist/cli.cjs');
    const code = readFileSync(bundle, 'utf8');
    const start = /async function runLint\([^)]*\)\s*\{/; // the dev build or the minified release build
    assert.match(code, start, 'the lint pipeline is in the bundle');
    writeFileSync(bundle, code.replace(start, (m) => `${m} throw new TypeError('simulated failure');`));

    assert.equal((await runCli(['--version'], { cwd: dir, bin, env: cache })).code, 0, '--version does not run lint');
    // The edited bundle runs as edited, not from the code cached for the intact one.
    const r = (await runCli(['lint'], { cwd: dir, bin, env: cache }));
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^visitnotes: internal error: /);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace by default');
    const debug = (await runCli(['lint', '--debug'], { cwd: dir, bin }));
    assert.equal(debug.code, 2);
    assert.match(debug.stderr, /\n\s+at /, 'stack trace with --debug');
    assert.match((await runCli(['lint'], { cwd: dir, bin, env: { VISITNOTES_DEBUG: '1' } })).stderr, /\n\s+at /);
  });

  test('a closed stderr ends the run with its exit code instead of looping on the write error', async () => {
    // Writing to a closed stderr raised an error that the crash handler reported... on stderr.
    const child = spawn(process.execPath, [BIN, 'lint', path.join(project(), 'missing/x.visit.md'), '--debug'], { stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr!.destroy();
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const code = await Promise.race([exited, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 20_000))]);
    if (code === 'hung') child.kill('SIGKILL');
    assert.equal(code, 2);
  });

  test('the binary explains a missing build instead of crashing', async () => {
    const dir = project();
    const install = path.join(dir, 'install');
    cpSync(path.join(ROOT, 'bin'), path.join(install, 'bin'), { recursive: true });
    const r = (await runCli(['--version'], { cwd: dir, bin: path.join(install, 'bin/visitnotes.js') }));
    assert.equal(r.code, 2);
    assert.match(r.stderr, /npm run build/);
  });
});
