import { test } from 'vitest';
import assert from 'node:assert/strict';
import { fixAll, parseWithConfig } from '../../server/src/engine/index.ts';
import { summarizeNote, type VisitHistory } from '../../server/src/engine/visits/summary.ts';
import { RuleTester, type InvalidCase } from '../helpers/rule-tester.ts';

const ID = 'goal-id';

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

test('several goals without IDs are numbered in order, all in one fix-all run', () => {
  const text = note(['- Walk the dog at dawn.', '- [G1] Keep the allotment.', '- Visit her sister.', '- Sing again.']);
  const fixed = fixAll(text, { only: [ID] });
  assert.equal(fixed.fixedCount, 3);
  assert.deepEqual(fixed.findings, []);
  assert.match(fixed.text, /- \[G2\] Walk the dog at dawn\.\n- \[G1\] Keep the allotment\.\n- \[G3\] Visit her sister\.\n- \[G4\] Sing again\./);
});

const noId = (n: number) => `Goal has no ID, so no medication can link to it; start it with [G${n}].`;
const SISTER = note(['- [G1] Walk the dog at dawn.', '- Visit her sister in June.']);
const SISTER_FIXED = SISTER.replace('- Visit her', '- [G2] Visit her');
const SISTER_CRLF = note(['- [G1] Walk the dog at dawn.', '- Visit her sister in June.'], undefined, '\r\n');
const TWICE = note(['- [G1] Walk the dog at dawn.', '- [G2] Visit her sister.', '- [G2] Sing in the choir.'], 'Walks [G1], sister [G2].');
const EMPTY_BULLET = note(['- [G1] Walk the dog at dawn.', '-', '- [G2] Sing.'], 'Walks [G1], choir [G2].');
const TASKS = note(['- [G1] Walk the dog.', '- [ ] Visit her sister.', '', '1. Sing again.']);
const SEVERAL = note(['- Walk the dog at dawn.', '- [G1] Keep the allotment.', '- Visit her sister.', '- Sing again.']);

/** An ID in a near-miss form is rewritten, keeping its number when free (else the next free one). */
const nearMiss = (item: string, endColumn: number, want = '- [G2] Visit her sister.'): InvalidCase => {
  const text = note(['- [G1] Walk the dog at dawn.', item]);
  const fixed = text.replace(item, want);
  return {
    name: `near miss: ${item}`,
    text,
    findings: [{ line: 3, column: 3, endLine: 3, endColumn, message: /is not a goal ID of the form \[G<n>\] \(n from 1 to 999\), so nothing can link to it; write it as \[G2\]\.$/, fix: fixed }],
    output: fixed,
  };
};

const earlier = note(['- [G1] Walk the dog.', '- [G7] Learn to swim.'], 'For the walks [G1] and the pool [G7].');
const history: VisitHistory = { key: 'patient:x', date: '2026-10-01', previous: [summarizeNote('/notes/a.visit.md', parseWithConfig(earlier))] };

