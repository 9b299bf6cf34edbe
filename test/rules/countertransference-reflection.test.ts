import { test } from 'vitest';
import assert from 'node:assert/strict';
import { buildVocabulary, mergeConfig, RECOMMENDED, type RawConfig } from '../../server/src/engine/index.ts';
import { isFormulaic } from '../../server/src/engine/rules/countertransference-reflection.ts';
import { RuleTester } from '../helpers/rule-tester.ts';

const ID = 'countertransference-reflection';
const FM = '---\npatient: M.A.\ndate: 2026-11-20\n---\n\n## Story\nShe walks the coastal path.\n\n';
const config = (raw: RawConfig) => mergeConfig(RECOMMENDED, raw);
// empty-section runs alongside: this rule takes over empty Countertransference sections from it.
const rules = ['empty-section'];
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

const PLACEHOLDER = 'holds only a placeholder. What did you notice in yourself during this visit, even briefly?';
const EMPTY = 'Countertransference is empty. A line on what you noticed in yourself during the visit is enough.';

new RuleTester().run(ID, {
  valid: [
    { name: 'no finding when the section is absent (required-section’s job)', text: `${FM}## Goals\n- [G1] Walk.\n` },
    { name: 'a written section', text: ct('I noticed I wanted her to be further along than she is.\n'), rules },
    { name: 'repeated sections are counted together', text: `${ct('None.\n')}\n## Countertransference\nI felt pulled to reassure her.\n`, rules },
    { name: 'vocabulary: a formulaic word removed in config', text: ct('Fine.\n'), config: config({ vocabulary: { formulaic: { remove: ['fine'] } } }), rules },
    { name: 'off: this rule is silent', text: ct('Fine.\n'), config: config({ rules: { [ID]: 'off' } }), rules },
  ],
  invalid: [
    {
      name: 'a formulaic section is reported at its first line',
      text: ct('None.\n'),
      rules,
      findings: [{ line: 10, column: 1, endLine: 10, endColumn: 6, message: `Countertransference ${PLACEHOLDER}`, severity: 'warning' }],
      output: null,
    },
    {
      name: 'an empty section is reported once, by this rule, at the heading',
      text: ct('\n<!-- a comment is not content -->\n'),
      rules,
      findings: [{ line: 9, column: 1, endLine: 9, endColumn: 23, message: EMPTY }],
      output: null,
    },
    { name: 'an empty list item is empty too, reported at its line', text: ct('-\n'), rules, findings: [{ line: 10, column: 1, endLine: 10, endColumn: 2, message: EMPTY }], output: null },
    {
      name: 'an alias heading is named as written',
      text: `${FM}## Clinician reflection\nN/A\n`,
      rules,
      findings: [{ line: 10, column: 1, endLine: 10, endColumn: 4, message: `Clinician reflection ${PLACEHOLDER}` }],
      output: null,
    },
    { name: 'CRLF', text: ct('None.\n').replace(/\n/g, '\r\n'), rules, findings: [{ line: 10, column: 1, endLine: 10, endColumn: 6, message: `Countertransference ${PLACEHOLDER}` }], output: null },
    {
      name: 'template minWords for Countertransference is honoured here',
      text: ct('I felt fine about it.\n'),
      config: config({
        templates: { 'follow-up': { extends: 'follow-up', sections: ['Story', { name: 'Countertransference', minWords: 8 }] } },
      }),
      rules,
      findings: [{ line: 9, column: 1, endLine: 9, endColumn: 23, message: 'Countertransference has 5 words; template "follow-up" asks for at least 8.' }],
      output: null,
    },
    { name: 'the default vocabulary holds "fine"', text: ct('Fine.\n'), rules, findings: [{ line: 10, column: 1, endLine: 10, endColumn: 6, message: `Countertransference ${PLACEHOLDER}` }], output: null },
    {
      name: 'vocabulary: a formulaic word added in config',
      text: ct('Skipped.\n'),
      config: config({ vocabulary: { formulaic: { add: ['skipped'] } } }),
      rules,
      findings: [{ line: 10, column: 1, endLine: 10, endColumn: 9, message: `Countertransference ${PLACEHOLDER}` }],
      output: null,
    },
    {
      name: 'severity from config',
      text: ct('Fine.\n'),
      config: config({ rules: { [ID]: 'error' } }),
      rules,
      findings: [{ line: 10, column: 1, endLine: 10, endColumn: 6, severity: 'error' }],
      output: null,
    },
    {
      name: 'off: empty-section takes over empty sections',
      text: ct('\n'),
      config: config({ rules: { [ID]: 'off' } }),
      rules,
      findings: [{ ruleId: 'empty-section', line: 9, column: 1, endLine: 9, endColumn: 23, message: 'Section "Countertransference" is empty.' }],
      output: null,
    },
    {
      name: 'a section that only describes the patient is not reflection',
      text: ct('No issues. Good rapport, pt pleasant and engaged.\n'),
      rules,
      findings: [
        { line: 10, column: 1, endLine: 10, endColumn: 50, message: 'Countertransference describes the patient, not your own reactions. What did you notice in yourself during this visit, even briefly?' },
      ],
      output: null,
    },
    { name: 'a placeholder that speaks for no one is a placeholder', text: ct('Nothing to add.\n'), rules, findings: [{ line: 10, column: 1, endLine: 10, endColumn: 16, message: `Countertransference ${PLACEHOLDER}` }], output: null },
  ],
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
});
