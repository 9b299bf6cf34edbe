import { test } from 'vitest';
import assert from 'node:assert/strict';
import { buildVocabulary, lintText, mergeConfig, RECOMMENDED, type RawConfig } from '../../server/src/engine/index.ts';
import {
  DEFAULT_REFLECTION_PHRASES,
  medicationName,
  readCountertransference,
} from '../../server/src/engine/rules/countertransference-prescribing.ts';
import { TermList } from '../../server/src/engine/vocabulary/index.ts';

const ID = 'countertransference-prescribing';
const FM = '---\npatient: K.O.\ndate: 2026-11-19\n---\n\n## Goals\n- [G1] Pottery class.\n\n';
const lint = (text: string, raw?: RawConfig) =>
  lintText(text, { only: [ID], ...(raw ? { config: mergeConfig(RECOMMENDED, raw) } : {}) }).findings;
const med = (title: string, change: string) =>
  `### ${title}\n- Change: ${change}\n- Rationale: For the class [G1].\n- Meaning: Hers.\n\n`;
const note = (meds: string, ct: string) => `${FM}## Medication meaning\n${meds}## Countertransference\n${ct}\n`;

const v = buildVocabulary();
const reflection = new TermList(DEFAULT_REFLECTION_PHRASES);
const pressureIn = (s: string) => readCountertransference(s, v.pressure, reflection).pressure.map((p) => s.slice(p.start, p.end));

test('pressure the clinician records is found; negated and other people’s feelings are not', () => {
  assert.deepEqual(pressureIn('I felt helpless and under pressure to do something before the weekend.'), [
    'helpless',
    'under pressure',
    'do something',
  ]);
  assert.deepEqual(pressureIn('I noticed an urge to add a second medication.'), ['urge to add']);
  assert.deepEqual(pressureIn('My frustration with the slow pace.'), ['frustration']);
  assert.deepEqual(pressureIn('There was time pressure at the end.'), ['time pressure']);
  assert.deepEqual(pressureIn('She was frustrated with the waiting list and angry at the system.'), []);
  assert.deepEqual(pressureIn('I felt her helplessness in the room.'), []);
  assert.deepEqual(pressureIn('I did not feel rushed, and there was no urge to do more.'), []);
  assert.deepEqual(pressureIn('He was annoyed with me, but I felt impatient too.'), ['impatient']);
  assert.deepEqual(pressureIn('We talked about anger at her father.'), []);
  assert.deepEqual(pressureIn('Maria was angry about the letter.'), []);
  assert.deepEqual(pressureIn('I loved hearing about the rescue dog.'), []);
  assert.deepEqual(pressureIn('Felt helpless.'), ['helpless']);
  assert.deepEqual(pressureIn('Frustrated with myself for running late.'), ['Frustrated', 'running late']);
  assert.deepEqual(pressureIn('Long day. Frustrating.'), []);
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
  const pressure = 'I felt helpless and pushed to act.';
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

test('options: changes (switch), reflectionPhrases; severity and off', () => {
  const text = note(med('Sertraline 100 mg', 'switch'), 'I felt helpless.');
  assert.deepEqual(lint(text), []);
  const sw = lint(text, { rules: { [ID]: { changes: ['start', 'increase', 'switch'] } } });
  assert.equal(sw.length, 1);
  assert.match(sw[0]!.message, /^Sertraline is switched/);
  const held = note(med('Sertraline 100 mg', 'start'), 'I felt helpless and chose to wait.');
  assert.equal(lint(held).length, 0);
  assert.equal(lint(held, { rules: { [ID]: { reflectionPhrases: [] } } }).length, 1);
  assert.equal(lint(held, { rules: { [ID]: { reflectionPhrases: [], severity: 'warning' } } })[0]!.severity, 'warning');
  assert.equal(lint(held, { rules: { [ID]: 'off' } }).length, 0);
});

test('pressure vocabulary comes from config', () => {
  const text = note(med('Sertraline 100 mg', 'start'), 'I felt rattled by the call.');
  assert.equal(lint(text).length, 0);
  assert.equal(lint(text, { vocabulary: { pressure: { add: ['rattled'] } } }).length, 1);
  const helpless = note(med('Sertraline 100 mg', 'start'), 'I felt helpless.');
  assert.equal(lint(helpless, { vocabulary: { pressure: { remove: ['helpless'] } } }).length, 0);
});

test('inline disable on the Change line', () => {
  const text = `${FM}## Medication meaning\n### Sertraline 100 mg\n<!-- visitnotes-disable-next-line ${ID} -->\n- Change: start\n- Rationale: Class [G1].\n\n## Countertransference\nI felt helpless.\n`;
  assert.deepEqual(lint(text), []);
});
