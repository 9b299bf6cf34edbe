import { test } from 'vitest';
import assert from 'node:assert/strict';
import { buildVocabulary, mergeConfig, RECOMMENDED, type RawConfig } from '../../server/src/engine/index.ts';
import { medicationName, readCountertransference } from '../../server/src/engine/rules/countertransference-prescribing.ts';
import { medicationWords } from '../../server/src/engine/reading/acting.ts';
import { RuleTester } from '../helpers/rule-tester.ts';

const ID = 'countertransference-prescribing';
const FM = '---\npatient: K.O.\ndate: 2026-11-19\n---\n\n## Goals\n- [G1] Pottery class.\n\n';
const config = (raw: RawConfig) => mergeConfig(RECOMMENDED, raw);
const med = (title: string, change: string) =>
  `### ${title}\n- Change: ${change}\n- Rationale: For the class [G1].\n- Meaning: Hers.\n\n`;
const note = (meds: string, ct: string) => `${FM}## Medication meaning\n${meds}## Countertransference\n${ct}\n`;

const v = buildVocabulary();
const names = medicationWords(['Sertraline 100 mg', 'Quetiapine 25 mg', 'Melatonin 2 mg']);
const read = (s: string) => readCountertransference(s, v.pressure, { medicationNames: names });
const pullsIn = (s: string) => read(s).pulls.map((p) => s.slice(p.start, p.end));

test('a pull counts when it is the clinician’s and tied to acting in its sentence', () => {
  assert.deepEqual(pullsIn('I felt helpless and under pressure to do something before the weekend.'), ['helpless', 'under pressure', 'do something']);
  assert.deepEqual(pullsIn('I noticed an urge to add a second medication.'), ['urge to add']);
  assert.deepEqual(pullsIn('I went along with raising the sertraline partly so I would have something to tell him.'), [
    'went along with',
    'partly so',
    'something to tell',
  ]);
  assert.deepEqual(pullsIn('I increased it so that her mother would feel heard.'), ['so that her mother would feel heard']);
  assert.deepEqual(pullsIn('Her father pushed for an increase.'), ['pushed for']);
  assert.deepEqual(pullsIn('Rushed at the end of clinic; started the quetiapine.'), ['Rushed']);
});

test('feelings not tied to acting, other people’s feelings, and negated pulls are not pulls', () => {
  for (const s of [
    'I felt helpless as she described the eviction.', // no tie
    'I felt impatient with her parents, who keep changing her medication.', // aimed at others
    'I was annoyed at the pharmacy for the mix-up with her sertraline.',
    'She was frustrated with the waiting list and angry at the system.',
    'I felt her helplessness in the room when we talked about the tablets.',
    'I did not feel rushed, and there was no urge to do more.',
    'We talked about anger at her father and the increase she asked for.',
    'She asked me to increase it and I agreed.', // the patient's request is not pressure
    'I wanted to understand why the sertraline stopped working.', // a wish, but not to act
    'I was frustrated with myself for running late, but the dose change was agreed last time.',
    'Her partner wants her off all medication.', // pressure, but away from acting
    'Long day. Frustrating.',
  ]) {
    assert.deepEqual(pullsIn(s), [], s);
  }
});

test('reflection is read from what the sentence does, not from one phrase', () => {
  const reflective = (s: string) => read(s).reflectiveSentences.size > 0;
  for (const s of [
    'I wondered aloud with her whether the tablet was for her or for her mother, and we decided together.',
    'I asked myself whether that was for him or for me.',
    'I held off and asked what she wanted.',
    'I asked to see her alone and checked whether the increase was something she wanted.',
    'I felt the urge to give her a proper sleeping tablet and resisted it.',
    'Took my urge to prescribe to supervision before deciding.',
    'I chose to wait rather than change the dose.',
    'I thought about whose need the start would meet.',
  ]) {
    assert.ok(reflective(s), s);
  }
  for (const s of [
    'We agreed to start the sertraline.', // who decided, not whether the pull was weighed
    'She chose the melatonin.',
    'I asked what her weekend plans were.',
    'She wondered whether the tablets were for her mother.', // the patient's question
  ]) {
    assert.ok(!reflective(s), s);
  }
});

test('medicationName takes the name before the dose', () => {
  assert.equal(medicationName('Sertraline 100 mg daily'), 'Sertraline');
  assert.equal(medicationName('Lithium carbonate 300 mg twice daily'), 'Lithium carbonate');
  assert.equal(medicationName('Quetiapine (Seroquel) 25 mg'), 'Quetiapine');
  assert.equal(medicationName('Melatonin'), 'Melatonin');
});

const prompt = (name: string, change: string) =>
  `${name} is ${change} while the Countertransference section records a pull to act. Worth a moment: whose distress does this change relieve?`;
const PULL = 'The pull to act recorded here.';
const pressure = 'I felt helpless and pushed to act on the medication.';
const switched = note(med('Sertraline 100 mg', 'switch'), 'I felt helpless and switched the tablet.');
const held = note(med('Sertraline 100 mg', 'start'), 'I felt pushed to start something. I chose to wait a week first.');
const own = note(med('Sertraline 100 mg', 'start'), 'I felt pushed to start something. Noted for the Thursday group.');
const rattled = note(med('Sertraline 100 mg', 'start'), 'I felt rattled by the call and started the sertraline.');

