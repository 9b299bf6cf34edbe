/**
 * The npm package and the pre-commit route, from a fresh copy of the
 * repository, offline, with an empty npm cache:
 *
 * 1. `npm run prepare` in the copy: what `npm install` of a git clone runs after
 *    installing dev dependencies (npm for `github:` installs, pre-commit for its
 *    node hooks). The dependencies come from this checkout's node_modules, one
 *    folder up, since installing them needs the registry.
 * 2. `npm pack` (prepack builds again): the tarball, checked file by file.
 * 3. `npm install <tarball>` into an empty folder: nothing else is installed
 *    (no runtime dependencies), and the bins, the language server and the API
 *    work from there.
 * 4. pre-commit's install, `npm install -g <tarball>` into a prefix of its own,
 *    then the hooks' entries from .pre-commit-hooks.yaml with staged-style file
 *    arguments.
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { exampleNote } from '../../server/src/cli/init/example-note.ts';
import { copyRepository, lspInitialize, npm, npmEnv, ROOT, run, tempDir, type Run } from './helpers.ts';

const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const CLEAN = exampleNote('follow-up');
const BROKEN = '---\npatient: T.B.\ndate: 2026-12-01\n---\n\n## Story\nShe says the new job "finally fits".\n';

let work: string;
let repo: string;
let env: NodeJS.ProcessEnv;
let tarball: string;
let packed: { files: { path: string; size: number }[]; size: number; entryCount: number };
let app: string;

beforeAll(() => {
  work = tempDir('visitnotes-package-');
  repo = copyRepository(work);
  env = npmEnv(path.join(work, 'npm-cache'));
  npm(['run', 'prepare'], repo, env);
  const out = npm(['pack', '--json', '--pack-destination', work], repo, env);
  packed = JSON.parse(out.stdout.slice(out.stdout.indexOf('[')))[0];
  tarball = path.join(work, (packed as unknown as { filename: string }).filename);

  app = path.join(work, 'app');
  mkdirSync(path.join(app, 'notes'), { recursive: true });
  writeFileSync(path.join(app, 'package.json'), '{ "name": "notes-app", "private": true, "type": "module" }\n');
  npm(['install', '--no-save', tarball], app, env);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the git install (prepare) and the tarball (prepack)', () => {
  test('prepare builds the bundles, the API types and the notices in a fresh clone', () => {
    for (const f of ['visitnotes.js', 'cli.js', 'cli-run.cjs', 'cli.cjs', 'server.js', 'piscina-worker.cjs', 'api.js', 'api.d.ts', 'THIRD-PARTY-NOTICES.txt']) {
      assert.ok(existsSync(path.join(repo, 'dist', f)), `dist/${f}`);
    }
  });

  test('the tarball holds exactly the allowlist: under 40 files, under 1 MB', () => {
    const files = packed.files.map((f) => f.path).sort();
    const docs = readdirSync(path.join(ROOT, 'docs/rules')).filter((f) => f.endsWith('.md')).map((f) => `docs/rules/${f}`);
    const expected = [
      'CHANGELOG.md',
      'LICENSE',
      'README.md',
      'bin/visitnotes-language-server.js',
      'dist/THIRD-PARTY-NOTICES.txt',
      'dist/api.d.ts',
      'dist/api.js',
      'dist/cli-run.cjs',
      'dist/cli.cjs',
      'dist/cli.js',
      'dist/piscina-worker.cjs',
      'dist/visitnotes.js',
      ...docs,
      'package.json',
      'schemas/visitnotes.schema.json',
    ].sort();
    assert.deepEqual(files, expected, 'no sources, tests, maps, or the VS Code extension bundle');
    assert.ok(packed.entryCount < 40, `${packed.entryCount} files`);
    assert.ok(packed.size < 1024 * 1024, `${packed.size} bytes`);
  });

  test('the manifest: not private, no runtime dependencies, bins and exports as documented', () => {
    const installed = JSON.parse(readFileSync(path.join(app, 'node_modules/visit-notes/package.json'), 'utf8'));
    assert.equal(installed.private, undefined);
    assert.equal(installed.version, pkg.version);
    assert.deepEqual(installed.dependencies ?? {}, {});
    assert.deepEqual(Object.keys(installed.bin).sort(), ['visitnotes', 'visitnotes-language-server']);
    assert.equal(installed.exports['.'].types, './dist/api.d.ts');
  });

  test('installing it into an empty folder, offline with an empty cache, installs nothing else', () => {
    const modules = readdirSync(path.join(app, 'node_modules')).filter((n) => !n.startsWith('.'));
    assert.deepEqual(modules, ['visit-notes']);
  });
});

describe('the installed CLI', { concurrent: true }, () => {
  const npx = (args: string[], cwd = app): Promise<Run> => run('npx', ['--offline', 'visitnotes', ...args], { cwd, env });
  const project = (name: string, files: Record<string, string>): string => {
    const dir = path.join(app, name);
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), text);
    }
    return dir;
  };

  test('npx visitnotes lint: stylish, json and sarif; exit codes 0, 1 and 2', async () => {
    const clean = project('clean', { 'notes/a.visit.md': CLEAN });
    const broken = project('broken', { 'notes/a.visit.md': CLEAN, 'notes/b.visit.md': BROKEN });

    const ok = await npx(['lint'], clean);
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(ok.stdout, '', 'stylish prints nothing for a clean note');

    const stylish = await npx(['lint', 'notes'], broken);
    assert.equal(stylish.code, 1, stylish.stderr);
    assert.match(stylish.stdout, /^notes\/b\.visit\.md$/m);
    assert.match(stylish.stdout, /Missing required section "Relationships"/);

    const json = await npx(['lint', '--format', 'json'], broken);
    assert.equal(json.code, 1);
    const results = JSON.parse(json.stdout);
    assert.deepEqual(results.map((r: { filePath: string }) => path.relative(broken, r.filePath)), ['notes/a.visit.md', 'notes/b.visit.md']);
    assert.equal(results[0].errorCount, 0);
    assert.ok(results[1].errorCount >= 4);

    const sarif = await npx(['lint', '--format', 'sarif'], broken);
    assert.equal(sarif.code, 1);
    const log = JSON.parse(sarif.stdout);
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs[0].tool.driver.version, pkg.version);
    assert.equal(log.runs[0].results.length, results[1].messages.length);

    const usage = await npx(['lint', '--format', 'xml'], broken);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /Unknown format "xml"/);
    assert.equal((await npx(['lint', 'no-such-folder'], broken)).code, 2);
  });

  test('large runs use worker threads from the installed package (piscina is bundled)', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 60; i++) files[`notes/n${i}.visit.md`] = CLEAN.replace('patient: R.M.', `patient: P${i % 9}`).replace('2026-11-20', `2026-0${1 + (i % 9)}-1${i % 10}`);
    const dir = project('many', files);
    const bin = path.join(app, 'node_modules/.bin/visitnotes');
    const threaded = await run(bin, ['lint', '--threads', '2', '--debug', '--format', 'json'], { cwd: dir, env });
    assert.equal(threaded.code, 0, threaded.stderr);
    assert.match(threaded.stderr, /60 linted in 2 worker threads/);
    const single = await run(bin, ['lint', '--threads', 'off', '--format', 'json'], { cwd: dir, env });
    assert.equal(threaded.stdout, single.stdout, 'the same results either way');
  });

  test('visitnotes-language-server --stdio and visitnotes lsp --stdio answer initialize', async () => {
    const bin = path.join(app, 'node_modules/.bin');
    for (const [cmd, args] of [[path.join(bin, 'visitnotes-language-server'), ['--stdio']], [path.join(bin, 'visitnotes'), ['lsp', '--stdio']]] as const) {
      const result = await lspInitialize(cmd, [...args], { cwd: app, env });
      assert.ok(result.capabilities, `${path.basename(cmd)} answers with capabilities`);
    }
  });
});

describe('the installed API', { concurrent: true }, () => {
  test('import { lintText, lintFiles, loadConfigFor } from "visit-notes" (ESM) and require (CJS)', async () => {
    const dir = path.join(app, 'api');
    mkdirSync(path.join(dir, 'notes'), { recursive: true });
    writeFileSync(path.join(dir, 'notes/a.visit.md'), CLEAN);
    writeFileSync(path.join(dir, 'notes/b.visit.md'), BROKEN);
    writeFileSync(
      path.join(dir, 'use.mjs'),
      `import { lintFiles, lintText, loadConfigFor } from 'visit-notes';
const files = await lintFiles(['notes']);
const text = await lintText(${JSON.stringify(BROKEN)}, { filePath: 'notes/c.visit.md' });
const config = await loadConfigFor('notes/c.visit.md');
console.log(JSON.stringify({ files, text, config }));
`,
    );
    writeFileSync(path.join(dir, 'use.cjs'), `require('visit-notes').lintText('# x\\n').then((r) => console.log(r.errorCount));\n`);
    const esm = await run(process.execPath, ['use.mjs'], { cwd: dir, env });
    assert.equal(esm.code, 0, esm.stderr);
    const { files, text, config } = JSON.parse(esm.stdout);
    const cli = await run(path.join(app, 'node_modules/.bin/visitnotes'), ['lint', 'notes', '--format', 'json'], { cwd: dir, env });
    assert.deepEqual(files, JSON.parse(cli.stdout), 'lintFiles gives what the CLI prints as JSON');
    assert.equal(text.filePath, path.join(dir, 'notes/c.visit.md'));
    assert.deepEqual(text.messages, files[1].messages, 'lintText of the same text finds the same');
    assert.equal(config.file, null);
    assert.equal(config.defaultTemplate, 'follow-up');

    const cjs = await run(process.execPath, ['use.cjs'], { cwd: dir, env });
    assert.equal(cjs.code, 0, cjs.stderr);
    assert.ok(Number(cjs.stdout) > 0);
    assert.equal(cjs.stderr, '', 'no warnings');

    const internal = await run(process.execPath, ['--input-type=module', '-e', "await import('visit-notes/dist/visitnotes.js')"], { cwd: dir, env });
    assert.notEqual(internal.code, 0, 'the engine is not importable');
    assert.match(internal.stderr, /ERR_PACKAGE_PATH_NOT_EXPORTED/);
  });

  test('the types: a strict TypeScript consumer compiles against dist/api.d.ts', async () => {
    const dir = path.join(app, 'types');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      path.join(dir, 'check.ts'),
      `import { lintFiles, lintText, loadConfigFor, type LintResult, type LintMessage, type NoteConfig } from 'visit-notes';
const results: LintResult[] = await lintFiles('notes', { cwd: '.', ignore: false, onWarning: (m: string) => void m });
const first: LintMessage | undefined = results[0]?.messages[0];
const severity: 0 | 1 | 2 | undefined = first?.severity;
const one: LintResult = await lintText('text', { filePath: 'a.visit.md' });
const config: NoteConfig = await loadConfigFor('a.visit.md');
// @ts-expect-error: severities are numbers
const wrong: 'error' = first?.severity;
export { severity, one, config, wrong };
`,
    );
    // No @types/node: the declarations must stand on their own.
    const tsconfig = { compilerOptions: { strict: true, module: 'nodenext', target: 'es2022', noEmit: true, types: [] }, files: ['check.ts'] };
    writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
    const tsc = await run(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', '.'], { cwd: dir, env });
    assert.equal(tsc.code, 0, tsc.stdout + tsc.stderr);
  });

  test('the example in docs/api.md runs as documented', async () => {
    const dir = path.join(app, 'docs-example');
    mkdirSync(path.join(dir, 'notes'), { recursive: true });
    writeFileSync(path.join(dir, 'notes/a.visit.md'), CLEAN);
    const doc = readFileSync(path.join(ROOT, 'docs/api.md'), 'utf8');
    const section = doc.slice(doc.indexOf('## Example'));
    const code = /```js\n([\s\S]*?)```/.exec(section)![1]!;
    const expected = /prints:\n\n```\n([\s\S]*?)```/.exec(section)![1]!;
    writeFileSync(path.join(dir, 'lint-notes.mjs'), code);
    const r = await run(process.execPath, ['lint-notes.mjs'], { cwd: dir, env });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, expected);
  });
});

describe('pre-commit: the hooks, installed the way pre-commit installs a node hook', () => {
  let prefix: string;
  let hooks: { id: string; entry: string; language: string; files: string }[];
  beforeAll(() => {
    prefix = path.join(work, 'pre-commit-env');
    npm(['install', '--global', '--prefix', prefix, tarball], work, env);
    hooks = parseYaml(readFileSync(path.join(repo, '.pre-commit-hooks.yaml'), 'utf8'));
  });

  test('.pre-commit-hooks.yaml: node hooks for *.visit.md whose entries are the package bins', () => {
    assert.deepEqual(hooks.map((h) => h.id), ['visitnotes', 'visitnotes-fix']);
    for (const h of hooks) {
      assert.equal(h.language, 'node');
      assert.ok(new RegExp(h.files).test('notes/2026/a.visit.md'));
      assert.ok(!new RegExp(h.files).test('notes/README.md'));
      assert.ok(Object.keys(pkg.bin).includes(h.entry.split(' ')[0]!), h.entry);
    }
  });

  test('each entry with staged files as arguments: exit codes, output and the fix', async () => {
    const notes = path.join(work, 'hook-repo');
    mkdirSync(path.join(notes, 'notes'), { recursive: true });
    writeFileSync(path.join(notes, 'notes/a.visit.md'), CLEAN);
    writeFileSync(path.join(notes, 'notes/b.visit.md'), BROKEN);
    const hookEnv = { ...env, PATH: `${path.join(prefix, 'bin')}${path.delimiter}${env.PATH}` };
    const entry = (id: string, files: string[]) => {
      const [cmd, ...args] = hooks.find((h) => h.id === id)!.entry.split(' ');
      return run(path.join(prefix, 'bin', cmd!), [...args, ...files], { cwd: notes, env: hookEnv });
    };

    const clean = await entry('visitnotes', ['notes/a.visit.md']);
    assert.equal(clean.code, 0, clean.stderr);
    const failing = await entry('visitnotes', ['notes/a.visit.md', 'notes/b.visit.md']);
    assert.equal(failing.code, 1);
    assert.match(failing.stdout, /^notes\/b\.visit\.md$/m);
    assert.doesNotMatch(failing.stdout, /^notes\/a\.visit\.md$/m);

    const before = readFileSync(path.join(notes, 'notes/b.visit.md'), 'utf8');
    const fixed = await entry('visitnotes-fix', ['notes/b.visit.md']);
    const after = readFileSync(path.join(notes, 'notes/b.visit.md'), 'utf8');
    assert.notEqual(after, before, 'the fix hook inserts the missing sections');
    assert.match(after, /^## Relationships$/m);
    // What remains is for the clinician to write: warnings, reported (pre-commit fails the
    // commit anyway, because the hook changed a file).
    assert.equal(fixed.code, 0, fixed.stderr);
    assert.match(fixed.stdout, /empty-section/);
  });
});
