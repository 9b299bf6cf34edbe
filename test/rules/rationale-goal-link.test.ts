import { test } from 'vitest';
import assert from 'node:assert/strict';
import { buildVocabulary, mergeConfig, RECOMMENDED } from '../../server/src/engine/index.ts';
import { symptomsOnly } from '../../server/src/engine/rules/rationale-goal-link.ts';
import { RuleTester, type InvalidCase } from '../helpers/rule-tester.ts';

const ID = 'rationale-goal-link';
const SYMPTOMS_ONLY = 'Rationale for Trazodone: symptoms-only rationale, no goal linked — which goal does it serve?';
const NO_GOAL = 'Rationale for Trazodone: no goal linked — which goal does it serve?';

const note = (rationale: string, eol = '\n', goals = ['- [G1] Coach his daughter’s team again by spring.', '- [G2] Sleep enough to work day shifts.']) =>
  [
    '## Goals',
    ...goals,
    '',
    '## Medication meaning',
    '### Trazodone 50 mg at bedtime',
    '- Change: start',
    `- Rationale: ${rationale}`,
    '- Meaning: Worried about not waking if his daughter calls.',
    '',
  ].join(eol);

/** One finding at the Rationale field (line 8 of `note`), from `Rationale:` to the end of its value. */
const atRationale = (rationale: string, message: string): InvalidCase => ({
  name: `${message === SYMPTOMS_ONLY ? 'symptoms only' : 'no goal'}: ${rationale}`,
  text: note(rationale),
  findings: [{ message, line: 8, column: 3, endLine: 8, endColumn: 14 + rationale.length }],
  output: null,
});

const base = note('Insomnia and nightmares.');
const vocabulary = mergeConfig(RECOMMENDED, { vocabulary: { symptoms: { add: ['glimmerfog'] }, diagnoses: { remove: ['MDD'] } } });
const wrapped = [
  '## Goals',
  '- [G1] Coach again.',
  '',
  '## Medication meaning',
  '### Trazodone 50 mg',
  '- Rationale: Insomnia and',
  '  nightmares!',
  '  - severe',
  '- Meaning: Unsure.',
  '',
].join('\n');
const nearMiss = (name: string) => note('Insomnia.').replace('- Rationale:', `- ${name}:`);
const crlf = note('Insomnie et cauchemars — «\u00a0anxiety\u00a0» 🌙.', '\r\n');

