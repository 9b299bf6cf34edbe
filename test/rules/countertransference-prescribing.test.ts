import { test } from 'vitest';
import assert from 'node:assert/strict';
import { buildVocabulary, lintText, mergeConfig, RECOMMENDED, type RawConfig } from '../../server/src/engine/index.ts';
import { medicationName, readCountertransference } from '../../server/src/engine/rules/countertransference-prescribing.ts';
import { medicationWords } from '../../server/src/engine/reading/acting.ts';

const ID = 'countertransference-prescribing';
const FM = '---\npatient: K.O.\ndate: 2026-11-19\n---\n\n## Goals\n- [G1] Pottery class.\n\n';
const lint = (text: string, raw?: RawConfig) =>
  lintText(text, { only: [ID], ...(raw ? { config: mergeConfig(RECOMMENDED, raw) } : {}) }).findings;
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

test('fires for each started or increased medication, at its Change field, with related pressure', () => {
  const text = note(
    med('Sertraline 150 mg daily', 'increase') + med('Quetiapine 25 mg at night', 'start') + med('Propranolol 10 mg', 'continue'),
    'I felt helpless and under pressure to do something before the weekend; I noticed an urge to add a second medication.',
  );
  const f = lint(text);
  assert.equal(f.length, 2);
  assert.deepEqual(f.map((x) => text.slice(x.range.start, x.range.end)), ['Change: increase', 'Change: start']);
  assert.equal(
    f[0]!.message,
    'Sertraline is increased while the Countertransference section records a pull to act. Worth a moment: whose distress does this change relieve?',
  );
  assert.match(f[1]!.message, /^Quetiapine is started /);
  assert.deepEqual(f[0]!.related!.map((r) => text.slice(r.range.start, r.range.end)), ['helpless', 'under pressure', 'do something']);
  assert.equal(f[0]!.severity, 'info');
});

test('quiet without a start or increase, without pressure, or without the section', () => {
  const pressure = 'I felt helpless and pushed to act on the medication.';
  assert.deepEqual(lint(note(med('Sertraline 100 mg', 'continue') + med('Mirtazapine 15 mg', 'taper'), pressure)), []);
  assert.deepEqual(lint(note(med('Sertraline 100 mg', 'start'), 'I enjoyed her humour and felt at ease.')), []);
  assert.deepEqual(lint(`${FM}## Medication meaning\n${med('Sertraline 100 mg', 'start')}`), []);
});

test('reflection already on the page (holding back, checking) answers the prompt', () => {
  const follow = note(
    med('Sertraline 100 mg daily', 'continue') + med('Trazodone 50 mg at bedtime', 'start'),
    'I felt pulled to add something when he said nothing was working; I noticed\nmy own frustration with the slow pace, and chose to wait rather than change\nthe sertraline dose today.',
  );
  assert.deepEqual(lint(follow), []);
  for (const ct of [
    'I felt the pull to do something big; I sat with it and asked what he wanted.',
    'I noticed an urge to do more; I asked myself whether that was for him or for me.',
    'I was frustrated and held off on any change until we had talked it through.',
  ]) {
    assert.deepEqual(lint(note(med('Melatonin 2 mg', 'start'), ct)), [], ct);
  }
});

test('a medication named in a pressure sentence without reflection still prompts', () => {
  const text = note(
    med('Sertraline 100 mg daily', 'increase') + med('Aripiprazole 2 mg daily', 'start'),
    'I felt pushed to start aripiprazole when his father’s questions came up.\nI held off on raising the sertraline dose and asked what he wanted first.',
  );
  const f = lint(text);
  assert.equal(f.length, 1);
  assert.match(f[0]!.message, /^Aripiprazole is started/);
});

test('options: changes (switch), reflectionPhrases, acceptReflection; severity and off', () => {
  const text = note(med('Sertraline 100 mg', 'switch'), 'I felt helpless and switched the tablet.');
  assert.deepEqual(lint(text), []);
  const sw = lint(text, { rules: { [ID]: { changes: ['start', 'increase', 'switch'] } } });
  assert.equal(sw.length, 1);
  assert.match(sw[0]!.message, /^Sertraline is switched/);
  const held = note(med('Sertraline 100 mg', 'start'), 'I felt pushed to start something. I chose to wait a week first.');
  assert.equal(lint(held).length, 0);
  assert.equal(lint(held, { rules: { [ID]: { acceptReflection: false } } }).length, 1);
  assert.equal(lint(held, { rules: { [ID]: { acceptReflection: false, severity: 'warning' } } })[0]!.severity, 'warning');
  assert.equal(lint(held, { rules: { [ID]: 'off' } }).length, 0);
  // A program's own phrase for reflection adds to what the rule reads.
  const own = note(med('Sertraline 100 mg', 'start'), 'I felt pushed to start something. Noted for the Thursday group.');
  assert.equal(lint(own).length, 1);
  assert.equal(lint(own, { rules: { [ID]: { reflectionPhrases: ['noted for the Thursday group'] } } }).length, 0);
});

test('pressure vocabulary comes from config', () => {
  const text = note(med('Sertraline 100 mg', 'start'), 'I felt rattled by the call and started the sertraline.');
  assert.equal(lint(text).length, 0);
  assert.equal(lint(text, { vocabulary: { pressure: { add: ['rattled'] } } }).length, 1);
  const helpless = note(med('Sertraline 100 mg', 'start'), 'I felt helpless and started the sertraline.');
  assert.equal(lint(helpless, { vocabulary: { pressure: { remove: ['helpless'] } } }).length, 0);
});

test('inline disable on the Change line', () => {
  const text = `${FM}## Medication meaning\n### Sertraline 100 mg\n<!-- visitnotes-disable-next-line ${ID} -->\n- Change: start\n- Rationale: Class [G1].\n\n## Countertransference\nI felt helpless and started the sertraline.\n`;
  assert.deepEqual(lint(text), []);
});
