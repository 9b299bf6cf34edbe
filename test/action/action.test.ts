/**
 * The GitHub Action as GitHub runs it: `node dist-action/index.js` (the
 * committed bundle) with the environment a runner sets — INPUT_* for every
 * input (action.yml's defaults filled in, names upper-cased with hyphens kept),
 * GITHUB_WORKSPACE, GITHUB_EVENT_NAME, GITHUB_EVENT_PATH, GITHUB_BASE_REF,
 * GITHUB_STEP_SUMMARY and GITHUB_OUTPUT — in temporary git repositories of notes.
 * Plus: the committed bundle is what the sources build today.
 */
import { afterAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { exampleNote } from '../../server/src/cli/init/example-note.ts';
import { parseDiff, touchesChange } from '../../server/src/action/changed-lines.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ENTRY = path.join(ROOT, 'dist-action/index.js');
const action = parseYaml(readFileSync(path.join(ROOT, 'action.yml'), 'utf8'));
const CLEAN = exampleNote('follow-up');
// Errors (missing sections), a warning and infos; the patient's initials must never reach the summary.
const BROKEN = '---\npatient: Q.Z.\ndate: 2026-12-01\n---\n\n## Story\nShe says the new job "finally fits".\n';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

/** A git repository of notes with one commit on `main`. */
function noteRepo(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'visitnotes-action-'));
  dirs.push(dir);
  const repo = path.join(dir, 'work');
  write(repo, files);
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'add', '.');
  git(repo, 'commit', '-q', '-m', 'notes');
  return repo;
}

function write(dir: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
}

interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  summary: string;
  outputs: Record<string, string>;
}

/** Runs the bundle as the runner would; `inputs` override action.yml's defaults. */
function runAction(workspace: string, inputs: Record<string, string>, event: { name: string; payload?: object; baseRef?: string }): Promise<ActionRun> {
  const runner = path.join(path.dirname(workspace), 'runner');
  mkdirSync(runner, { recursive: true });
  const files = { summary: path.join(runner, 'summary.md'), output: path.join(runner, 'output.txt'), event: path.join(runner, 'event.json') };
  writeFileSync(files.summary, '');
  writeFileSync(files.output, '');
  writeFileSync(files.event, JSON.stringify(event.payload ?? {}));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_EVENT_NAME: event.name,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_BASE_REF: event.baseRef ?? '',
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_OUTPUT: files.output,
  };
  for (const [name, spec] of Object.entries(action.inputs as Record<string, { default?: string }>)) {
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = inputs[name] ?? spec.default ?? '';
  }
  return new Promise((resolve, reject) => {
    // The runner starts the action in the workspace.
    const child = spawn(process.execPath, [ENTRY], { cwd: workspace, env });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        summary: readFileSync(files.summary, 'utf8'),
        outputs: parseOutputs(readFileSync(files.output, 'utf8')),
      }),
    );
  });
}

/** GITHUB_OUTPUT's `name<<delimiter` blocks. */
function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (const m of text.matchAll(re)) out[m[1]!] = m[3]!;
  return out;
}

const annotations = (stdout: string) => stdout.split('\n').filter((l) => /^::(error|warning|notice) file=/.test(l));

