import { test } from 'vitest';
import assert from 'node:assert/strict';
import { applyFixes, fixAll, lintText, parseWithConfig, type Finding } from '../../server/src/engine/index.ts';
import { summarizeNote, type VisitHistory } from '../../server/src/engine/visits/summary.ts';

const ID = 'goal-id';
const lint = (text: string, history?: VisitHistory) => lintText(text, { only: [ID], ...(history ? { history } : {}) });
const fixOne = (text: string, f: Finding) => applyFixes(text, [f.fix!]).text;
const pos = (text: string, offset: number) => {
  const p = lintText(text, { only: [] }).note.lines.toLineColumn(offset);
  return `${p.line}:${p.column}`;
};

const note = (goals: string[], rationale = 'Steadier mornings for the walks [G1].', eol = '\n') =>
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

test('a goal without an ID gets [Gn] with the next free number, as a fix', () => {
  const text = note(['- [G1] Walk the dog at dawn.', '- Visit her sister in June.']);
  const { findings } = lint(text);
  assert.equal(findings.length, 1);
  const f = findings[0]!;
  assert.equal(f.message, 'Goal has no ID, so no medication can link to it; start it with [G2].');
  assert.equal(pos(text, f.range.start), '3:3');
  assert.equal(pos(text, f.range.end), '3:28');
  assert.equal(f.fix!.title, 'Add goal ID [G2]');
  assert.equal(fixOne(text, f), text.replace('- Visit her', '- [G2] Visit her'));
});

test('the new number skips IDs that are only referenced, so a dangling reference is not silently bound', () => {
  const text = note(['- [G1] Walk the dog at dawn.', '- Visit her sister in June.'], 'For the walks [G1] and the trip [G4].');
  const [f] = lint(text).findings;
  assert.match(f!.message, /\[G5\]/);
});

test('several goals without IDs are numbered in order, all in one fix-all pass', () => {
  const text = note(['- Walk the dog at dawn.', '- [G1] Keep the allotment.', '- Visit her sister.', '- Sing again.']);
  const fixed = fixAll(text, { only: [ID] });
  assert.equal(fixed.fixedCount, 3);
  assert.deepEqual(fixed.findings, []);
  assert.match(fixed.text, /- \[G2\] Walk the dog at dawn\.\n- \[G1\] Keep the allotment\.\n- \[G3\] Visit her sister\.\n- \[G4\] Sing again\./);
});

test('an ID in a near-miss form is rewritten, keeping its number when free', () => {
  const cases: [string, string][] = [
    ['- G2: Visit her sister.', '- [G2] Visit her sister.'],
    ['- G2. Visit her sister.', '- [G2] Visit her sister.'],
    ['- G2 Visit her sister.', '- [G2] Visit her sister.'],
    ['- (G2) Visit her sister.', '- [G2] Visit her sister.'],
    ['- [g2] Visit her sister.', '- [G2] Visit her sister.'],
    ['- [G 2] Visit her sister.', '- [G2] Visit her sister.'],
    ['- [G02] Visit her sister.', '- [G2] Visit her sister.'],
    ['- Goal 2: Visit her sister.', '- [G2] Visit her sister.'],
    ['- **G2:** Visit her sister.', '- [G2] Visit her sister.'],
    ['- *[G2]* Visit her sister.', '- [G2] Visit her sister.'],
    ['- _G2:_ Visit her sister.', '- [G2] Visit her sister.'],
    // Number taken or out of range: the next free one instead.
    ['- G1: Visit her sister.', '- [G2] Visit her sister.'],
    ['- [G0] Visit her sister.', '- [G2] Visit her sister.'],
    ['- [G1000] Visit her sister.', '- [G2] Visit her sister.'],
  ];
  for (const [item, want] of cases) {
    const text = note(['- [G1] Walk the dog at dawn.', item]);
    const [f] = lint(text).findings;
    assert.ok(f?.fix, item);
    assert.equal(fixOne(text, f), text.replace(item, want), item);
  }
});

