/**
 * Formatters are pure functions of (results, meta): tested here with hand-built
 * results, no engine and no files, as ESLint tests its formatters.
 */
import { test } from 'vitest';
import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { json } from '../../server/src/cli/formatters/json.ts';
import { stylish } from '../../server/src/cli/formatters/stylish.ts';
import { sarif, SARIF_SCHEMA } from '../../server/src/cli/formatters/sarif.ts';
import { escapeData, escapeProperty, github } from '../../server/src/cli/formatters/github.ts';
import { FORMAT_NAMES, FORMATTERS, type FormatterMeta } from '../../server/src/cli/formatters/index.ts';
import { errorsOnly, fatalResult, makeResult, sortResults, totals, type FileResult, type LintMessage } from '../../server/src/cli/results.ts';
import { useColor } from '../../server/src/cli/color.ts';

const CWD = path.resolve('/work/notes');
const file = (rel: string) => path.join(CWD, rel);

function msg(ruleId: string | null, severity: 0 | 1 | 2, line: number, column: number, message: string, extra: Partial<LintMessage> = {}): LintMessage {
  return { ruleId, severity, message, line, column, endLine: line, endColumn: column + 5, ...extra };
}

const META: FormatterMeta = {
  cwd: CWD,
  color: false,
  version: '1.2.3',
  rules: [
    { id: 'required-section', description: 'A required section is missing.', defaultSeverity: 'error', fixable: true, docsUrl: 'https://example.test/rules/required-section.md' },
    { id: 'empty-section', description: 'A section is empty.', defaultSeverity: 'warning', fixable: false, docsUrl: 'https://example.test/rules/empty-section.md' },
    { id: 'section-order', description: 'Sections are out of order.', defaultSeverity: 'info', fixable: true, docsUrl: 'https://example.test/rules/section-order.md' },
  ],
};

const RESULTS: FileResult[] = sortResults([
  makeResult(file('b/second.visit.md'), [msg('section-order', 0, 3, 1, 'Out of order.')]),
  makeResult(file('a.visit.md'), [
    msg('empty-section', 1, 12, 1, 'Section "Story" is empty.'),
    msg('required-section', 2, 11, 1, 'Missing required section "Goals".', { fixable: true, endColumn: 22 }),
  ]),
  makeResult(file('clean.visit.md'), []),
]);

test('results: sorted by path, messages by position, counts per severity', () => {
  assert.deepEqual(RESULTS.map((r) => path.relative(CWD, r.filePath)), ['a.visit.md', path.join('b', 'second.visit.md'), 'clean.visit.md']);
  const a = RESULTS[0]!;
  assert.deepEqual(a.messages.map((m) => m.line), [11, 12]);
  assert.equal(a.errorCount, 1);
  assert.equal(a.warningCount, 1);
  assert.equal(a.fixableErrorCount, 1);
  assert.deepEqual(totals(RESULTS), { errorCount: 1, warningCount: 1, infoCount: 1, fixableErrorCount: 1, fixableWarningCount: 0 });
  const quiet = errorsOnly(RESULTS);
  assert.equal(quiet.length, 1);
  assert.deepEqual(quiet[0]!.messages.map((m) => m.ruleId), ['required-section']);
  assert.equal(quiet[0]!.warningCount, 0);
});

test('json: exactly the contract shape (plus infoCount), 1-based positions, absolute paths', () => {
  const parsed = JSON.parse(json(RESULTS, META));
  assert.deepEqual(parsed, [
    {
      filePath: file('a.visit.md'),
      messages: [
        { ruleId: 'required-section', severity: 2, message: 'Missing required section "Goals".', line: 11, column: 1, endLine: 11, endColumn: 22 },
        { ruleId: 'empty-section', severity: 1, message: 'Section "Story" is empty.', line: 12, column: 1, endLine: 12, endColumn: 6 },
      ],
      errorCount: 1,
      warningCount: 1,
      infoCount: 0,
    },
    {
      filePath: file('b/second.visit.md'),
      messages: [{ ruleId: 'section-order', severity: 0, message: 'Out of order.', line: 3, column: 1, endLine: 3, endColumn: 6 }],
      errorCount: 0,
      warningCount: 0,
      infoCount: 1,
    },
    { filePath: file('clean.visit.md'), messages: [], errorCount: 0, warningCount: 0, infoCount: 0 },
  ]);
  assert.ok(json(RESULTS, META).endsWith(']\n'));
  assert.equal(json([], META), '[]\n');
});