new RuleTester().run(ID, {
  valid: [
    // Linked, missing or empty rationales are not this rule's findings.
    note('Insomnia, so he can work day shifts [G2].'),
    { name: 'an undefined goal still counts as a link (undefined-goal reports it)', text: note('Insomnia [G9].') },
    { name: 'an empty Rationale', text: note('') },
    { name: 'no Rationale', text: ['## Goals', '- [G1] Coach.', '', '## Medication meaning', '### Trazodone', '- Meaning: Unsure.', ''].join('\n') },
    // A goal linked anywhere in the entry satisfies it.
    { name: 'linked in Meaning', text: base.replace('calls.', 'calls [G1].') },
    { name: 'linked in Plan', text: base.replace('- Meaning:', '- Plan: Review once he is on days [G2].\n- Meaning:') },
    { name: 'linked in Response', text: base.replace('- Meaning:', '- **Response:** back at practice [G1]\n- Meaning:') },
    { name: 'linked in prose', text: base.replace('- Change: start', 'We agreed it is for the day shifts [G2].\n\n- Change: start') },
    { name: 'linked in the heading', text: base.replace('### Trazodone 50 mg at bedtime', '### Trazodone 50 mg at bedtime [G2]') },
    { name: 'a near-miss field name with a goal in it is a link', text: note('Insomnia [G2].').replace('- Rationale:', '- Rational:') },
  ],
  invalid: [
    // Symptoms or diagnoses only: the fixed phrase, at the Rationale field.
    ...[
      'Insomnia and nightmares.',
      'MDD, GAD',
      'for anxiety',
      'Panic attacks; low mood.',
      'Depression',
      'Ongoing anxiety and insomnia, 50 mg nightly.',
      'Treatment of MDD with comorbid GAD.',
    ].map((r) => atRationale(r, SYMPTOMS_ONLY)),
    // Anything else without a goal: the same sentence without the symptoms-only part.
    ...['Sleep.', 'Less anxiety so he can coach again.', 'Insomnia, so he is rested for the day shift.', 'To help with mornings'].map((r) =>
      atRationale(r, NO_GOAL),
    ),
    {
      name: 'suggestions append each goal before the closing punctuation; never a fix',
      text: base,
      findings: [
        {
          line: 8,
          column: 3,
          suggestions: [
            { title: 'Link goal [G1] (Coach his daughter’s team again by spri…)', output: base.replace('nightmares.', 'nightmares [G1].') },
            { title: 'Link goal [G2] (Sleep enough to work day shifts.)', output: base.replace('Insomnia and nightmares.', 'Insomnia and nightmares [G2].') },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'no closing punctuation: the link goes at the end',
      text: note('MDD, GAD'),
      findings: [{ line: 8, column: 3, suggestions: [{ output: note('MDD, GAD [G1]') }, { output: note('MDD, GAD [G2]') }] }],
      output: null,
    },
    {
      name: 'a wrapped rationale: the range and the link stay in its first paragraph, not a nested list',
      text: wrapped,
      findings: [{ message: SYMPTOMS_ONLY, line: 6, column: 3, endLine: 7, endColumn: 14, suggestions: [{ output: wrapped.replace('nightmares!', 'nightmares [G1]!') }] }],
      output: null,
    },
    {
      name: 'met and dropped goals are not offered',
      text: note('Insomnia.', '\n', ['- [G1] Coach again (met).', '- [G2] (dropped) Night shifts.', '- [G3] Sleep well.']),
      findings: [
        {
          line: 9,
          column: 3,
          endLine: 9,
          endColumn: 23,
          suggestions: [
            {
              title: 'Link goal [G3] (Sleep well.)',
              output: note('Insomnia [G3].', '\n', ['- [G1] Coach again (met).', '- [G2] (dropped) Night shifts.', '- [G3] Sleep well.']),
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'no goals means no suggestions',
      text: note('Insomnia.', '\n', []),
      findings: [{ message: SYMPTOMS_ONLY, line: 6, column: 3, endLine: 6, endColumn: 23, suggestions: null }],
      output: null,
    },
    {
      name: 'a link in another entry does not count for this one',
      text: base + '### Sertraline 50 mg\n- Rationale: Mornings [G1].\n- Meaning: Fine.\n',
      findings: [{ message: SYMPTOMS_ONLY, line: 8, column: 3, endLine: 8, endColumn: 38 }],
      output: null,
    },
    // A near-miss field name is read as the Rationale (one typo, no cascade).
    { name: 'near miss: Rationle', text: nearMiss('Rationle'), findings: [{ message: SYMPTOMS_ONLY, line: 8, column: 3, endLine: 8, endColumn: 22 }], output: null },
    { name: 'near miss: Rational', text: nearMiss('Rational'), findings: [{ message: SYMPTOMS_ONLY, line: 8, column: 3, endLine: 8, endColumn: 22 }], output: null },
    { name: 'near miss: Ratoinale', text: nearMiss('Ratoinale'), findings: [{ message: SYMPTOMS_ONLY, line: 8, column: 3, endLine: 8, endColumn: 23 }], output: null },
    { name: 'near miss: **Rationale**', text: nearMiss('**Rationale**'), findings: [{ message: SYMPTOMS_ONLY, line: 8, column: 5, endLine: 8, endColumn: 27 }], output: null },
    {
      name: 'CRLF and non-ASCII: UTF-16 positions, CRLF kept by the suggestion',
      text: crlf,
      // "Rationale: " (11) + 40 UTF-16 code units of value (the emoji counts two) → end column 3 + 51.
      findings: [{ line: 8, column: 3, endLine: 8, endColumn: 54, suggestions: [{ output: crlf.replace('🌙.\r\n', '🌙 [G1].\r\n') }, {}] }],
      output: null,
    },
    // Vocabulary changes from config are honoured.
    { name: 'vocabulary: a symptom added', text: note('Glimmerfog.'), config: vocabulary, findings: [{ message: SYMPTOMS_ONLY, line: 8, column: 3 }], output: null },
    { name: 'vocabulary: not a symptom by default', text: note('Glimmerfog.'), findings: [{ message: NO_GOAL, line: 8, column: 3 }], output: null },
    { name: 'vocabulary: a diagnosis removed', text: note('MDD'), config: vocabulary, findings: [{ message: NO_GOAL, line: 8, column: 3 }], output: null },
  ],
});

test('symptomsOnly: filler, numbers and dose words are ignored; any other word is not', () => {
  const v = buildVocabulary();
  assert.equal(symptomsOnly('Severe, persistent insomnia (50 mg qhs)', v), true);
  assert.equal(symptomsOnly('h/o MDD', v), true);
  assert.equal(symptomsOnly('', v), false);
  assert.equal(symptomsOnly('Sleep', v), false);
  assert.equal(symptomsOnly('Anxiety at his daughter’s games', v), false);
});
