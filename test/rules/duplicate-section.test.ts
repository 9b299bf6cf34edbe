import { test } from 'vitest';
import assert from 'node:assert/strict';
import { applyFixes, lintText, type Finding } from '../../server/src/engine/index.ts';

const ID = 'duplicate-section';
const lint = (text: string) => lintText(text, { only: [ID] }).findings;
const line = (text: string, offset: number) => lintText(text, { only: [] }).note.lines.toLineColumn(offset).line;
const FM = '---\npatient: D.W.\ndate: 2026-11-18\n---\n\n';

test('the second heading is reported, related to the first', () => {
  const text = `${FM}## Relationships\n- Son.\n\n## Goals\n- [G1] Visit.\n\n## relationships\n- Brother.\n`;
  const [f, ...rest] = lint(text);
  assert.equal(rest.length, 0);
  assert.equal(f!.message, 'Section "Relationships" is repeated; it first appears at line 6.');
  assert.equal(line(text, f!.range.start), 12);
  assert.equal(line(text, f!.related![0]!.range.start), 6);
  assert.equal(f!.fix, undefined);
});

test('merge suggestion moves the content into the first section and drops the repeat', () => {
  const text = `${FM}## Relationships\n- Son.\n\n## Goals\n- [G1] Visit.\n\n## Relationships\n- Brother.\n`;
  const [f] = lint(text);
  const merged = applyFixes(text, f!.suggestions!).text;
  assert.equal(merged, `${FM}## Relationships\n- Son.\n\n- Brother.\n\n## Goals\n- [G1] Visit.\n`);
  assert.deepEqual(lint(merged), []);
});

test('merge in the middle, adjacent repeats, empty first section, CRLF', () => {
  const mid = `${FM}## Story\nA.\n\n## Goals\n- [G1] Visit.\n\n## Story\nB.\n\n## Relationships\n- Son.\n`;
  assert.equal(applyFixes(mid, lint(mid)[0]!.suggestions!).text, `${FM}## Story\nA.\n\nB.\n\n## Goals\n- [G1] Visit.\n\n## Relationships\n- Son.\n`);
  const adjacent = `${FM}## Story\nA.\n\n## Story\nB.\n`;
  assert.equal(applyFixes(adjacent, lint(adjacent)[0]!.suggestions!).text, `${FM}## Story\nA.\n\nB.\n`);
  const emptyFirst = `${FM}## Story\n\n## Goals\n- [G1] Visit.\n\n## Story\nB.\n`;
  assert.equal(applyFixes(emptyFirst, lint(emptyFirst)[0]!.suggestions!).text, `${FM}## Story\nB.\n\n## Goals\n- [G1] Visit.\n`);
  const crlf = mid.replace(/\n/g, '\r\n');
  const fixed = applyFixes(crlf, lint(crlf)[0]!.suggestions!).text;
  assert.equal(fixed, `${FM}## Story\nA.\n\nB.\n\n## Goals\n- [G1] Visit.\n\n## Relationships\n- Son.\n`.replace(/\n/g, '\r\n'));
});

test('an alias repeats its section; free headings may repeat', () => {
  const text = `${FM}## Story\nA.\n\n## Narrative\nB.\n\n## Note\nx\n\n## Note\ny\n`;
  const findings = lint(text);
  assert.deepEqual(findings.map((f: Finding) => f.message), ['Section "Story" is repeated (here as "Narrative"); it first appears at line 6.']);
});

test('three occurrences: two findings, both pointing at the first', () => {
  const text = `${FM}## Goals\n- [G1] a\n\n## Goals\n- [G2] b\n\n## Goals\n- [G3] c\n`;
  const findings = lint(text);
  assert.equal(findings.length, 2);
  for (const f of findings) assert.equal(line(text, f.related![0]!.range.start), 6);
});
