import { test } from 'vitest';
import assert from 'node:assert/strict';
import { buildVocabulary, lintText, mergeConfig, RECOMMENDED, type RawConfig } from '../../server/src/engine/index.ts';
import { isFormulaic } from '../../server/src/engine/rules/countertransference-reflection.ts';

const ID = 'countertransference-reflection';
const FM = '---\npatient: M.A.\ndate: 2026-11-20\n---\n\n## Story\nShe walks the coastal path.\n\n';
const lint = (text: string, raw?: RawConfig) =>
  lintText(text, { only: [ID, 'empty-section'], ...(raw ? { config: mergeConfig(RECOMMENDED, raw) } : {}) }).findings;
const ct = (body: string) => `${FM}## Countertransference\n${body}`;
const f = buildVocabulary().formulaic;

test('formulaic entries', () => {
  for (const s of ['None.', 'none', 'N/A', 'n/a', 'NA', 'Deferred.', 'Deferred to next visit.', 'Nil.', 'Not applicable',
    'Nothing to report.', 'No issues.', 'None noted at this time.', 'Unremarkable.', '—', '-', '...', '**N/A** — deferred',
    'Nothing today.', 'No countertransference noted.', 'Same as last visit.', 'TBD', 'Not assessed this session.']) {
    assert.ok(isFormulaic(s, f), s);
  }
});

test('anything written in the clinician’s own words is not formulaic', () => {
  for (const s of ['Nothing stood out; I felt at ease.', 'None of my usual impatience with him today.',
    'I felt bored, which surprised me.', 'No strong reactions, though I was tired.', 'Deferred: I was too rushed to reflect, which is itself worth noting.']) {
    assert.ok(!isFormulaic(s, f), s);
  }
});

test('a formulaic section is reported at its first line', () => {
  const text = ct('None.\n');
  const [x, ...rest] = lint(text);
  assert.equal(rest.length, 0);
  assert.equal(x!.ruleId, ID);
  assert.equal(text.slice(x!.range.start, x!.range.end), 'None.');
  assert.equal(x!.message, 'Countertransference holds only a placeholder. What did you notice in yourself during this visit, even briefly?');
  assert.equal(x!.severity, 'warning');
});

test('an empty section is reported once, by this rule, at the heading', () => {
  const text = ct('\n<!-- a comment is not content -->\n');
  const found = lint(text);
  assert.equal(found.length, 1);
  assert.equal(found[0]!.ruleId, ID);
  assert.equal(text.slice(found[0]!.range.start, found[0]!.range.end), '## Countertransference');
  assert.match(found[0]!.message, /is empty/);
  // An empty list item is empty too, reported at its line.
  const dash = ct('-\n');
  assert.equal(dash.slice(lint(dash)[0]!.range.start, lint(dash)[0]!.range.end), '-');
});

test('no finding when the section is absent (required-section’s job) or written', () => {
  assert.deepEqual(lint(`${FM}## Goals\n- [G1] Walk.\n`).filter((x) => x.ruleId === ID), []);
  assert.deepEqual(lint(ct('I noticed I wanted her to be further along than she is.\n')), []);
});

test('aliases, CRLF, repeated sections counted together', () => {
  const alias = `${FM}## Clinician reflection\nN/A\n`;
  assert.match(lint(alias)[0]!.message, /^Clinician reflection holds only a placeholder/);
  const crlf = ct('None.\n').replace(/\n/g, '\r\n');
  const x = lint(crlf)[0]!;
  assert.equal(crlf.slice(x.range.start, x.range.end), 'None.');
  const repeated = `${ct('None.\n')}\n## Countertransference\nI felt pulled to reassure her.\n`;
  assert.deepEqual(lint(repeated).filter((y) => y.ruleId === ID), []);
});

test('template minWords for Countertransference is honoured here', () => {
  const raw: RawConfig = {
    templates: { 'follow-up': { extends: 'follow-up', sections: ['Story', { name: 'Countertransference', minWords: 8 }] } },
  };
  const text = ct('I felt fine about it.\n');
  const found = lint(text, raw);
  assert.equal(found.length, 1);
  assert.match(found[0]!.message, /has 5 words; template "follow-up" asks for at least 8/);
});

test('vocabulary config, severity and off', () => {
  const text = ct('Fine.\n');
  assert.equal(lint(text).length, 1);
  assert.equal(lint(text, { vocabulary: { formulaic: { remove: ['fine'] } } }).length, 0);
  assert.equal(lint(ct('Skipped.\n'), { vocabulary: { formulaic: { add: ['skipped'] } } }).length, 1);
  assert.equal(lint(text, { rules: { [ID]: 'error' } })[0]!.severity, 'error');
  // Off: this rule is silent, and empty-section takes over empty sections.
  assert.deepEqual(lint(text, { rules: { [ID]: 'off' } }), []);
  const empty = lint(ct('\n'), { rules: { [ID]: 'off' } });
  assert.deepEqual(empty.map((x) => x.ruleId), ['empty-section']);
});

test('a section that only describes the patient is not reflection; the writer’s own reactions are, however brief', async () => {
  const { speaksForSelf } = await import('../../server/src/engine/reading/self-report.ts');
  for (const s of [
    'No issues. Good rapport, pt pleasant and engaged.',
    'Pt calm, cooperative, good eye contact throughout.',
    'She seemed relieved and grateful at the end.',
    'Anxious, tearful, good rapport.',
    'Rapport good; he was open and engaged.',
  ]) {
    assert.ok(!speaksForSelf(s), s);
  }
  for (const s of [
    'Warm towards her; a little bored in the middle.',
    'Writer noticed some irritation when the phone rang.',
    'Felt at ease.',
    'Good rapport, pt engaged. I found myself wanting to rescue her.',
    'Enjoyed the visit.',
    'Protective of him when his father spoke.',
  ]) {
    assert.ok(speaksForSelf(s), s);
  }
  const text = ct('No issues. Good rapport, pt pleasant and engaged.\n');
  const [x] = lint(text);
  assert.equal(x!.message, 'Countertransference describes the patient, not your own reactions. What did you notice in yourself during this visit, even briefly?');
  assert.equal(text.slice(x!.range.start, x!.range.end), 'No issues. Good rapport, pt pleasant and engaged.');
  assert.match(lint(ct('Nothing to add.\n'))[0]!.message, /placeholder/);
});
