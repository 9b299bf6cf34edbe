/**
 * `visitnotes lint` end to end: the real built binary in temporary folders.
 * Every project here carries a config that turns off all rules but
 * `required-section`, so the assertions depend only on settled behaviour.
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CLEAN_NOTE,
  ensureBuilt,
  isolatingConfig,
  MISSING_GOALS,
  MISSING_GOALS_LINE,
  MISSING_GOALS_MESSAGE,
  removeProject,
  runCli,
  tempProject,
} from './helpers.ts';

const projects: string[] = [];
function project(files: Record<string, string | Buffer>): string {
  const dir = tempProject({ '.visitnotes.yaml': isolatingConfig(), ...files });
  projects.push(dir);
  return dir;
}

const missingGoalsMessage = {
  ruleId: 'required-section',
  severity: 2,
  message: MISSING_GOALS_MESSAGE,
  line: MISSING_GOALS_LINE,
  column: 1,
  endLine: MISSING_GOALS_LINE,
  endColumn: '## Medication meaning'.length + 1,
};

beforeAll(() => ensureBuilt());
afterAll(() => projects.forEach(removeProject));

describe('json output and exit codes', { concurrent: true }, () => {
  test('exactly the contract shape: absolute paths, sorted, 1-based positions; exit 1 on errors', async () => {
    const dir = project({ 'b.visit.md': MISSING_GOALS, 'a.visit.md': CLEAN_NOTE, 'sub/c.visit.md': MISSING_GOALS });
    const r = (await runCli(['lint', '--format', 'json'], { cwd: dir }));
    assert.equal(r.stderr, '');
    assert.equal(r.code, 1);
    assert.deepEqual(JSON.parse(r.stdout), [
      { filePath: path.join(dir, 'a.visit.md'), messages: [], errorCount: 0, warningCount: 0, infoCount: 0 },
      { filePath: path.join(dir, 'b.visit.md'), messages: [missingGoalsMessage], errorCount: 1, warningCount: 0, infoCount: 0 },
      { filePath: path.join(dir, 'sub/c.visit.md'), messages: [missingGoalsMessage], errorCount: 1, warningCount: 0, infoCount: 0 },
    ]);
  });

  test('exit 0 when clean; infos never change the exit code', async () => {
    const dir = project({ 'a.visit.md': CLEAN_NOTE, 'info/.visitnotes.yaml': `extends: ../.visitnotes.yaml\nrules:\n  required-section: info\n`, 'info/b.visit.md': MISSING_GOALS });
    const r = (await runCli(['lint', '-f', 'json'], { cwd: dir }));
    assert.equal(r.code, 0);
    const results = JSON.parse(r.stdout);
    assert.equal(results[1].messages[0].severity, 0);
    assert.equal(results[1].infoCount, 1);
  });

  test('--max-warnings: within the limit 0, above it 1 (with a message on stderr)', async () => {
    const dir = project({ '.visitnotes.yaml': isolatingConfig({ 'required-section': 'warning' }), 'a.visit.md': MISSING_GOALS, 'b.visit.md': MISSING_GOALS });
    assert.equal((await runCli(['lint'], { cwd: dir })).code, 0);
    assert.equal((await runCli(['lint', '--max-warnings', '2'], { cwd: dir })).code, 0);
    const over = (await runCli(['lint', '--max-warnings', '1'], { cwd: dir }));
    assert.equal(over.code, 1);
    assert.match(over.stderr, /too many warnings \(2; maximum: 1\)/);
    assert.equal((await runCli(['lint', '--max-warnings=-1'], { cwd: dir })).code, 0);
    assert.equal((await runCli(['lint', '--max-warnings', 'lots'], { cwd: dir })).code, 2);
  });

  test('--quiet shows errors only, but the exit code still counts everything', async () => {
    const dir = project({
      'err.visit.md': MISSING_GOALS,
      'warn/.visitnotes.yaml': `extends: ../.visitnotes.yaml\nrules:\n  required-section: warning\n`,
      'warn/w.visit.md': MISSING_GOALS,
    });
    const r = (await runCli(['lint', '--quiet', '-f', 'json'], { cwd: dir }));
    assert.equal(r.code, 1);
    assert.deepEqual(JSON.parse(r.stdout), [{ filePath: path.join(dir, 'err.visit.md'), messages: [missingGoalsMessage], errorCount: 1, warningCount: 0, infoCount: 0 }]);
    const warnOnly = (await runCli(['lint', '--quiet', '--max-warnings', '0', 'warn'], { cwd: dir }));
    assert.equal(warnOnly.stdout, '', '--quiet hides the warning');
    assert.equal(warnOnly.code, 1, 'but cannot hide that there are too many');
  });

  test('a bare path means lint; lint with no paths covers the current folder', async () => {
    const dir = project({ 'a.visit.md': MISSING_GOALS });
    const viaPath = (await runCli(['a.visit.md', '-f', 'json'], { cwd: dir }));
    const viaDefault = (await runCli(['-f', 'json'], { cwd: dir }));
    assert.equal(viaPath.code, 1);
    assert.deepEqual(JSON.parse(viaPath.stdout), JSON.parse((await runCli(['lint', '-f', 'json'], { cwd: dir })).stdout));
    assert.deepEqual(JSON.parse(viaDefault.stdout), JSON.parse(viaPath.stdout));
  });

  test('-o writes the report to a file (creating its folder) and nothing to stdout', async () => {
    const dir = project({ 'a.visit.md': MISSING_GOALS });
    const r = (await runCli(['lint', '-f', 'json', '-o', 'out/report.json'], { cwd: dir }));
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.equal(JSON.parse(readFileSync(path.join(dir, 'out/report.json'), 'utf8'))[0].messages[0].ruleId, 'required-section');
    mkdirSync(path.join(dir, 'taken'));
    const bad = (await runCli(['lint', '-o', 'taken'], { cwd: dir }));
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /cannot write the output file taken/);
  });
});

describe('usage errors and config errors exit 2', { concurrent: true }, () => {
  test('unknown option, with a did-you-mean', async () => {
    const dir = project({});
    const r = (await runCli(['lint', '--fromat', 'json'], { cwd: dir }));
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /Unknown option "--fromat"\. Did you mean "--format"\?/);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  });

  test('unknown format, missing option value, conflicting flags', async () => {
    const dir = project({ 'a.visit.md': CLEAN_NOTE });
    for (const args of [['--format', 'jsno'], ['--format'], ['--fix', '--fix-dry-run'], ['--stdin-filename', 'a.visit.md'], ['--print-config', 'a.visit.md', 'a.visit.md'], ['--quiet=yes']]) {
      const r = (await runCli(['lint', ...args], { cwd: dir }));
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, /^visitnotes: /, args.join(' '));
    }
    assert.match((await runCli(['lint', '--format', 'jsno'], { cwd: dir })).stderr, /Did you mean "json"\?/);
    // A negative number is named as given, not taken for a missing value.
    const negative = await runCli(['lint', '--threads', '-3'], { cwd: dir });
    assert.equal(negative.code, 2);
    assert.match(negative.stderr, /--threads" needs a value <n\|auto\|off>, not "-3"/);
  });

  test('a mistyped command is not taken for a path', async () => {
    const r = (await runCli(['lnt'], { cwd: project({}) }));
    assert.equal(r.code, 2);
    assert.match(r.stderr, /Unknown command "lnt"\. Did you mean "lint"\?/);
  });

  test('an explicit path that does not exist, and a glob that matches nothing', async () => {
    const dir = project({ 'a.visit.md': CLEAN_NOTE });
    const missing = (await runCli(['lint', 'a.visit.md', 'gone.visit.md'], { cwd: dir }));
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /No such file or folder: gone\.visit\.md/);
    const glob = (await runCli(['lint', 'nowhere/**/*.visit.md'], { cwd: dir }));
    assert.equal(glob.code, 2);
    assert.match(glob.stderr, /No files match "nowhere\/\*\*\/\*\.visit\.md"/);
  });

  test('an invalid config: one line naming the file, exit 2, no stack trace', async () => {
    const dir = project({ '.visitnotes.yaml': 'rules: [unclosed\n', 'a.visit.md': CLEAN_NOTE });
    const r = (await runCli(['lint'], { cwd: dir }));
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    const lines = r.stderr.trimEnd().split('\n');
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0]!, new RegExp(`^visitnotes: invalid config: ${escapeRe(path.join(dir, '.visitnotes.yaml'))}(:\\d+:\\d+)?: `));
  });

  test('a config warning (a shadowed second config file) goes to stderr once and does not change the exit code', async () => {
    const dir = project({ '.visitnotes.json': '{}\n', 'a.visit.md': CLEAN_NOTE, 'b.visit.md': CLEAN_NOTE });
    const r = await runCli(['lint'], { cwd: dir });
    assert.equal(r.code, 0);
    assert.equal(r.stdout, '');
    const lines = r.stderr.trimEnd().split('\n');
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0]!, /^visitnotes: config warning: .*\.visitnotes\.json/);
  });

  test('--config with a file that does not exist', async () => {
    const r = (await runCli(['lint', '--config', 'nope.yaml'], { cwd: project({ 'a.visit.md': CLEAN_NOTE }) }));
    assert.equal(r.code, 2);
    assert.match(r.stderr, /invalid config: .*nope\.yaml/);
  });
});