test('json: a file that could not be linted is a fatal message with ruleId null', () => {
  const parsed = JSON.parse(json([fatalResult(file('x.visit.md'), 'Binary file (it contains NUL bytes); not linted.')], META));
  assert.deepEqual(parsed, [
    {
      filePath: file('x.visit.md'),
      messages: [{ ruleId: null, severity: 2, message: 'Binary file (it contains NUL bytes); not linted.', line: 1, column: 1, endLine: 1, endColumn: 1, fatal: true }],
      errorCount: 1,
      warningCount: 0,
      infoCount: 0,
    },
  ]);
});

test('stylish: grouped by relative path, aligned rows, summary and fixable line', () => {
  const expected = [
    'a.visit.md',
    '  11:1  error    Missing required section "Goals".  required-section',
    '  12:1  warning  Section "Story" is empty.          empty-section',
    '',
    path.join('b', 'second.visit.md'),
    '  3:1  info  Out of order.  section-order',
    '',
    '✖ 3 problems (1 error, 1 warning, 1 info)',
    '  1 error and 0 warnings potentially fixable with the `--fix` option.',
    '',
  ].join('\n');
  assert.equal(stylish(RESULTS, META), expected);
});

test('stylish: 300,000 findings in one file are formatted (no spread of every row into Math.max)', () => {
  const many = Array.from({ length: 300_000 }, (_, i) => ({
    ruleId: 'phi',
    severity: 1 as const,
    message: 'This looks like a phone number, a direct identifier.',
    line: i + 1,
    column: 1,
    endLine: i + 1,
    endColumn: 5,
  }));
  const out = stylish([makeResult(file('huge.visit.md'), many)], META);
  assert.equal(out.split('\n').filter((l) => l.includes('phone number')).length, 300_000);
  assert.match(out, /300000 problems|300,000 problems|300000 warnings|300,000 warnings/);
});

test('stylish: nothing at all when there are no problems', () => {
  assert.equal(stylish([makeResult(file('clean.visit.md'), [])], META), '');
  assert.equal(stylish([], META), '');
});

test('stylish: plural forms, fatal rows without a rule id, multi-line messages on one row', () => {
  const out = stylish(
    [fatalResult(file('bin.visit.md'), 'Binary file.'), makeResult(file('m.visit.md'), [msg('empty-section', 1, 2, 10, 'Line one\nline two')])],
    META,
  );
  assert.equal(
    out,
    ['bin.visit.md', '  1:1  error  Binary file.', '', 'm.visit.md', '  2:10  warning  Line one line two  empty-section', '', '✖ 2 problems (1 error, 1 warning, 0 infos)', ''].join('\n'),
  );
});

