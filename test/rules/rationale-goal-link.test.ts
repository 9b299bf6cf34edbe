import { test } from 'vitest';
import assert from 'node:assert/strict';
import { applyFixes, buildVocabulary, lintText, mergeConfig, RECOMMENDED } from '../../server/src/engine/index.ts';
import { symptomsOnly } from '../../server/src/engine/rules/rationale-goal-link.ts';

const ID = 'rationale-goal-link';
const PHRASE = 'symptoms-only rationale, no goal linked';
const lint = (text: string, config = RECOMMENDED) => lintText(text, { only: [ID], config });
const pos = (text: string, offset: number) => {
  const p = lintText(text, { only: [] }).note.lines.toLineColumn(offset);
  return `${p.line}:${p.column}`;
};

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

test('symptoms or diagnoses only: the fixed phrase, at the Rationale field', () => {
  for (const rationale of [
    'Insomnia and nightmares.',
    'MDD, GAD',
    'for anxiety',
    'Panic attacks; low mood.',
    'Depression',
    'Ongoing anxiety and insomnia, 50 mg nightly.',
    'Treatment of MDD with comorbid GAD.',
  ]) {
    const text = note(rationale);
    const { findings } = lint(text);
    assert.equal(findings.length, 1, rationale);
    const f = findings[0]!;
    assert.equal(f.message, `Rationale for Trazodone: ${PHRASE} — which goal does it serve?`, rationale);
    assert.equal(pos(text, f.range.start), '8:3');
    assert.equal(pos(text, f.range.end), `8:${14 + rationale.length}`);
  }
});

test('anything else without a goal: the same sentence without the symptoms-only part', () => {
  for (const rationale of ['Sleep.', 'Less anxiety so he can coach again.', 'Insomnia, so he is rested for the day shift.', 'To help with mornings']) {
    const [f] = lint(note(rationale)).findings;
    assert.equal(f!.message, 'Rationale for Trazodone: no goal linked — which goal does it serve?', rationale);
    assert.ok(!f!.message.includes(PHRASE));
  }
});

test('suggestions append each goal before the closing punctuation; never a fix', () => {
  const text = note('Insomnia and nightmares.');
  const [f] = lint(text).findings;
  assert.equal(f!.fix, undefined);
  assert.deepEqual(f!.suggestions!.map((s) => s.title), [
    'Link goal [G1] (Coach his daughter’s team again by spri…)',
    'Link goal [G2] (Sleep enough to work day shifts.)',
  ]);
  assert.equal(applyFixes(text, [f!.suggestions![1]!]).text, text.replace('Insomnia and nightmares.', 'Insomnia and nightmares [G2].'));
  const bare = note('MDD, GAD');
  const [g] = lint(bare).findings;
  assert.equal(applyFixes(bare, [g!.suggestions![0]!]).text, bare.replace('MDD, GAD', 'MDD, GAD [G1]'));
});