new RuleTester().run(ID, {
  valid: [
    {
      name: 'nested items, prose and IDs in bold are not findings',
      text: note(['In her words:', '', '- **[G1]** Walk the dog at dawn.', '  - even in the rain', '- [x] [G2] Sing again.'], 'Walks [G1] and singing [G2].'),
    },
    { name: 'the note numbered by fix-all is clean', text: SISTER_FIXED },
  ],
  invalid: [
    {
      name: 'a goal without an ID gets [Gn] with the next free number, as a fix',
      text: SISTER,
      findings: [{ message: noId(2), line: 3, column: 3, endLine: 3, endColumn: 28, fix: { title: 'Add goal ID [G2]', output: SISTER_FIXED } }],
      output: SISTER_FIXED,
    },
    {
      name: 'the new number skips IDs that are only referenced, so a dangling reference is not silently bound',
      text: note(['- [G1] Walk the dog at dawn.', '- Visit her sister in June.'], 'For the walks [G1] and the trip [G4].'),
      findings: [{ message: noId(5), line: 3, column: 3 }],
      output: note(['- [G1] Walk the dog at dawn.', '- [G5] Visit her sister in June.'], 'For the walks [G1] and the trip [G4].'),
    },
    {
      name: 'several goals without IDs are numbered in order',
      text: SEVERAL,
      findings: [
        { message: noId(2), line: 2, column: 3 },
        { message: noId(3), line: 4, column: 3 },
        { message: noId(4), line: 5, column: 3 },
      ],
      output: note(['- [G2] Walk the dog at dawn.', '- [G1] Keep the allotment.', '- [G3] Visit her sister.', '- [G4] Sing again.']),
    },
    nearMiss('- G2: Visit her sister.', 6),
    nearMiss('- G2. Visit her sister.', 6),
    nearMiss('- G2 Visit her sister.', 5),
    nearMiss('- (G2) Visit her sister.', 7),
    nearMiss('- [g2] Visit her sister.', 7),
    nearMiss('- [G 2] Visit her sister.', 8),
    nearMiss('- [G02] Visit her sister.', 8),
    nearMiss('- Goal 2: Visit her sister.', 10),
    nearMiss('- **G2:** Visit her sister.', 10),
    nearMiss('- *[G2]* Visit her sister.', 9),
    nearMiss('- _G2:_ Visit her sister.', 8),
    // Number taken or out of range: the next free one instead.
    nearMiss('- G1: Visit her sister.', 6),
    nearMiss('- [G0] Visit her sister.', 7),
    nearMiss('- [G1000] Visit her sister.', 10),
    {
      name: 'an ID is inserted after a task box and inside ordered lists',
      text: TASKS,
      findings: [
        { message: noId(2), line: 3, column: 7 },
        { message: noId(3), line: 5, column: 4 },
      ],
      output: TASKS.replace('- [ ] Visit', '- [ ] [G2] Visit').replace('1. Sing', '1. [G3] Sing'),
    },
    {
      name: 'the next free number also skips goals of earlier visits when the history is known',
      text: SISTER,
      history,
      findings: [{ message: noId(8), line: 3, column: 3, fix: SISTER.replace('- Visit her', '- [G8] Visit her') }],
      output: SISTER.replace('- Visit her', '- [G8] Visit her'),
    },
    {
      name: 'an ID defined twice: reported at the second, related to the first, renumbering only suggested',
      text: TWICE,
      findings: [
        {
          message: 'Goal G2 is defined twice (first on line 3); references to G2 cannot tell the two apart.',
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 7,
          related: [{ message: 'G2 first defined here', line: 3, column: 3 }],
          suggestions: [{ title: 'Renumber this goal to G3', output: TWICE.replace('- [G2] Sing', '- [G3] Sing') }],
        },
      ],
      output: null,
    },
    {
      name: 'an empty bullet is reported without a fix; the suggestion removes its line',
      text: EMPTY_BULLET,
      findings: [{ message: /^Empty item in Goals/, line: 3, column: 1, suggestions: [{ output: EMPTY_BULLET.replace('-\n', '') }] }],
      output: null,
    },
    {
      name: 'CRLF: positions and the fix keep the line breaks',
      text: SISTER_CRLF,
      findings: [{ line: 3, column: 3, endLine: 3, endColumn: 28, fix: SISTER_CRLF.replace('- Visit her', '- [G2] Visit her') }],
      output: SISTER_CRLF.replace('- Visit her', '- [G2] Visit her'),
    },
    {
      name: 'non-ASCII: columns count UTF-16 code units ("Zoé 🌞 à Lyon." is 14, the emoji counts two)',
      text: note(['- [G1] Walk the dog at dawn.', '- Zoé 🌞 à Lyon.']),
      findings: [{ line: 3, column: 3, endLine: 3, endColumn: 17 }],
      output: note(['- [G1] Walk the dog at dawn.', '- [G2] Zoé 🌞 à Lyon.']),
    },
  ],
});

test('CRLF: the fixed note has no bare line feed', () => {
  const fixed = fixAll(SISTER_CRLF, { only: [ID] }).text;
  assert.ok(!/[^\r]\n/.test(fixed));
});
