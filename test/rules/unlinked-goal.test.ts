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

test('a goal no Rationale, Plan or Response links: faded, with the medications as related location', () => {
  const text = [
    ...GOALS,
    '## Medication meaning',
    '### Sertraline 50 mg daily',
    '- Rationale: Steadier mornings for the walks [G1].',
    '- Meaning: Feels it keeps her from singing [G2].',
    '',
  ].join('\n');
  const { findings } = lint(text);
  assert.equal(findings.length, 1);
  const f = findings[0]!;
  assert.equal(f.message, 'No medication Rationale, Plan or Response links G2; if a medication serves this goal, add [G2] there.');
  assert.equal(f.unnecessary, true);
  assert.equal(pos(text, f.range.start), '3:3');
  assert.equal(pos(text, f.range.end), '3:32');
  assert.deepEqual(f.related!.map((r) => [r.message, pos(text, r.range.start)]), [['Medications that could link this goal', '5:4']]);
  assert.equal(f.fix, undefined);
  assert.equal(f.suggestions!.length, 1);
  assert.equal(f.suggestions![0]!.title, 'Link G2 from the Rationale for Sertraline');
  assert.equal(applyFixes(text, f.suggestions!).text, text.replace('walks [G1].', 'walks [G1] [G2].'));
});

test('Plan and Response links count, and so does a Plan section', () => {
  const text = [
    ...GOALS,
    '## Medication meaning',
    '### Sertraline 50 mg daily',
    '- Rationale: For the mornings.',
    '- Response: Back on the dawn walks [G1].',
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