test('a wrapped rationale: the range and the link stay in its first paragraph, not a nested list', () => {
  const text = [
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
  const [f] = lint(text).findings;
  assert.match(f!.message, /symptoms-only/);
  assert.equal(pos(text, f!.range.end), '7:14');
  assert.equal(applyFixes(text, f!.suggestions!).text, text.replace('nightmares!', 'nightmares [G1]!'));
});

test('met and dropped goals are not offered; no goals means no suggestions', () => {
  const [f] = lint(note('Insomnia.', '\n', ['- [G1] Coach again (met).', '- [G2] (dropped) Night shifts.', '- [G3] Sleep well.'])).findings;
  assert.deepEqual(f!.suggestions!.map((s) => s.edits[0]!.newText), [' [G3]']);
  const [g] = lint(note('Insomnia.', '\n', [])).findings;
  assert.equal(g!.suggestions, undefined);
  assert.match(g!.message, /symptoms-only rationale, no goal linked/);
});

test('linked, missing or empty rationales are not this rule’s findings', () => {
  assert.deepEqual(lint(note('Insomnia, so he can work day shifts [G2].')).findings, []);
  assert.deepEqual(lint(note('Insomnia [G9].')).findings, [], 'an undefined goal still counts as a link (undefined-goal reports it)');
  assert.deepEqual(lint(note('')).findings, []);
  const noRationale = ['## Goals', '- [G1] Coach.', '', '## Medication meaning', '### Trazodone', '- Meaning: Unsure.', ''].join('\n');
  assert.deepEqual(lint(noRationale).findings, []);
});

test('a goal linked anywhere in the entry satisfies it: Plan, Meaning, Response, prose, heading', () => {
  const base = note('Insomnia and nightmares.');
  assert.deepEqual(lint(base.replace('calls.', 'calls [G1].')).findings, [], 'Meaning');
  assert.deepEqual(lint(base.replace('- Meaning:', '- Plan: Review once he is on days [G2].\n- Meaning:')).findings, [], 'Plan');
  assert.deepEqual(lint(base.replace('- Meaning:', '- **Response:** back at practice [G1]\n- Meaning:')).findings, [], 'Response');
  assert.deepEqual(lint(base.replace('- Change: start', 'We agreed it is for the day shifts [G2].\n\n- Change: start')).findings, [], 'prose');
  assert.deepEqual(lint(base.replace('### Trazodone 50 mg at bedtime', '### Trazodone 50 mg at bedtime [G2]')).findings, [], 'heading');
  // A link in another entry does not count for this one.
  const two = base + '### Sertraline 50 mg\n- Rationale: Mornings [G1].\n- Meaning: Fine.\n';
  assert.equal(lint(two).findings.length, 1);
});

test('a near-miss field name is read as the Rationale (one typo, no cascade)', () => {
  for (const name of ['Rationle', 'Rational', 'Ratoinale', '**Rationale**']) {
    const text = note('Insomnia.').replace('- Rationale:', `- ${name}:`);
    const [f] = lint(text).findings;
    assert.match(f!.message, /symptoms-only rationale, no goal linked/, name);
  }
  // The same near miss with a goal in it is a link.
  assert.deepEqual(lint(note('Insomnia [G2].').replace('- Rationale:', '- Rational:')).findings, []);
});

test('CRLF and non-ASCII: UTF-16 positions, CRLF kept by the suggestion', () => {
  const text = note('Insomnie et cauchemars — «\u00a0anxiety\u00a0» 🌙.', '\r\n');
  const [f] = lint(text).findings;
  assert.equal(pos(text, f!.range.start), '8:3');
  // "Rationale: " (11) + 40 UTF-16 code units of value (the emoji counts two) → end column 3 + 51.
  assert.equal(pos(text, f!.range.end), '8:54');
  const fixed = applyFixes(text, [f!.suggestions![0]!]).text;
  assert.ok(fixed.includes('🌙 [G1].\r\n'));
});

test('vocabulary changes from config are honoured', () => {
  const config = mergeConfig(RECOMMENDED, { vocabulary: { symptoms: { add: ['glimmerfog'] }, diagnoses: { remove: ['MDD'] } } });
  const [f] = lint(note('Glimmerfog.'), config).findings;
  assert.match(f!.message, /symptoms-only/);
  const [g] = lint(note('Glimmerfog.')).findings;
  assert.doesNotMatch(g!.message, /symptoms-only/);
  const [h] = lint(note('MDD'), config).findings;
  assert.doesNotMatch(h!.message, /symptoms-only/);
});

test('symptomsOnly: filler, numbers and dose words are ignored; any other word is not', () => {
  const v = buildVocabulary();
  assert.equal(symptomsOnly('Severe, persistent insomnia (50 mg qhs)', v), true);
  assert.equal(symptomsOnly('h/o MDD', v), true);
  assert.equal(symptomsOnly('', v), false);
  assert.equal(symptomsOnly('Sleep', v), false);
  assert.equal(symptomsOnly('Anxiety at his daughter’s games', v), false);
});
