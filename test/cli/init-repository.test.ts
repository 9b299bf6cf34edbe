/**
 * `visitnotes init` in repository mode: a note repository from an empty folder
 * that lints clean, generated CI and pre-commit files that are valid and point at
 * this repository's Action and hooks, and the never-overwrite guarantees
 * (skips, dangling links, blocked folders, --dry-run, rollback).
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { run } from '../../server/src/cli/main.ts';
import { EXAMPLE_TEMPLATES } from '../../server/src/cli/init/example-note.ts';
import { writeAll } from '../../server/src/cli/init/scaffold.ts';
import { ensureBuilt, removeProject, ROOT, runCli, tempProject } from './helpers.ts';

const projects: string[] = [];
function project(files: Record<string, string> = {}): string {
  const dir = tempProject(files);
  projects.push(dir);
  return dir;
}
beforeAll(() => ensureBuilt());
afterAll(() => projects.forEach(removeProject));

const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const action = parseYaml(readFileSync(path.join(ROOT, 'action.yml'), 'utf8'));
const hooks = parseYaml(readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string }[];

const REPOSITORY_FILES = [
  '.github/workflows/visitnotes.yml',
  '.gitignore',
  '.pre-commit-config.yaml',
  '.visitnotes.yaml',
  '.vscode/extensions.json',
  '.vscode/settings.json',
  'README.md',
  'notes/example.visit.md',
];

function filesIn(dir: string, prefix = ''): string[] {
  return readdirSync(dir).flatMap((name) => {
    const rel = prefix ? `${prefix}/${name}` : name;
    return lstatSync(path.join(dir, name)).isDirectory() ? filesIn(path.join(dir, name), rel) : [rel];
  });
}

/** The CLI in this process (fast, for the preset × template matrix). */
async function cli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    stdout: { write: (d) => void (stdout += String(d)) },
    stderr: { write: (d) => void (stderr += String(d)) },
    cwd,
    env: {},
    isTTY: false,
    readStdin: async () => Buffer.alloc(0),
  });
  return { code, stdout, stderr };
}