new RuleTester().run(ID, {
  valid: [
    // Quiet without a start or increase, without pressure, or without the section.
    { name: 'no start or increase', text: note(med('Sertraline 100 mg', 'continue') + med('Mirtazapine 15 mg', 'taper'), pressure) },
    { name: 'no pressure', text: note(med('Sertraline 100 mg', 'start'), 'I enjoyed her humour and felt at ease.') },
    { name: 'no Countertransference section', text: `${FM}## Medication meaning\n${med('Sertraline 100 mg', 'start')}` },
    // Reflection already on the page (holding back, checking) answers the prompt.
    {
      name: 'chose to wait, across wrapped lines',
      text: note(
        med('Sertraline 100 mg daily', 'continue') + med('Trazodone 50 mg at bedtime', 'start'),
        'I felt pulled to add something when he said nothing was working; I noticed\nmy own frustration with the slow pace, and chose to wait rather than change\nthe sertraline dose today.',
      ),
    },
    ...[
      'I felt the pull to do something big; I sat with it and asked what he wanted.',
      'I noticed an urge to do more; I asked myself whether that was for him or for me.',
      'I was frustrated and held off on any change until we had talked it through.',
    ].map((ct) => ({ name: ct, text: note(med('Melatonin 2 mg', 'start'), ct) })),
    { name: 'switch is not in the default changes', text: switched },
    { name: 'acceptReflection (default): reflection answers', text: held },
    { name: 'off', text: held, config: config({ rules: { [ID]: 'off' } }) },
    { name: 'reflectionPhrases: a program’s own phrase for reflection', text: own, options: { reflectionPhrases: ['noted for the Thursday group'] } },
    { name: 'pressure vocabulary: not a pull by default', text: rattled },
    {
      name: 'pressure vocabulary: a word removed',
      text: note(med('Sertraline 100 mg', 'start'), 'I felt helpless and started the sertraline.'),
      config: config({ vocabulary: { pressure: { remove: ['helpless'] } } }),
    },
    {
      name: 'inline disable on the Change line',
      text: `${FM}## Medication meaning\n### Sertraline 100 mg\n<!-- visitnotes-disable-next-line ${ID} -->\n- Change: start\n- Rationale: Class [G1].\n\n## Countertransference\nI felt helpless and started the sertraline.\n`,
    },
  ],
  invalid: [
    {
      name: 'fires for each started or increased medication, at its Change field, with related pressure',
      text: note(
        med('Sertraline 150 mg daily', 'increase') + med('Quetiapine 25 mg at night', 'start') + med('Propranolol 10 mg', 'continue'),
        'I felt helpless and under pressure to do something before the weekend; I noticed an urge to add a second medication.',
      ),
      findings: [
        {
          message: prompt('Sertraline', 'increased'),
          severity: 'info',
          line: 11,
          column: 3,
          endLine: 11,
          endColumn: 19,
          related: [
            { message: PULL, line: 26, column: 8, endLine: 26, endColumn: 16 },
            { message: PULL, line: 26, column: 21, endLine: 26, endColumn: 35 },
            { message: PULL, line: 26, column: 39, endLine: 26, endColumn: 51 },
          ],
        },
        { message: prompt('Quetiapine', 'started'), line: 16, column: 3, endLine: 16, endColumn: 16 },
      ],
      output: null,
    },
    {
      name: 'a medication named in a pressure sentence without reflection still prompts',
      text: note(
        med('Sertraline 100 mg daily', 'increase') + med('Aripiprazole 2 mg daily', 'start'),
        'I felt pushed to start aripiprazole when his father’s questions came up.\nI held off on raising the sertraline dose and asked what he wanted first.',
      ),
      findings: [{ message: prompt('Aripiprazole', 'started'), line: 16, column: 3, endLine: 16, endColumn: 16 }],
      output: null,
    },
    {
      name: 'changes option: switch',
      text: switched,
      options: { changes: ['start', 'increase', 'switch'] },
      findings: [{ message: prompt('Sertraline', 'switched'), line: 11, column: 3, endLine: 11, endColumn: 17 }],
      output: null,
    },
    {
      name: 'acceptReflection: false',
      text: held,
      options: { acceptReflection: false },
      findings: [{ message: prompt('Sertraline', 'started'), line: 11, column: 3, endLine: 11, endColumn: 16 }],
      output: null,
    },
    {
      name: 'acceptReflection: false, severity warning',
      text: held,
      options: { acceptReflection: false, severity: 'warning' },
      findings: [{ severity: 'warning', line: 11, column: 3, endLine: 11, endColumn: 16 }],
      output: null,
    },
    {
      name: 'a phrase the rule does not know as reflection',
      text: own,
      findings: [{ message: prompt('Sertraline', 'started'), line: 11, column: 3, endLine: 11, endColumn: 16 }],
      output: null,
    },
    {
      name: 'pressure vocabulary: a word added',
      text: rattled,
      config: config({ vocabulary: { pressure: { add: ['rattled'] } } }),
      findings: [{ message: prompt('Sertraline', 'started'), line: 11, column: 3, endLine: 11, endColumn: 16, related: [{ line: 16, column: 8, endLine: 16, endColumn: 15 }] }],
      output: null,
    },
  ],
});