describe('stylish output', { concurrent: true }, () => {
  const STYLISH = (file: string) =>
    [
      file,
      `  ${MISSING_GOALS_LINE}:1  error  ${MISSING_GOALS_MESSAGE}  required-section`,
      '',
      '✖ 1 problem (1 error, 0 warnings, 0 infos)',
      '  1 error and 0 warnings potentially fixable with the `--fix` option.',
      '',
    ].join('\n');

  test('default format; no colour when stdout is not a terminal or NO_COLOR is set', async () => {
    const dir = project({ 'notes/a.visit.md': MISSING_GOALS, 'notes/ok.visit.md': CLEAN_NOTE });
    const plain = (await runCli(['lint'], { cwd: dir }));
    assert.equal(plain.code, 1);
    assert.equal(plain.stdout, STYLISH(path.join('notes', 'a.visit.md')));
    assert.equal((await runCli(['lint'], { cwd: dir, env: { NO_COLOR: '1', FORCE_COLOR: '1' } })).stdout, plain.stdout);
    assert.equal((await runCli(['lint', '--no-color'], { cwd: dir, env: { FORCE_COLOR: '1' } })).stdout, plain.stdout);
  });

  test('colour with FORCE_COLOR or --color; same text underneath', async () => {
    const dir = project({ 'a.visit.md': MISSING_GOALS });
    // eslint-disable-next-line no-control-regex -- matches the ANSI colour escapes a terminal formatter writes
    const ansi = /\u001b\[[0-9;]*m/g;
    for (const r of await Promise.all([runCli(['lint'], { cwd: dir, env: { FORCE_COLOR: '1' } }), runCli(['lint', '--color'], { cwd: dir })])) {
      assert.match(r.stdout, ansi);
      assert.equal(r.stdout.replace(ansi, ''), STYLISH('a.visit.md'));
    }
  });

  test('nothing printed for clean notes', async () => {
    const r = (await runCli(['lint'], { cwd: project({ 'a.visit.md': CLEAN_NOTE }) }));
    assert.equal(r.code, 0);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, '');
  });
});

