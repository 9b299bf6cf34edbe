import { test } from 'vitest';
import assert from 'node:assert/strict';
import { buildVocabulary, mergeConfig, RECOMMENDED } from '../../server/src/engine/index.ts';
import { isSymptomFramed, DEFAULT_SYMPTOM_WORDS } from '../../server/src/engine/rules/goal-symptom-framed.ts';
import { TermList } from '../../server/src/engine/vocabulary/index.ts';
import { RuleTester } from '../helpers/rule-tester.ts';

const ID = 'goal-symptom-framed';
const FM = '---\npatient: T.B.\ndate: 2026-09-14\n---\n\n';
const note = (goals: string[]) => `${FM}## Goals\n${goals.map((g, i) => `- [G${i + 1}] ${g}`).join('\n')}\n`;

const v = buildVocabulary();
const framed = (goal: string) =>
  isSymptomFramed(goal, [v.symptoms, v.diagnoses, new TermList(DEFAULT_SYMPTOM_WORDS)], v.jargon);

test('goals that name only symptom relief are framed', () => {
  for (const g of [
    'Less anxiety.',
    'No more panic attacks.',
    'Reduce depression',
    'Improve sleep',
    'Better sleep and mood.',
    'Fewer nightmares per week',
    'Stop having panic attacks',
    'GAD under control',
    'MDD in remission',
    'PHQ-9 below 10',
    'Decrease anxiety by 50%',
    'Feel less depressed',
    'Less anxious',
    'Panic-free',
    'Get rid of the voices',
    'No SI',
    'Mood stability',
    'Med compliance',
    '**Less** anxiety [G2]',
    // Maintenance is as symptom-framed as reduction; a setting does not add a purpose.
    'Maintain euthymia and prevent relapse',
    'Less irritability at home',
    'Stay in remission',
    'Keep mood stable',
    'Remain euthymic',
    'Prevent relapse of depression',
    'Less anxiety at work',
    'No panic attacks in the evenings',
  ]) {
    assert.ok(framed(g), g);
  }
});

test('goals that name something the person wants to do are not framed', () => {
  for (const g of [
    'Sleep enough to work day shifts without feeling drugged.',
    'Coach his daughter’s team again by spring.',
    'Have the energy to take the grandchildren to the park on Sundays.',
    'Feel less anxious at work so she can speak up at meetings.',
    'Be less irritable with his son at breakfast.',
    'Stop drinking before his sister’s wedding.',
    'Panic-free drives to visit his mother.',
    'No more panic attacks on the bus to college.',
    'Sleep through the night.', // borderline: deliberately left alone
    'Keep walking the coastal path with her neighbour.',
    'Stay sober for her daughter’s wedding.',
    'Keep the early shift at the bakery through the winter.',
    'Maintain her place on the course.',
    'Keep mood steady enough to finish the course.',
    'Stay out of hospital so she can keep her flat.',
    'Be happy.', // no symptom named
    'Better.',
    '',
  ]) {
    assert.ok(!framed(g), g);
  }
});

const SLEEP_AND_CALM = note(['Better sleep.', 'Less anxiety, calmer.']);
const ZOOMIES = note(['Less anxiety.', 'Fewer zoomies.']);
const goal = (line: number, text: string) => ({ line, column: 8, endLine: line, endColumn: 8 + text.length });

new RuleTester().run(ID, {
  valid: [
    { name: 'symptomWords replaces the everyday list', text: SLEEP_AND_CALM, options: { symptomWords: [] } },
    { name: 'off from config', text: note(['Less anxiety.']), config: mergeConfig(RECOMMENDED, { rules: { [ID]: 'off' } }) },
    { name: 'inline disable', text: `${FM}## Goals\n<!-- visitnotes-disable-next-line ${ID} -->\n- [G1] Less anxiety.\n` },
  ],
  invalid: [
    {
      name: 'reports at the goal text, once per framed goal, with the goal ID',
      text: note(['Less anxiety.', 'Coach the team.', 'No more panic attacks.']),
      findings: [
        { ...goal(7, 'Less anxiety.'), severity: 'info', message: /^Goal G1 names only symptom relief\. What would the person be able to do/ },
        { ...goal(9, 'No more panic attacks.'), message: /^Goal G3 / },
      ],
      output: null,
    },
    { name: 'the everyday symptom list frames "Better sleep."', text: SLEEP_AND_CALM, findings: [goal(7, 'Better sleep.')], output: null },
    {
      name: 'reductionWords adds words',
      text: SLEEP_AND_CALM,
      options: { reductionWords: ['calmer'] },
      findings: [goal(7, 'Better sleep.'), goal(8, 'Less anxiety, calmer.')],
      output: null,
    },
    { name: 'vocabulary as built in', text: ZOOMIES, findings: [{ ...goal(7, 'Less anxiety.'), message: /^Goal G1 / }], output: null },
    {
      name: 'vocabulary config: a removed symptom no longer frames a goal; an added one does',
      text: ZOOMIES,
      config: mergeConfig(RECOMMENDED, { vocabulary: { symptoms: { add: ['zoomies'], remove: ['anxiety'] } } }),
      findings: [{ ...goal(8, 'Fewer zoomies.'), message: /^Goal G2 / }],
      output: null,
    },
    {
      name: 'severity from config',
      text: note(['Less anxiety.']),
      config: mergeConfig(RECOMMENDED, { rules: { [ID]: 'warning' } }),
      findings: [{ ...goal(7, 'Less anxiety.'), severity: 'warning' }],
      output: null,
    },
  ],
});