describe('the Action', { concurrent: true }, () => {
  test('action.yml: node20, the committed entry, and the documented inputs and outputs', () => {
    assert.equal(action.runs.using, 'node20');
    assert.equal(action.runs.main, 'dist-action/index.js');
    assert.deepEqual(Object.keys(action.inputs).sort(), ['annotations', 'config', 'fail-on-error', 'format', 'max-warnings', 'paths', 'sarif-file', 'working-directory']);
    assert.deepEqual(Object.keys(action.outputs).sort(), ['errors', 'exit-code', 'files', 'infos', 'sarif-file', 'warnings']);
  });

  test('a failing lint: exit 1, the summary counts per rule and severity without note text, outputs, SARIF', async () => {
    const repo = noteRepo({ 'notes/a.visit.md': CLEAN, 'notes/q-z-2026.visit.md': BROKEN });
    const r = await runAction(repo, {}, { name: 'workflow_dispatch' });
    assert.equal(r.code, 1, r.stdout + r.stderr);

    // Outputs
    assert.equal(r.outputs.files, '2');
    assert.equal(r.outputs['exit-code'], '1');
    const errors = Number(r.outputs.errors);
    assert.ok(errors >= 4);
    assert.equal(r.outputs['sarif-file'], path.join(repo, 'visitnotes.sarif'));

    // Summary: a table of counts, the total matching the outputs; nothing from the notes.
    assert.match(r.summary, /^### Visit Notes$/m);
    assert.match(r.summary, /^\| rule \| errors \| warnings \| infos \|$/m);
    assert.match(r.summary, /^\| \[`required-section`\]\([^)]+required-section\.md\) \| 4 \| 0 \| 0 \|$/m);
    assert.match(r.summary, new RegExp(`^\\| \\*\\*total\\*\\* \\| \\*\\*${errors}\\*\\* \\| \\*\\*${r.outputs.warnings}\\*\\* \\| \\*\\*${r.outputs.infos}\\*\\* \\|$`, 'm'));
    for (const secret of ['Q.Z.', 'q-z-2026', '.visit.md', 'finally fits', 'Missing required section']) assert.ok(!r.summary.includes(secret), `summary leaks "${secret}"`);
    assert.match(r.summary, /Annotations: every finding \(\d+\): changed lines unknown, a workflow_dispatch run has no base/);

    // SARIF for code scanning: paths relative to the repository root.
    const sarif = JSON.parse(readFileSync(path.join(repo, 'visitnotes.sarif'), 'utf8'));
    assert.equal(sarif.version, '2.1.0');
    const results = sarif.runs[0].results as { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[];
    assert.equal(results.length, errors + Number(r.outputs.warnings) + Number(r.outputs.infos));
    assert.deepEqual([...new Set(results.map((x) => x.locations[0]!.physicalLocation.artifactLocation.uri))], ['notes/q-z-2026.visit.md']);

    // The log: the stylish report, every finding annotated (no base), and one error line.
    assert.match(r.stdout, /Missing required section "Relationships"/);
    assert.equal(annotations(r.stdout).length, results.length);
    assert.match(r.stdout, /^::error title=visitnotes::visitnotes: \d+ errors in the notes\.$/m);
  });

  test('a pull request: annotations only on the lines it changed; the summary and SARIF still count everything', async () => {
    // On main: a note with a finding (an unknown medication field) that the PR does not touch.
    const old = CLEAN.replace('- Meaning: Worried about not waking', '- Meening: Worried about not waking');
    const repo = noteRepo({ 'notes/old.visit.md': old, 'notes/a.visit.md': CLEAN });
    const base = git(repo, 'rev-parse', 'HEAD');
    git(repo, 'checkout', '-q', '-b', 'feature');
    // The PR: a goal phrased only as symptom relief (an info on its line) and a reference to an undefined goal.
    const edited = CLEAN.replace('- [G2] Sleep enough', '- [G3] Less anxiety.\n- [G2] Sleep enough').replace('the sertraline dose today.', 'the sertraline dose today [G9].');
    write(repo, { 'notes/a.visit.md': edited });
    git(repo, 'commit', '-q', '-am', 'edit');
    const r = await runAction(repo, { 'fail-on-error': 'false' }, { name: 'pull_request', baseRef: 'main', payload: { pull_request: { base: { sha: base } } } });
    assert.equal(r.code, 0, 'fail-on-error: false passes the step');
    assert.equal(r.outputs['exit-code'], '1', 'the outputs still say the lint fails');

    const shown = annotations(r.stdout);
    assert.ok(shown.length >= 2, r.stdout);
    for (const a of shown) assert.match(a, /file=notes\/a\.visit\.md,/, 'only the changed note');
    assert.ok(shown.some((a) => /title=undefined-goal/.test(a)));
    assert.ok(shown.some((a) => /title=goal-symptom-framed/.test(a)));
    assert.ok(!shown.some((a) => /title=medication-fields/.test(a)), 'the untouched finding is not annotated');
    assert.match(r.summary, new RegExp(`Annotations: ${shown.length} of \\d+ findings, those on lines changed since main\\.`));
    assert.match(r.summary, /\[`medication-fields`\]/, 'the summary counts every finding');

    // A shallow checkout without the base commit: every finding, and the summary says why.
    const shallow = await runAction(repo, {}, { name: 'pull_request', baseRef: 'develop', payload: { pull_request: { base: { sha: 'f'.repeat(40) } } } });
    assert.equal(annotations(shallow.stdout).length, Number(shallow.outputs.errors) + Number(shallow.outputs.warnings) + Number(shallow.outputs.infos));
    assert.match(shallow.summary, /changed lines unknown, the base commit is not in the checkout \(use actions\/checkout with fetch-depth: 0\)/);
  });

  test('max-warnings, the log format, no SARIF, a subfolder as working directory', async () => {
    const warned = CLEAN.replace('- Meaning: Worried about not waking', '- Meening: Worried about not waking');
    const repo = noteRepo({ 'team/notes/a.visit.md': warned, 'other/b.visit.md': BROKEN });
    const r = await runAction(repo, { 'working-directory': 'team', 'max-warnings': '0', format: 'json', 'sarif-file': '' }, { name: 'workflow_dispatch' });
    assert.equal(r.code, 1);
    assert.equal(r.outputs.errors, '0');
    assert.equal(r.outputs.files, '1', 'only the working directory is linted');
    assert.equal(r.outputs['sarif-file'], '');
    assert.match(r.stdout, /too many warnings \(\d+; maximum 0\)/);
    const json = JSON.parse(r.stdout.split('\n').find((l) => l.startsWith('['))!);
    assert.equal(json[0].filePath, path.join(repo, 'team/notes/a.visit.md'));
    for (const a of annotations(r.stdout)) assert.match(a, /file=team\/notes\/a\.visit\.md,/, 'annotation paths are relative to the repository root');
    const clean = await runAction(noteRepo({ 'notes/a.visit.md': CLEAN }), { 'max-warnings': '0' }, { name: 'push', payload: { before: '0'.repeat(40) } });
    assert.equal(clean.code, 0, clean.stdout);
    assert.match(clean.summary, /✅ No findings: 0 errors, 0 warnings, 0 infos in 1 note/);
  });

  test('bad input and an invalid config: exit 2 with an error annotation', async () => {
    const repo = noteRepo({ 'notes/a.visit.md': CLEAN, '.visitnotes.yaml': 'rules:\n  phi: loud\n' });
    const badInput = await runAction(repo, { format: 'xml' }, { name: 'workflow_dispatch' });
    assert.equal(badInput.code, 2);
    assert.match(badInput.stdout, /^::error title=visitnotes::visitnotes: Input "format" must be one of stylish, json, sarif, github, not "xml"\.$/m);
    const badConfig = await runAction(repo, {}, { name: 'workflow_dispatch' });
    assert.equal(badConfig.code, 2);
    assert.match(badConfig.stdout, /^::error title=visitnotes::visitnotes: invalid config: .*\.visitnotes\.yaml:2:/m);
    assert.equal(badConfig.outputs['exit-code'], '2');
    const missing = await runAction(noteRepo({ 'a.visit.md': CLEAN }), { paths: 'nowhere' }, { name: 'workflow_dispatch' });
    assert.equal(missing.code, 2);
  });
});

describe('changed lines from git diff -U0', () => {
  test('added and modified lines count; a deletion marks both sides of the gap; quoted paths', () => {
    const diff = [
      'diff --git a/n.visit.md b/n.visit.md',
      '--- a/n.visit.md',
      '+++ b/n.visit.md',
      '@@ -3 +3 @@',
      '@@ -10,2 +9,0 @@',
      '@@ -20,0 +21,3 @@',
      'diff --git "a/sp ace\\"q.visit.md" "b/sp ace\\"q.visit.md"',
      '+++ "b/sp ace\\"q.visit.md"',
      '@@ -0,0 +1 @@',
      '+++ b/ünï.visit.md',
      '@@ -1 +1,2 @@',
    ].join('\n');
    const lines = parseDiff(diff, '/repo');
    assert.deepEqual([...lines.get('/repo/n.visit.md')!].sort((a, b) => a - b), [3, 9, 10, 21, 22, 23]);
    assert.deepEqual([...lines.get('/repo/sp ace"q.visit.md')!], [1]);
    assert.deepEqual([...lines.get('/repo/ünï.visit.md')!], [1, 2]);
    assert.ok(touchesChange(lines, '/repo/n.visit.md', 4, 9));
    assert.ok(!touchesChange(lines, '/repo/n.visit.md', 4, 8));
    assert.ok(!touchesChange(lines, '/repo/other.visit.md', 1, 1));
  });
});

describe('the committed bundle', () => {
  test('dist-action/ is what the sources build today (run npm run build:action and commit it)', async () => {
    const script = path.join(ROOT, 'scripts/build-action.mjs');
    const { actionBundle } = (await import(pathToFileURL(script).href)) as { actionBundle(): Promise<Record<string, string>> };
    const fresh = await actionBundle();
    for (const [rel, text] of Object.entries(fresh)) {
      let committed: string | undefined;
      try {
        committed = readFileSync(path.join(ROOT, rel), 'utf8');
      } catch {
        committed = undefined;
      }
      assert.ok(committed === text, `${rel} is stale: run \`npm run build:action\` and commit it`);
    }
  });
});