describe('sarif and github formats', { concurrent: true }, () => {
  test('sarif: SARIF 2.1.0, locations relative to the current folder, every rule described', async () => {
    const dir = project({ 'notes/a b.visit.md': MISSING_GOALS });
    const r = (await runCli(['lint', '--format', 'sarif', '-o', 'visitnotes.sarif'], { cwd: dir }));
    assert.equal(r.code, 1);
    const log = JSON.parse(readFileSync(path.join(dir, 'visitnotes.sarif'), 'utf8'));
    assert.equal(log.version, '2.1.0');
    const run = log.runs[0];
    const driver = run.tool.driver;
    assert.equal(driver.name, 'visitnotes');
    assert.match(driver.version, /^\d+\.\d+\.\d+/);
    const ruleIds = JSON.parse((await runCli(['rules', '--format', 'json'], { cwd: dir })).stdout).map((x: { id: string }) => x.id);
    assert.deepEqual(driver.rules.map((x: { id: string }) => x.id), ruleIds);
    assert.equal(run.columnKind, 'utf16CodeUnits');
    assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: pathToFileURL(dir + path.sep).href } });
    assert.equal(run.results.length, 1);
    const result = run.results[0];
    assert.equal(result.ruleId, 'required-section');
    assert.equal(driver.rules[result.ruleIndex].id, 'required-section');
    assert.equal(result.level, 'error');
    assert.equal(result.message.text, MISSING_GOALS_MESSAGE);
    assert.deepEqual(result.locations[0].physicalLocation, {
      artifactLocation: { uri: 'notes/a%20b.visit.md', uriBaseId: '%SRCROOT%' },
      region: { startLine: MISSING_GOALS_LINE, startColumn: 1, endLine: MISSING_GOALS_LINE, endColumn: 22 },
    });
  });

  test('github: annotations with relative paths', async () => {
    const dir = project({ 'notes/a.visit.md': MISSING_GOALS });
    const r = (await runCli(['lint', '--format', 'github'], { cwd: dir }));
    assert.equal(r.code, 1);
    assert.equal(
      r.stdout,
      `::error file=notes/a.visit.md,line=${MISSING_GOALS_LINE},col=1,endLine=${MISSING_GOALS_LINE},endColumn=22,title=required-section::${MISSING_GOALS_MESSAGE}\n`,
    );
  });
});

