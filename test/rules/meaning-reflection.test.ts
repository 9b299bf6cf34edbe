import { test } from 'vitest';
import assert from 'node:assert/strict';
import { lintText, mergeConfig, RECOMMENDED, resolvePreset, type RawConfig } from '../../server/src/engine/index.ts';

const ID = 'meaning-reflection';
const FM = '---\npatient: C.W.\ndate: 2026-10-14\n---\n\n## Goals\n- [G1] Keep the early shifts.\n\n## Medication meaning\n';
const entry = (fields: string) => `### Sertraline 100 mg daily\n- Change: continue\n- Rationale: Early shifts [G1].\n${fields}\n`;
const lint = (text: string, raw?: RawConfig) =>
  lintText(text, { only: [ID, 'medication-fields'], ...(raw ? { config: mergeConfig(RECOMMENDED, raw) } : {}) }).findings;
const mine = (text: string, raw?: RawConfig) => lint(text, raw).filter((f) => f.ruleId === ID);

test('placeholders the issue names are reported, at the field, in the rule’s voice', () => {
  for (const value of ['Mixed.', 'Not explored this visit.', 'N/A', 'None.', 'Ambivalent.', 'Pt agreeable to trial, understands.', 'unsure', '**Mixed**', 'TBD - will explore next time']) {
    const text = FM + entry(`- Meaning: ${value}`);
    const found = mine(text);
    assert.equal(found.length, 1, value);
    assert.equal(text.slice(found[0]!.range.start, found[0]!.range.end), `Meaning: ${value}`);
    assert.equal(found[0]!.message, 'Meaning for Sertraline holds only a placeholder. What does taking it mean to the person, and to their family?');
    assert.equal(found[0]!.severity, 'warning');
  }
});

test('a word of the person’s own, or meaning in another meaning field, is substance', () => {
  for (const fields of [
    '- Meaning: Mixed — wants the calm back, hates "needing a pill to be normal".',
    '- Meaning: Hopeful.',
    '- Meaning: Unsure; his father took it "for his heart".',
    '- Meaning: N/A\n- Hopes and fears: Hopes to sleep through; fears not hearing him.',
    '- Meaning: Ambivalent.\n- Ambivalence: Wants it in her bag, hates that she wants it.',
    '- Family history: Her mother took it for forty years.',
  ]) {
    assert.deepEqual(lint(FM + entry(fields)), [], fields);
  }
});

test('a missing or empty Meaning is medication-fields’ finding, not this rule’s', () => {
  const missing = lint(FM + entry('- Plan: Review in 6 weeks.'));
  assert.deepEqual(missing.map((f) => f.ruleId), ['medication-fields']);
  const empty = lint(FM + entry('- Meaning:'));
  assert.deepEqual(empty.map((f) => f.ruleId), ['medication-fields']);
});

test('any meaning field satisfies the required Meaning', () => {
  for (const f of ['- Hopes and fears: Hopes it is gentle.', '- Family history: Her father’s lithium.', '- Ambivalence: Wants to stop by summer.']) {
    assert.deepEqual(lint(FM + entry(f)), [], f);
  }
});

test('options, vocabulary and presets', () => {
  const text = FM + entry('- Meaning: Mixed.');
  assert.equal(mine(text, { rules: { [ID]: { placeholders: ['unsure'] } } }).length, 0);
  const hopeful = FM + entry('- Meaning: Hopeful.');
  assert.equal(mine(hopeful, { rules: { [ID]: { placeholders: ['hopeful'] } } }).length, 1);
  assert.equal(mine(FM + entry('- Meaning: Skipped.'), { vocabulary: { formulaic: { add: ['skipped'] } } }).length, 1);
  assert.equal(mine(text, { rules: { [ID]: 'off' } }).length, 0);
  const strict = lintText(text, { only: [ID], config: resolvePreset('strict') }).findings;
  assert.equal(strict[0]!.severity, 'error');
});

test('CRLF and bold field names', () => {
  const text = (FM + entry('- **Meaning:** Mixed.')).replace(/\n/g, '\r\n');
  const [x] = mine(text);
  assert.equal(text.slice(x!.range.start, x!.range.end), 'Meaning:** Mixed.');
});
