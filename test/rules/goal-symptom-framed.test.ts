import { test } from 'vitest';
import assert from 'node:assert/strict';
import { buildVocabulary, lintText, mergeConfig, RECOMMENDED, type RawConfig } from '../../server/src/engine/index.ts';
import { isSymptomFramed, DEFAULT_SYMPTOM_WORDS } from '../../server/src/engine/rules/goal-symptom-framed.ts';
import { TermList } from '../../server/src/engine/vocabulary/index.ts';

const ID = 'goal-symptom-framed';
const FM = '---\npatient: T.B.\ndate: 2026-09-14\n---\n\n';
const note = (goals: string[]) => `${FM}## Goals\n${goals.map((g, i) => `- [G${i + 1}] ${g}`).join('\n')}\n`;
const lint = (text: string, raw?: RawConfig) =>
  lintText(text, { only: [ID], ...(raw ? { config: mergeConfig(RECOMMENDED, raw) } : {}) }).findings;

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

test('reports at the goal text, once per framed goal, with the goal ID', () => {
  const text = note(['Less anxiety.', 'Coach the team.', 'No more panic attacks.']);
  const f = lint(text);
  assert.equal(f.length, 2);
  assert.equal(text.slice(f[0]!.range.start, f[0]!.range.end), 'Less anxiety.');
  assert.equal(text.slice(f[1]!.range.start, f[1]!.range.end), 'No more panic attacks.');
  assert.match(f[0]!.message, /^Goal G1 names only symptom relief\. What would the person be able to do/);
  assert.match(f[1]!.message, /^Goal G3 /);
  assert.equal(f[0]!.severity, 'info');
  assert.equal(f[0]!.fix, undefined);
});

test('options: symptomWords replaces the everyday list, reductionWords adds words', () => {
  const text = note(['Better sleep.', 'Less anxiety, calmer.']);
  assert.equal(lint(text).length, 1);
  assert.equal(lint(text, { rules: { [ID]: { symptomWords: [] } } }).length, 0);
  assert.equal(lint(text, { rules: { [ID]: { reductionWords: ['calmer'] } } }).length, 2);
});

test('vocabulary config: a removed symptom no longer frames a goal; an added one does', () => {
  const text = note(['Less anxiety.', 'Fewer zoomies.']);
  assert.equal(lint(text).length, 1);
  const f = lint(text, { vocabulary: { symptoms: { add: ['zoomies'], remove: ['anxiety'] } } });
  assert.equal(f.length, 1);
  assert.match(f[0]!.message, /^Goal G2 /);
});

test('severity and off from config; inline disable', () => {
  const text = note(['Less anxiety.']);
  assert.equal(lint(text, { rules: { [ID]: 'warning' } })[0]!.severity, 'warning');
  assert.equal(lint(text, { rules: { [ID]: 'off' } }).length, 0);
  const disabled = `${FM}## Goals\n<!-- visitnotes-disable-next-line ${ID} -->\n- [G1] Less anxiety.\n`;
  assert.equal(lint(disabled).length, 0);
});
