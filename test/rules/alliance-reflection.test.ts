import { test } from 'vitest';
import assert from 'node:assert/strict';
import { lintText, mergeConfig, RECOMMENDED, resolvePreset, type RawConfig } from '../../server/src/engine/index.ts';

const ID = 'alliance-reflection';
const FM = '---\npatient: P.N.\ndate: 2026-08-11\n---\n\n## Story\nHe rows with his nephew.\n\n## Relationships\n- Nephew (19): rows with him on Sundays.\n';
const lint = (rel: string, raw?: RawConfig) =>
  lintText(FM + rel + '\n', { only: [ID], ...(raw ? { config: mergeConfig(RECOMMENDED, raw) } : {}) }).findings;

test('a rating is reported at the Alliance line, with a prompt about what happened', () => {
  for (const line of ['- Alliance: good', '- Alliance: good rapport', '- **Alliance:** Good rapport.', '- Rapport: established, pt engaged and cooperative.', '- Therapeutic alliance: strong', '- Alliance: fair', '- alliance: OK', '- Alliance: as before.', '\nAlliance: good.']) {
    const found = lint(line);
    assert.equal(found.length, 1, line);
    assert.match(found[0]!.message, /line holds only a rating\. What happened between the two of you today: when was it easier, when harder\?$/);
    assert.equal(found[0]!.severity, 'info');
  }
  const text = FM + '- Alliance: good rapport\n';
  const [x] = lintText(text, { only: [ID] }).findings;
  assert.equal(text.slice(x!.range.start, x!.range.end), 'Alliance: good rapport');
});

test('what happened between you, other labels, or no Alliance line: quiet', () => {
  for (const line of [
    '- Alliance: came in guarded; warmer once we talked about his father’s lithium.',
    '- Alliance: good, though he tested me twice about whether I would "give up".',
    '- Alliance: she laughed more in this visit than in the previous two.',
    '- Sister: good.', // not the alliance
    '- Alliance:', // empty: nothing to rate
    '',
  ]) {
    assert.deepEqual(lint(line), [], line);
  }
});

test('options and presets', () => {
  assert.equal(lint('- Alliance: warm.', { rules: { [ID]: { placeholders: ['good'] } } }).length, 0);
  assert.equal(lint('- Alliance: good', { rules: { [ID]: 'off' } }).length, 0);
  for (const preset of ['strict', 'training']) {
    const [x] = lintText(FM + '- Alliance: good\n', { only: [ID], config: resolvePreset(preset) }).findings;
    assert.equal(x!.severity, 'warning', preset);
  }
});

test('CRLF', () => {
  const text = (FM + '- **Alliance:** good\n').replace(/\n/g, '\r\n');
  const [x] = lintText(text, { only: [ID] }).findings;
  assert.equal(text.slice(x!.range.start, x!.range.end), 'Alliance:** good');
});