test('stylish: colour only when asked, and the same text underneath', () => {
  const coloured = stylish(RESULTS, { ...META, color: true });
  // eslint-disable-next-line no-control-regex -- matches the ANSI colour escapes a terminal formatter writes
  const ansi = /\u001b\[[0-9;]*m/g;
  assert.match(coloured, ansi);
  assert.equal(coloured.replace(ansi, ''), stylish(RESULTS, META));
  assert.doesNotMatch(stylish(RESULTS, META), ansi);
});

test('stylish rows match the problem matcher the extension contributes', async () => {
  const { default: pkg } = await import('../../package.json', { with: { type: 'json' } });
  const matcher = (pkg as any).contributes.problemMatchers.find((m: { name: string }) => m.name === 'visitnotes');
  const [fileRe, rowRe] = matcher.pattern.map((p: { regexp: string }) => new RegExp(p.regexp));
  const lines = stylish(RESULTS, META).split('\n');
  assert.match(lines[0]!, fileRe);
  const row = rowRe.exec(lines[1]!);
  assert.ok(row, lines[1]);
  assert.equal(row[1], '11');
  assert.equal(row[5], 'error');
  assert.equal(row[6], 'Missing required section "Goals".');
  assert.equal(row[7], 'required-section');
});

/** Checks what SARIF 2.1.0 requires of the parts we emit (sarif-schema-2.1.0.json). */
function validateSarif(log: any): void {
  assert.equal(log.$schema, SARIF_SCHEMA);
  assert.equal(log.version, '2.1.0');
  assert.ok(Array.isArray(log.runs) && log.runs.length === 1);
  const run = log.runs[0];
  assert.ok(run.tool?.driver, 'run.tool.driver is required');
  const driver = run.tool.driver;
  assert.equal(typeof driver.name, 'string');
  assert.equal(typeof driver.informationUri, 'string');
  assert.doesNotThrow(() => new URL(driver.informationUri));
  assert.ok(Array.isArray(driver.rules));
  for (const rule of driver.rules) {
    assert.equal(typeof rule.id, 'string', 'reportingDescriptor.id is required');
    assert.equal(typeof rule.shortDescription?.text, 'string');
    assert.equal(typeof rule.fullDescription?.text, 'string');
    assert.doesNotThrow(() => new URL(rule.helpUri));
    assert.ok(['none', 'note', 'warning', 'error'].includes(rule.defaultConfiguration.level));
  }
  assert.ok(['utf16CodeUnits', 'unicodeCodePoints'].includes(run.columnKind));
  for (const [, base] of Object.entries<any>(run.originalUriBaseIds ?? {})) {
    assert.ok(base.uri.endsWith('/'), 'a base URI must end with a slash');
    assert.doesNotThrow(() => new URL(base.uri));
  }
  assert.ok(Array.isArray(run.results));
  for (const result of run.results) {
    assert.equal(typeof result.message?.text, 'string', 'result.message is required');
    assert.ok(['none', 'note', 'warning', 'error'].includes(result.level));
    if (result.ruleIndex !== undefined) assert.equal(driver.rules[result.ruleIndex].id, result.ruleId);
    for (const loc of result.locations) checkLocation(loc, run);
  }
  for (const inv of run.invocations ?? []) {
    assert.equal(typeof inv.executionSuccessful, 'boolean', 'invocation.executionSuccessful is required');
    for (const n of inv.toolExecutionNotifications ?? []) {
      assert.equal(typeof n.message?.text, 'string');
      for (const loc of n.locations ?? []) checkLocation(loc, run);
    }
  }
}

function checkLocation(loc: any, run: any): void {
  const phys = loc.physicalLocation;
  assert.ok(phys.artifactLocation, 'physicalLocation needs artifactLocation');
  const { uri, uriBaseId } = phys.artifactLocation;
  if (uriBaseId !== undefined) {
    assert.ok(run.originalUriBaseIds[uriBaseId], `undeclared uriBaseId ${uriBaseId}`);
    assert.ok(!uri.startsWith('/') && !/^[a-z]+:/i.test(uri), 'relative to its base');
  } else assert.ok(uri.startsWith('file://'));
  const r = phys.region;
  for (const k of ['startLine', 'startColumn', 'endLine', 'endColumn']) assert.ok(Number.isInteger(r[k]) && r[k] >= 1, k);
  assert.ok(r.endLine > r.startLine || (r.endLine === r.startLine && r.endColumn >= r.startColumn));
}

test('sarif: a valid SARIF 2.1.0 log with rules, levels and relative locations', () => {
  const log = JSON.parse(sarif(RESULTS, META));
  validateSarif(log);
  const run = log.runs[0];
  assert.equal(run.tool.driver.name, 'visitnotes');
  assert.equal(run.tool.driver.version, '1.2.3');
  assert.deepEqual(
    run.tool.driver.rules.map((r: any) => [r.id, r.defaultConfiguration.level, r.helpUri]),
    [
      ['required-section', 'error', 'https://example.test/rules/required-section.md'],
      ['empty-section', 'warning', 'https://example.test/rules/empty-section.md'],
      ['section-order', 'note', 'https://example.test/rules/section-order.md'],
    ],
  );
  assert.equal(run.columnKind, 'utf16CodeUnits');
  assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: pathToFileURL(CWD + path.sep).href } });
  assert.deepEqual(run.results[0], {
    ruleId: 'required-section',
    ruleIndex: 0,
    level: 'error',
    message: { text: 'Missing required section "Goals".' },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: 'a.visit.md', uriBaseId: '%SRCROOT%' },
          region: { startLine: 11, startColumn: 1, endLine: 11, endColumn: 22 },
        },
      },
    ],
  });
  assert.deepEqual(run.results.map((r: any) => [r.ruleId, r.level, r.locations[0].physicalLocation.artifactLocation.uri]), [
    ['required-section', 'error', 'a.visit.md'],
    ['empty-section', 'warning', 'a.visit.md'],
    ['section-order', 'note', 'b/second.visit.md'],
  ]);
  assert.equal(run.invocations, undefined);
});

