import { test } from 'vitest';
import assert from 'node:assert/strict';
import { applyFixes, lintText } from '../../server/src/engine/index.ts';

const ID = 'unlinked-goal';
const lint = (text: string) => lintText(text, { only: [ID] });
const pos = (text: string, offset: number) => {
  const p = lintText(text, { only: [] }).note.lines.toLineColumn(offset);
  return `${p.line}:${p.column}`;
};

const GOALS = ['## Goals', '- [G1] Walk the dog at dawn.', '- [G2] Sing in the choir again.', ''];

test('a goal no medication links while an entry links no goal: named, with suggestions from that entry', () => {
  const text = [
    ...GOALS,
    '## Medication meaning',
    '### Sertraline 50 mg daily',
    '- Rationale: Steadier mornings for the walks.',
    '- Meaning: Feels it keeps her from singing.',
    '',
  ].join('\n');
  const { findings } = lint(text);
  assert.deepEqual(findings.map((f) => f.message), [
    'No medication links G1, and Sertraline links no goal — if it serves G1, add [G1] to its Rationale.',
    'No medication links G2, and Sertraline links no goal — if it serves G2, add [G2] to its Rationale.',
  ]);
  const f = findings[1]!;
  assert.equal(f.unnecessary, true);
  assert.equal(pos(text, f.range.start), '3:3');
  assert.equal(pos(text, f.range.end), '3:32');
  assert.deepEqual(f.related!.map((r) => [r.message, pos(text, r.range.start)]), [['Sertraline links no goal', '6:5']]);
  assert.equal(f.fix, undefined);
  assert.equal(f.suggestions!.length, 1);
  assert.equal(f.suggestions![0]!.title, 'Link G2 from the Rationale for Sertraline');
  assert.equal(applyFixes(text, f.suggestions!).text, text.replace('the walks.', 'the walks [G2].'));
});

test('quiet when every medication entry links some goal, however many goals no medication serves', () => {
  const text = [
    ...GOALS,
    '## Medication meaning',
    '### Sertraline 50 mg daily',
    '- Rationale: Steadier mornings for the walks [G1].',
    '- Meaning: Feels it keeps her from singing.',
    '',
  ].join('\n');
  assert.deepEqual(lint(text).findings, []);
});

test('several unlinked entries are named together; a goal linked anywhere in an entry is linked', () => {
  const text = [
    '## Goals',
    '- [G1] Walk the dog at dawn.',
    '- [G2] Sing in the choir again.',
    '- [G3] Visit her sister.',
    '',
    '## Medication meaning',
    '### Sertraline 50 mg daily',
    '- Rationale: Mornings.',
    '- Meaning: "Keeps me singing" [G2].',
    '### Trazodone 50 mg',
    '- Rationale: Sleep.',
    '### Propranolol 10 mg prn',
    '- Rationale: Shaky hands.',
    '',
  ].join('\n');
  const { findings } = lint(text);
  assert.deepEqual(findings.map((f) => f.message), [
    'No medication links G1, and Trazodone and Propranolol link no goal — if one of them serves G1, add [G1] to its Rationale.',
    'No medication links G3, and Trazodone and Propranolol link no goal — if one of them serves G3, add [G3] to its Rationale.',
  ]);
  assert.deepEqual(findings[0]!.suggestions!.map((s) => s.title), ['Link G1 from the Rationale for Trazodone', 'Link G1 from the Rationale for Propranolol']);
});

test('a Plan section counts as a link; a near-miss field name too', () => {
  const text = [
    ...GOALS,
    '## Medication meaning',
    '### Sertraline 50 mg daily',
    '- Rationale: For the mornings.',
    '- Rational: steadier walks [G1].',
    '### Trazodone',
    '- Rationale: Sleep.',
    '',
    '## Plan',
    '- Ask the choir leader about a trial evening [G2].',
    '',
  ].join('\n');
  assert.deepEqual(lint(text).findings, []);
});

test('no medication entries: nothing to link, no findings', () => {
  const text = [...GOALS, '## Medication meaning', 'Nothing prescribed today.', ''].join('\n');
  assert.deepEqual(lint(text).findings, []);
  assert.deepEqual(lint(GOALS.join('\n')).findings, []);
});

test('goals marked met or dropped need no link; a duplicated ID is reported once', () => {
  const text = [
    '## Goals',
    '- [G1] Walk the dog at dawn (met).',
    '- [G2] (dropped: moved away) Sing in the old choir.',
    '- [G3] Swim on Saturdays.',
    '- [G3] Swim on Sundays.',
    '',
    '## Medication meaning',
    '### Sertraline 50 mg daily',
    '- Rationale: For the mornings.',
    '',
  ].join('\n');
  const { findings } = lint(text);
  assert.deepEqual(findings.map((f) => pos(text, f.range.start)), ['4:3']);
});

test('CRLF and non-ASCII goal text: the range ends at the goal line, in UTF-16 columns', () => {
  const text = ['## Goals', '- [G1] Chanter à Noël 🎄 avec Zoé.', '', '## Medication meaning', '### Sertraline', '- Rationale: For mornings.', ''].join('\r\n');
  const [f] = lint(text).findings;
  assert.equal(pos(text, f!.range.start), '2:3');
  assert.equal(pos(text, f!.range.end), '2:35');
  assert.equal(applyFixes(text, f!.suggestions!).text, text.replace('For mornings.', 'For mornings [G1].'));
});