describe('which files are linted', { concurrent: true }, () => {
  test('.gitignore (root, nested, negation) and .git/info/exclude are respected; node_modules and .git never entered', async () => {
    const dir = project({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.git/info/exclude': 'excluded/\n',
      '.git/x.visit.md': MISSING_GOALS,
      '.gitignore': 'drafts/\n*.tmp.visit.md\n',
      'drafts/d.visit.md': MISSING_GOALS,
      'notes/.gitignore': 'private-*.visit.md\n!private-keep.visit.md\n',
      'notes/private-1.visit.md': MISSING_GOALS,
      'notes/private-keep.visit.md': MISSING_GOALS,
      'notes/a.visit.md': MISSING_GOALS,
      'notes/b.tmp.visit.md': MISSING_GOALS,
      'excluded/e.visit.md': MISSING_GOALS,
      'node_modules/pkg/n.visit.md': MISSING_GOALS,
      'deep/node_modules/n.visit.md': MISSING_GOALS,
      'README.md': '# not a note\n',
      'notes/plain.md': '# not a note either\n',
    });
    const files = async (args: string[], cwd = dir) => JSON.parse((await runCli(['lint', '-f', 'json', ...args], { cwd })).stdout).map((x: { filePath: string }) => path.relative(dir, x.filePath));
    assert.deepEqual(await files([]), ['notes/a.visit.md', 'notes/private-keep.visit.md']);
    // The same from a subfolder: the root .gitignore still applies.
    assert.deepEqual(await files([], path.join(dir, 'notes')), ['notes/a.visit.md', 'notes/private-keep.visit.md']);
    // Globs respect .gitignore too.
    assert.deepEqual(await files(['**/*.visit.md']), ['notes/a.visit.md', 'notes/private-keep.visit.md']);
    // A file named explicitly is linted even if ignored, and whatever its name.
    assert.deepEqual(await files(['drafts/d.visit.md', 'notes/plain.md']), ['drafts/d.visit.md', 'notes/plain.md']);
    // --no-ignore lifts .gitignore, never node_modules or .git.
    assert.deepEqual(await files(['--no-ignore']), [
      'drafts/d.visit.md',
      'excluded/e.visit.md',
      'notes/a.visit.md',
      'notes/b.tmp.visit.md',
      'notes/private-1.visit.md',
      'notes/private-keep.visit.md',
    ]);
  });

  test('config include adds .md files; config ignore removes notes (and explicit files, with a note on stderr)', async () => {
    const dir = project({
      '.visitnotes.yaml': `${isolatingConfig()}include:\n  - journal/**/*.md\nignore:\n  - drafts/**\n`,
      'journal/2026/one.md': MISSING_GOALS,
      'other/two.md': MISSING_GOALS,
      'drafts/d.visit.md': MISSING_GOALS,
      'a.visit.md': CLEAN_NOTE,
    });
    const run = (args: string[]) => runCli(['lint', '-f', 'json', ...args], { cwd: dir });
    const files = async (args: string[]) => JSON.parse((await run(args)).stdout).map((x: { filePath: string }) => path.relative(dir, x.filePath));
    assert.deepEqual(await files([]), ['a.visit.md', 'journal/2026/one.md']);
    const explicit = await run(['drafts/d.visit.md', 'a.visit.md']);
    assert.equal(explicit.code, 0);
    assert.deepEqual(JSON.parse(explicit.stdout).map((x: { filePath: string }) => path.relative(dir, x.filePath)), ['a.visit.md']);
    assert.match(explicit.stderr, /drafts\/d\.visit\.md is ignored by the config's "ignore"/);
    assert.deepEqual(await files(['--no-ignore', 'drafts/d.visit.md']), ['drafts/d.visit.md']);
  });

  test('binary files, folders named like notes and non-UTF-8 files are reported, and the run goes on', async () => {
    const dir = project({
      'bin.visit.md': Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0x00, 0x01, 0x02]),
      'latin1.visit.md': Buffer.from('caf\xe9\n', 'latin1'),
      'folder.visit.md/inner.visit.md': MISSING_GOALS,
      'ok.visit.md': CLEAN_NOTE,
    });
    const r = (await runCli(['lint', '-f', 'json'], { cwd: dir }));
    assert.equal(r.code, 1);
    assert.equal(r.stderr, '');
    const fatal = (filePath: string, message: RegExp) => ({ filePath, message });
    const results = JSON.parse(r.stdout);
    assert.deepEqual(results.map((x: { filePath: string }) => path.relative(dir, x.filePath)), ['bin.visit.md', 'folder.visit.md', 'folder.visit.md/inner.visit.md', 'latin1.visit.md', 'ok.visit.md']);
    for (const [i, expected] of [
      [0, fatal('bin.visit.md', /^Binary file/)],
      [1, fatal('folder.visit.md', /^Is a folder named like a note/)],
      [3, fatal('latin1.visit.md', /^Not valid UTF-8/)],
    ] as const) {
      const result = results[i];
      assert.equal(result.messages.length, 1);
      const m = result.messages[0];
      assert.deepEqual({ ruleId: m.ruleId, severity: m.severity, fatal: m.fatal, line: m.line, column: m.column }, { ruleId: null, severity: 2, fatal: true, line: 1, column: 1 });
      assert.match(m.message, expected.message);
      assert.equal(result.errorCount, 1);
    }
    assert.equal(results[2].messages[0].ruleId, 'required-section', 'notes inside the folder are still linted');
    // The stylish view of the same run names each problem without a rule column.
    const stylish = (await runCli(['lint'], { cwd: dir })).stdout;
    assert.match(stylish, /^bin\.visit\.md\n {2}1:1 {2}error {2}Binary file \(it contains NUL bytes\); not linted\.\n/m);
    // An explicit binary file is reported the same way.
    assert.equal((await runCli(['lint', 'bin.visit.md'], { cwd: dir })).code, 1);
  });
});

