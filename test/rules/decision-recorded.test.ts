import { test } from 'vitest';
import assert from 'node:assert/strict';
import { applyFixes, lintText, mergeConfig, RECOMMENDED, resolvePreset, type RawConfig } from '../../server/src/engine/index.ts';

const ID = 'decision-recorded';
const FM = '---\npatient: W.A.\ndate: 2026-07-21\n---\n\n## Goals\n- [G1] Keep the climbing-wall job.\n\n## Medication meaning\n';
const entry = (change: string, extra = '') => `### Quetiapine 25 mg at night\n- Change: ${change}\n${extra}- Rationale: Sleep for early shifts [G1].\n- Meaning: Scared it will make her slow.\n`;
const on: RawConfig = { rules: { [ID]: 'warning' } };
const lint = (text: string, raw: RawConfig = on) => lintText(text, { only: [ID], config: mergeConfig(RECOMMENDED, raw) }).findings;

test('off in recommended and strict; on (warning) in training', () => {
  const text = FM + entry('start');
  assert.equal(lintText(text, { only: [ID] }).findings.length, 0);
  assert.equal(lintText(text, { only: [ID], config: resolvePreset('strict') }).findings.length, 0);
  const [x] = lintText(text, { only: [ID], config: resolvePreset('training') }).findings;
  assert.equal(x!.severity, 'warning');
});

test('a start, increase or switch without a Decision is reported at the Change field, with a quick fix', () => {
  for (const [change, verb] of [['start', 'started'], ['increase', 'increased'], ['switch', 'switched']]) {
    const text = FM + entry(change!);
    const [x, ...rest] = lint(text);
    assert.equal(rest.length, 0);
    assert.equal(text.slice(x!.range.start, x!.range.end), `Change: ${change}`);
    assert.equal(x!.message, `Quetiapine is ${verb} without a Decision line. Who decided, and how: “we agreed …”, “she chose …”?`);
    assert.equal(x!.fix, undefined);
    const fixed = applyFixes(text, [x!.suggestions![0]!]).text;
    assert.match(fixed, /- Change: \w+\n- Decision: \n- Rationale/);
  }
  assert.deepEqual(lint(FM + entry('continue')), []);
  assert.deepEqual(lint(FM + entry('stop')), []);
});

test('a Decision that names someone is enough; a placeholder is not', () => {
  for (const d of ['We agreed after six weeks on the lower dose.', 'She chose it over zopiclone.', 'I decided; she was too tired to weigh it today.', 'agreed']) {
    assert.deepEqual(lint(FM + entry('start', `- Decision: ${d}\n`)), [], d);
  }
  for (const d of ['N/A', 'yes', 'See plan.', 'TBD']) {
    const [x] = lint(FM + entry('start', `- Decision: ${d}\n`));
    assert.equal(x!.message, 'The Decision for Quetiapine names no one. Who decided, and how: “we agreed …”, “she chose …”?', d);
  }
});

test('option changes; CRLF and bold', () => {
  assert.equal(lint(FM + entry('decrease'), { rules: { [ID]: { severity: 'warning', changes: ['decrease'] } } }).length, 1);
  const crlf = (FM + entry('start').replace('- Change:', '- **Change:**')).replace(/\n/g, '\r\n');
  const [x] = lint(crlf);
  const fixed = applyFixes(crlf, [x!.suggestions![0]!]).text;
  assert.match(fixed, /- \*\*Change:\*\* start\r\n- Decision: \r\n/);
});
