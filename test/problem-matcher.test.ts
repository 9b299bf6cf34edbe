/**
 * The `$visitnotes` problem matcher (package.json) reads what the CLI's stylish
 * formatter prints. Feeds real formatter output through the matcher's patterns
 * the way VS Code's task system does (ANSI codes stripped, a file line, then
 * looping problem lines).
 */
import { test } from 'vitest';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { stylish } from '../server/src/cli/formatters/stylish.ts';
import type { FileResult } from '../server/src/cli/results.ts';

const root = path.resolve(import.meta.dirname, '..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const matcher = manifest.contributes.problemMatchers.find((m: { name: string }) => m.name === 'visitnotes');

interface Problem {
  file: string;
  line: number;
  column: number;
  severity: string;
  message: string;
  code: string;
}

function match(output: string): Problem[] {
  const [filePattern, rowPattern] = matcher.pattern as { regexp: string; [k: string]: unknown }[];
  const fileRe = new RegExp(filePattern!.regexp);
  const rowRe = new RegExp(rowPattern!.regexp);
  const problems: Problem[] = [];
  let file: string | undefined;
  for (const raw of output.split('\n')) {
    // eslint-disable-next-line no-control-regex -- matches the ANSI colour escapes a terminal formatter writes
    const line = raw.replace(/\u001b\[[0-9;]*m/g, ''); // VS Code strips ANSI escapes before matching
    const row = file ? rowRe.exec(line) : null;
    if (row) {
      const g = (k: string) => row[rowPattern![k] as number]!;
      problems.push({ file: file!, line: +g('line'), column: +g('column'), severity: g('severity'), message: g('message'), code: g('code') });
      continue;
    }
    const f = fileRe.exec(line);
    file = f ? f[filePattern!.file as number] : undefined;
  }
  return problems;
}

const results: FileResult[] = [
  {
    filePath: path.join(root, 'notes', 'a.visit.md'),
    messages: [
      { ruleId: 'required-section', severity: 2, message: 'Missing required section "Goals" (template "follow-up").', line: 11, column: 1, endLine: 11, endColumn: 9 },
      { ruleId: 'rationale-goal-link', severity: 1, message: 'Rationale for sertraline names only symptoms — symptoms-only rationale, no goal linked.', line: 104, column: 13, endLine: 104, endColumn: 40 },
      { ruleId: 'unlinked-goal', severity: 0, message: 'G2 is served by  nothing.', line: 7, column: 3, endLine: 7, endColumn: 7 },
    ],
    errorCount: 1,
    warningCount: 1,
    infoCount: 1,
    fixableErrorCount: 1,
    fixableWarningCount: 0,
  },
  {
    filePath: path.join(root, 'b.visit.md'),
    messages: [{ ruleId: 'phi', severity: 1, message: 'Looks like a phone number.', line: 3, column: 20, endLine: 3, endColumn: 32 }],
    errorCount: 0,
    warningCount: 1,
    infoCount: 0,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
  },
];

for (const color of [false, true]) {
  test(`$visitnotes reads stylish output (${color ? 'with' : 'without'} colour)`, () => {
    const output = stylish(results, { cwd: root, color, version: '0.0.0', rules: [] });
    const problems = match(output);
    assert.deepEqual(
      problems.map((p) => [p.file, p.line, p.column, p.severity, p.code]),
      [
        [path.join('notes', 'a.visit.md'), 11, 1, 'error', 'required-section'],
        [path.join('notes', 'a.visit.md'), 104, 13, 'warning', 'rationale-goal-link'],
        [path.join('notes', 'a.visit.md'), 7, 3, 'info', 'unlinked-goal'],
        ['b.visit.md', 3, 20, 'warning', 'phi'],
      ],
    );
    assert.equal(problems[0]!.message, 'Missing required section "Goals" (template "follow-up").');
    assert.equal(problems[2]!.message, 'G2 is served by  nothing.', 'double spaces inside a message survive');
  });
}

test('the matcher is declared as VS Code expects', () => {
  assert.equal(matcher.owner, 'visitnotes');
  assert.deepEqual(matcher.fileLocation, ['autoDetect', '${workspaceFolder}']);
  assert.equal(matcher.pattern[1].loop, true);
});