test('an ID is inserted after a task box and inside ordered lists', () => {
  const text = note(['- [G1] Walk the dog.', '- [ ] Visit her sister.', '', '1. Sing again.']);
  const fixed = fixAll(text, { only: [ID] }).text;
  assert.match(fixed, /- \[ \] \[G2\] Visit her sister\./);
  assert.match(fixed, /1\. \[G3\] Sing again\./);
});

test('the next free number also skips goals of earlier visits when the history is known', () => {
  const earlier = note(['- [G1] Walk the dog.', '- [G7] Learn to swim.'], 'For the walks [G1] and the pool [G7].');
  const summary = summarizeNote('/notes/a.visit.md', parseWithConfig(earlier));
  const history: VisitHistory = { key: 'patient:x', date: '2026-10-01', previous: [summary] };
  const text = note(['- [G1] Walk the dog at dawn.', '- Visit her sister in June.']);
  const [f] = lint(text, history).findings;
  assert.equal(f!.fix!.edits[0]!.newText, '[G8] ');
});

test('an ID defined twice: reported at the second, related to the first, renumbering only suggested', () => {
  const text = note(['- [G1] Walk the dog at dawn.', '- [G2] Visit her sister.', '- [G2] Sing in the choir.'], 'Walks [G1], sister [G2].');
  const { findings } = lint(text);
  assert.equal(findings.length, 1);
  const f = findings[0]!;
  assert.equal(f.message, 'Goal G2 is defined twice (first on line 3); references to G2 cannot tell the two apart.');
  assert.equal(pos(text, f.range.start), '4:3');
  assert.equal(pos(text, f.range.end), '4:7');
  assert.equal(f.fix, undefined);
  assert.equal(f.related!.length, 1);
  assert.equal(f.related![0]!.message, 'G2 first defined here');
  assert.equal(pos(text, f.related![0]!.range.start), '3:3');
  assert.equal(f.suggestions!.length, 1);
  assert.equal(f.suggestions![0]!.title, 'Renumber this goal to G3');
  assert.equal(applyFixes(text, f.suggestions!).text, text.replace('- [G2] Sing', '- [G3] Sing'));
});

test('an empty bullet is reported without a fix; the suggestion removes its line', () => {
  const text = note(['- [G1] Walk the dog at dawn.', '-', '- [G2] Sing.'], 'Walks [G1], choir [G2].');
  const [f] = lint(text).findings;
  assert.match(f!.message, /^Empty item in Goals/);
  assert.equal(f!.fix, undefined);
  assert.equal(applyFixes(text, f!.suggestions!).text, text.replace('-\n', ''));
});

test('CRLF: positions and the fix keep the line breaks', () => {
  const text = note(['- [G1] Walk the dog at dawn.', '- Visit her sister in June.'], undefined, '\r\n');
  const [f] = lint(text).findings;
  assert.equal(pos(text, f!.range.start), '3:3');
  assert.equal(pos(text, f!.range.end), '3:28');
  assert.equal(fixOne(text, f!), text.replace('- Visit her', '- [G2] Visit her'));
  assert.ok(!/[^\r]\n/.test(fixOne(text, f!)));
});

test('non-ASCII: columns count UTF-16 code units', () => {
  const text = note(['- [G1] Walk the dog at dawn.', '- Zoé 🌞 à Lyon.']);
  const [f] = lint(text).findings;
  assert.equal(pos(text, f!.range.start), '3:3');
  // "Zoé 🌞 à Lyon." is 14 UTF-16 code units (the emoji counts two).
  assert.equal(pos(text, f!.range.end), '3:17');
});

test('nested items, prose and IDs in bold are not findings', () => {
  const text = note([
    'In her words:',
    '',
    '- **[G1]** Walk the dog at dawn.',
    '  - even in the rain',
    '- [x] [G2] Sing again.',
  ], 'Walks [G1] and singing [G2].');
  assert.deepEqual(lint(text).findings, []);
});