describe('stdin, --config and --print-config', { concurrent: true }, () => {
  test('--stdin lints text as if at --stdin-filename (config found from there)', async () => {
    const dir = project({ 'warn/.visitnotes.yaml': `extends: ../.visitnotes.yaml\nrules:\n  required-section: warning\n` });
    const r = (await runCli(['lint', '--stdin', '--stdin-filename', 'warn/new.visit.md', '-f', 'json'], { cwd: dir, input: MISSING_GOALS }));
    assert.equal(r.code, 0);
    assert.deepEqual(JSON.parse(r.stdout), [
      { filePath: path.join(dir, 'warn/new.visit.md'), messages: [{ ...missingGoalsMessage, severity: 1 }], errorCount: 0, warningCount: 1, infoCount: 0 },
    ]);
    const atRoot = (await runCli(['lint', '--stdin', '--stdin-filename', 'new.visit.md', '-f', 'json'], { cwd: dir, input: MISSING_GOALS }));
    assert.equal(atRoot.code, 1);
    assert.equal(JSON.parse(atRoot.stdout)[0].messages[0].severity, 2);
  });

  test('--config applies one config to every note instead of discovery', async () => {
    const dir = project({
      'warn.yaml': `extends: ./.visitnotes.yaml\nrules:\n  required-section: warning\n`,
      'sub/.visitnotes.yaml': `extends: ../.visitnotes.yaml\nrules:\n  required-section: error\n`,
      'sub/a.visit.md': MISSING_GOALS,
    });
    assert.equal((await runCli(['lint'], { cwd: dir })).code, 1);
    const r = (await runCli(['lint', '--config', 'warn.yaml', '-f', 'json'], { cwd: dir }));
    assert.equal(r.code, 0);
    assert.equal(JSON.parse(r.stdout)[0].messages[0].severity, 1);
  });

  test('--print-config prints the resolved config for a file as JSON', async () => {
    const dir = project({ 'sub/.visitnotes.yaml': `extends: ../.visitnotes.yaml\nrules:\n  required-section: warning\n`, 'sub/any.visit.md': '' });
    const r = (await runCli(['lint', '--print-config', 'sub/any.visit.md'], { cwd: dir }));
    assert.equal(r.code, 0, r.stderr);
    const printed = JSON.parse(r.stdout);
    const severity = (setting: unknown) => (typeof setting === 'string' ? setting : (setting as { severity: string }).severity);
    assert.equal(severity(printed.rules['required-section']), 'warning');
    assert.equal(severity(printed.rules['section-order']), 'off');
    assert.ok(JSON.stringify(printed).includes(path.join(dir, 'sub/.visitnotes.yaml')), 'names the config file it came from');
    assert.ok(printed.templates['follow-up'], 'includes the templates in effect');
    const bare = tempProject({});
    projects.push(bare);
    const noConfig = (await runCli(['--print-config', '.'], { cwd: bare }));
    assert.equal(noConfig.code, 0, 'a folder: the config a new note there would get');
    assert.ok(JSON.parse(noConfig.stdout).templates['follow-up']);
    // A path that is not there is a usage error, not a plausible answer.
    const missing = await runCli(['--print-config', 'x.visit.md'], { cwd: bare });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no such file or folder: x\.visit\.md/);
  });
});

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