test('sarif: fatal messages become tool notifications; odd paths are encoded; outside paths absolute', () => {
  const outside = path.resolve('/elsewhere/n.visit.md');
  const log = JSON.parse(
    sarif(
      [
        fatalResult(file('bin.visit.md'), 'Binary file.'),
        makeResult(file('with space/é #1.visit.md'), [msg('empty-section', 1, 1, 1, 'x')]),
        makeResult(outside, [msg('unknown-rule', 1, 1, 1, 'y')]),
      ],
      META,
    ),
  );
  validateSarif(log);
  const run = log.runs[0];
  assert.equal(run.results.length, 2);
  assert.equal(run.results[0].locations[0].physicalLocation.artifactLocation.uri, 'with%20space/%C3%A9%20%231.visit.md');
  assert.deepEqual(run.results[1].locations[0].physicalLocation.artifactLocation, { uri: pathToFileURL(outside).href });
  assert.equal(run.results[1].ruleIndex, undefined);
  assert.equal(run.invocations[0].executionSuccessful, true);
  assert.equal(run.invocations[0].toolExecutionNotifications[0].message.text, 'Binary file.');
  assert.equal(run.invocations[0].toolExecutionNotifications[0].level, 'error');
});

test('github: one workflow command per finding, notice for info, escaped data and properties', () => {
  assert.equal(
    github(RESULTS, META),
    [
      '::error file=a.visit.md,line=11,col=1,endLine=11,endColumn=22,title=required-section::Missing required section "Goals".',
      '::warning file=a.visit.md,line=12,col=1,endLine=12,endColumn=6,title=empty-section::Section "Story" is empty.',
      '::notice file=b/second.visit.md,line=3,col=1,endLine=3,endColumn=6,title=section-order::Out of order.',
      '',
    ].join('\n'),
  );
  assert.equal(escapeData('100% done\r\nnext'), '100%25 done%0D%0Anext');
  assert.equal(escapeProperty('a,b:c%'), 'a%2Cb%3Ac%25');
  const odd = github([makeResult(file('x,y:z.visit.md'), [msg(null, 2, 1, 1, 'Bad: 50%,\nreally', { fatal: true })])], META);
  assert.equal(odd, '::error file=x%2Cy%3Az.visit.md,line=1,col=1,endLine=1,endColumn=6,title=visitnotes::Bad: 50%25,%0Areally\n');
  assert.equal(github([], META), '');
});

test('every format name has a formatter', () => {
  assert.deepEqual(Object.keys(FORMATTERS).sort(), [...FORMAT_NAMES].sort());
});

test('colour: flags, then NO_COLOR, then FORCE_COLOR, then the terminal', () => {
  const tty = { env: {}, isTTY: true };
  assert.equal(useColor(undefined, tty), true);
  assert.equal(useColor(undefined, { env: {}, isTTY: false }), false);
  assert.equal(useColor(undefined, { env: { NO_COLOR: '1' }, isTTY: true }), false);
  assert.equal(useColor(undefined, { env: { NO_COLOR: '' }, isTTY: true }), true);
  assert.equal(useColor(undefined, { env: { FORCE_COLOR: '1' }, isTTY: false }), true);
  assert.equal(useColor(undefined, { env: { FORCE_COLOR: '0' }, isTTY: true }), false);
  assert.equal(useColor(undefined, { env: { NO_COLOR: '1', FORCE_COLOR: '1' }, isTTY: true }), false);
  assert.equal(useColor(undefined, { env: { TERM: 'dumb' }, isTTY: true }), false);
  assert.equal(useColor(true, { env: { NO_COLOR: '1' }, isTTY: false }), true);
  assert.equal(useColor(false, tty), false);
  assert.equal(useColor(undefined, tty, true), false, 'plain when writing to a file');
});
