import { test } from 'vitest';
import assert from 'node:assert/strict';
import { applyFixes, lintText, mergeConfig, RECOMMENDED } from '../../server/src/engine/index.ts';

const ID = 'undefined-goal';
const lint = (text: string, config = RECOMMENDED) => lintText(text, { only: [ID], config });
const pos = (text: string, offset: number) => {
  const p = lintText(text, { only: [] }).note.lines.toLineColumn(offset);
  return `${p.line}:${p.column}`;
};

const note = (goals: string[], rationale: string, eol = '\n') =>
  [
    '## Goals',
    ...goals,
    '',
    '## Medication meaning',
    '### Sertraline 50 mg daily',
    `- Rationale: ${rationale}`,
    '- Meaning: "A small help."',
    '',
  ].join(eol);

test('a reference to an undefined goal: at the reference, related to the Goals heading', () => {
  const text = note(['- [G1] Walk the dog at dawn.', '- [G2] Sing in the choir.'], 'Walks [G1] [G3].');
  const { findings } = lint(text);
  assert.equal(findings.length, 1);
  const f = findings[0]!;
  assert.equal(f.message, 'G3 is referenced, but the Goals section does not define it.');
  assert.equal(pos(text, f.range.start), '7:25');
  assert.equal(pos(text, f.range.end), '7:29');
  assert.deepEqual(f.related!.map((r) => [r.message, pos(text, r.range.start), pos(text, r.range.end)]), [
    ['Goals are defined here', '1:4', '1:9'],
  ]);
  assert.equal(f.fix, undefined);
  assert.deepEqual(
    f.suggestions!.map((s) => s.title),
    ['Change to [G1] (Walk the dog at dawn.)', 'Change to [G2] (Sing in the choir.)'],
  );
  assert.equal(applyFixes(text, [f.suggestions![1]!]).text, text.replace('[G1] [G3]', '[G1] [G2]'));
});

test('no suggestions when the note defines more goals than maxSuggestions (default 5)', () => {
  const goals = [1, 2, 3, 4, 5, 6].map((n) => `- [G${n}] Goal number ${n}.`);
  const [f] = lint(note(goals, 'For [G7].')).findings;
  assert.equal(f!.suggestions, undefined);
  const [g] = lint(note(goals.slice(0, 5), 'For [G7].')).findings;
  assert.equal(g!.suggestions!.length, 5);
  const config = mergeConfig(RECOMMENDED, { rules: { [ID]: { maxSuggestions: 0 } } });
  const [h] = lint(note(goals.slice(0, 2), 'For [G7].'), config).findings;
  assert.equal(h!.suggestions, undefined);
});

test('a duplicated goal is offered once', () => {
  const [f] = lint(note(['- [G1] Walk.', '- [G1] Walk again.'], 'For [G2].')).findings;
  assert.deepEqual(f!.suggestions!.map((s) => s.edits[0]!.newText), ['[G1]']);
});

test('no Goals section, or one that defines nothing, says so', () => {
  const none = ['## Medication meaning', '### Sertraline', '- Rationale: For the walks [G1].', ''].join('\n');
  const [f] = lint(none).findings;
  assert.equal(f!.message, 'G1 is referenced, but this note has no Goals section to define it.');
  assert.equal(f!.related, undefined);
  assert.equal(f!.suggestions, undefined);
  const empty = note(['She has not named goals yet.'], 'For the walks [G1].');
  const [g] = lint(empty).findings;
  assert.equal(g!.message, 'G1 is referenced, but the Goals section defines no goals yet.');
  assert.equal(g!.related!.length, 1);
});

test('escaped tokens, code spans and defined goals anywhere are not findings', () => {
  const text = [
    '## Story',
    'She wrote \\[G9\\] in her diary and `[G8]` in the margin; see [G1].',
    '',
    note(['- [G1] Walk the dog at dawn.', '- [G2] Sing.'], 'Walks [G1] [G2].'),
  ].join('\n');
  assert.deepEqual(lint(text).findings, []);
});

test('CRLF and non-ASCII text before the reference: UTF-16 columns', () => {
  const text = note(['- [G1] Walk the dog at dawn.'], 'Zoé 🌞 [G4].', '\r\n');
  const [f] = lint(text).findings;
  assert.equal(pos(text, f!.range.start), '6:21'); // the emoji counts two
  assert.equal(pos(text, f!.range.end), '6:25');
});