describe('init: a note repository in an empty folder', { concurrent: true }, () => {
  test('writes the repository, and `visitnotes lint` there finds nothing', async () => {
    const dir = project();
    const r = await runCli(['init'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(filesIn(dir).sort(), REPOSITORY_FILES);
    for (const f of REPOSITORY_FILES) assert.match(r.stdout, new RegExp(`^  ${f.replace(/\./g, '\\.')} `, 'm'));
    const lint = await runCli(['lint'], { cwd: dir });
    assert.equal(lint.code, 0, lint.stderr);
    assert.equal(lint.stdout, '');
    const json = JSON.parse((await runCli(['lint', '--format', 'json'], { cwd: dir })).stdout);
    assert.deepEqual(json.map((x: { filePath: string; messages: unknown[] }) => [path.relative(dir, x.filePath), x.messages]), [['notes/example.visit.md', []]]);
  });

  test('the example note lints clean under every preset and template', async () => {
    for (const preset of ['recommended', 'strict', 'training']) {
      for (const template of EXAMPLE_TEMPLATES) {
        const dir = project();
        const init = await cli(['init', '--preset', preset, '--template', template], dir);
        assert.equal(init.code, 0, init.stderr);
        const config = readFileSync(path.join(dir, '.visitnotes.yaml'), 'utf8');
        assert.match(config, new RegExp(`^extends: ${preset}$`, 'm'));
        assert.match(config, new RegExp(`^defaultTemplate: ${template}$`, 'm'));
        assert.match(readFileSync(path.join(dir, 'notes/example.visit.md'), 'utf8'), new RegExp(`^template: ${template}$`, 'm'));
        const lint = await cli(['lint', '--format', 'json'], dir);
        assert.equal(lint.code, 0, lint.stderr);
        assert.deepEqual(JSON.parse(lint.stdout)[0].messages, [], `${preset} × ${template}`);
      }
    }
  });

  test('the workflow is valid YAML using this repository\'s Action at this version, with inputs it declares, and uploads SARIF', async () => {
    const dir = project();
    assert.equal((await cli(['init'], dir)).code, 0);
    const wf = parseYaml(readFileSync(path.join(dir, '.github/workflows/visitnotes.yml'), 'utf8'));
    assert.ok('pull_request' in wf.on && 'push' in wf.on);
    assert.equal(wf.permissions['security-events'], 'write');
    const steps = wf.jobs.lint.steps as { uses?: string; with?: Record<string, unknown>; id?: string; if?: string }[];
    assert.match(steps[0]!.uses!, /^actions\/checkout@/);
    assert.equal(steps[0]!.with!['fetch-depth'], 0, 'the base commit, for changed-line annotations');
    const lint = steps.find((s) => s.uses?.startsWith('visit-notes/visit-notes@'))!;
    assert.equal(lint.uses, `visit-notes/visit-notes@v${pkg.version}`);
    for (const input of Object.keys(lint.with!)) assert.ok(input in action.inputs, `action.yml declares "${input}"`);
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    assert.equal(upload.with!.sarif_file, `\${{ steps.${lint.id}.outputs.sarif-file }}`);
    assert.ok('sarif-file' in action.outputs);
    assert.match(upload.if!, /always\(\)/);
  });

  test('the pre-commit config is valid YAML naming this repository\'s hook at this version', async () => {
    const dir = project();
    assert.equal((await cli(['init'], dir)).code, 0);
    const config = parseYaml(readFileSync(path.join(dir, '.pre-commit-config.yaml'), 'utf8'));
    assert.equal(config.repos.length, 1);
    assert.equal(config.repos[0].repo, 'https://github.com/visit-notes/visit-notes');
    assert.equal(config.repos[0].rev, `v${pkg.version}`);
    for (const h of config.repos[0].hooks) assert.ok(hooks.some((x) => x.id === h.id), h.id);
  });

  test('.gitignore, VS Code files and README', async () => {
    const dir = project({ '.git/HEAD': 'ref: refs/heads/trunk\n' });
    assert.equal((await cli(['init'], dir)).code, 0, 'a bare git repository counts as empty');
    assert.match(readFileSync(path.join(dir, '.gitignore'), 'utf8'), /^\.visitnotes-cache$/m);
    const extensions = JSON.parse(readFileSync(path.join(dir, '.vscode/extensions.json'), 'utf8'));
    assert.deepEqual(extensions.recommendations, [`${pkg.publisher}.${pkg.name}`]);
    const settings = JSON.parse(readFileSync(path.join(dir, '.vscode/settings.json'), 'utf8'));
    assert.equal(settings['[visitnote]']['editor.wordWrap'], 'on');
    assert.match(readFileSync(path.join(dir, 'README.md'), 'utf8'), /visitnotes lint/);
    const wf = parseYaml(readFileSync(path.join(dir, '.github/workflows/visitnotes.yml'), 'utf8'));
    assert.deepEqual(wf.on.push.branches, ['trunk'], 'CI lints pushes to the current branch');
  });
});

describe('init: never overwrites, never half-writes', { concurrent: true }, () => {
  test('--repo in a folder with files skips what is there (a dangling link too) and says so', async () => {
    const dir = project({ 'README.md': 'ours\n', '.visitnotes.json': '{}\n', '.github': 'not a folder\n' });
    symlinkSync(path.join(dir, 'nowhere'), path.join(dir, '.gitignore'));
    const r = await cli(['init', '--repo'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(readFileSync(path.join(dir, 'README.md'), 'utf8'), 'ours\n');
    assert.equal(readFileSync(path.join(dir, '.github'), 'utf8'), 'not a folder\n');
    assert.ok(lstatSync(path.join(dir, '.gitignore')).isSymbolicLink());
    assert.ok(!existsSync(path.join(dir, 'nowhere')), 'nothing written through the dangling link');
    assert.ok(!existsSync(path.join(dir, '.visitnotes.yaml')), 'no second config beside .visitnotes.json');
    assert.match(r.stdout, /^Skipped \(left as they are\):$/m);
    assert.match(r.stdout, /^ {2}\.visitnotes\.yaml +\.visitnotes\.json is there already$/m);
    assert.match(r.stdout, /^ {2}\.github\/workflows\/visitnotes\.yml +\.github is not a folder$/m);
    assert.match(r.stdout, /^ {2}\.gitignore +already there \(a symbolic link\)$/m);
    assert.match(r.stdout, /^ {2}README\.md +already there$/m);
    for (const f of ['notes/example.visit.md', '.pre-commit-config.yaml', '.vscode/settings.json']) assert.ok(existsSync(path.join(dir, f)), f);
    const again = await cli(['init', '--repo'], dir);
    assert.equal(again.code, 0);
    assert.match(again.stdout, /^Nothing to write in \.\.$/m);
  });

  test('--dry-run lists what it would write and skip, and writes nothing', async () => {
    const dir = project({ 'README.md': 'ours\n' });
    const r = await cli(['init', '--repo', '--dry-run'], dir);
    assert.equal(r.code, 0);
    assert.deepEqual(readdirSync(dir), ['README.md']);
    assert.match(r.stdout, /^Would write a note repository in \.:$/m);
    assert.match(r.stdout, /^ {2}notes\/example\.visit\.md /m);
    assert.match(r.stdout, /^Would skip \(left as they are\):\n {2}README\.md +already there$/m);
    const empty = project();
    assert.equal((await cli(['init', 'sub', '--dry-run'], empty)).code, 0);
    assert.deepEqual(readdirSync(empty), [], 'not even the folder');
  });

  test('an empty folder inside another repository gets the starter config and note, not a repository', async () => {
    const dir = project({ '.git/HEAD': 'ref: refs/heads/main\n' });
    mkdirSync(path.join(dir, 'notes'));
    const r = await cli(['init', 'notes'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(readdirSync(path.join(dir, 'notes')).sort(), ['.visitnotes.yaml', 'example.visit.md']);
    assert.ok(!existsSync(path.join(dir, 'notes/.github')));
  });

  test('bad --preset or --template is a usage error with a suggestion; a file is not a folder', async () => {
    const dir = project({ 'file.txt': 'x\n' });
    const preset = await cli(['init', '--preset', 'strikt'], dir);
    assert.equal(preset.code, 2);
    assert.match(preset.stderr, /Unknown preset "strikt"; use one of recommended, strict, training\. Did you mean "strict"\?/);
    const template = await cli(['init', '--template', 'intak'], dir);
    assert.equal(template.code, 2);
    assert.match(template.stderr, /Did you mean "intake"\?/);
    assert.equal((await cli(['init', 'file.txt'], dir)).code, 2);
    assert.deepEqual(readdirSync(dir), ['file.txt']);
  });

  test('a write that fails midway removes what was written before it', async () => {
    const dir = project();
    const plan = [
      { path: 'a/one.txt', text: '1\n', what: '' },
      { path: 'b/c/two.txt', text: '2\n', what: '' },
      { path: 'a/one.txt', text: 'again\n', what: '' }, // exists by now: the exclusive create fails
    ];
    await assert.rejects(writeAll(dir, plan), { code: 'EEXIST' });
    assert.deepEqual(readdirSync(dir), [], 'files and the folders created for them are gone');
  });
});
