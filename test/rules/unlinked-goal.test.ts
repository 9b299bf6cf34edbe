import { RuleTester } from '../helpers/rule-tester.ts';

const GOALS = ['## Goals', '- [G1] Walk the dog at dawn.', '- [G2] Sing in the choir again.', ''];
const note = (...lines: string[]) => [...lines, ''].join('\n');

const oneEntry = note(...GOALS, '## Medication meaning', '### Sertraline 50 mg daily', '- Rationale: Steadier mornings for the walks.', '- Meaning: Feels it keeps her from singing.');
const threeEntries = note(
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
);
const crlf = ['## Goals', '- [G1] Chanter à Noël 🎄 avec Zoé.', '', '## Medication meaning', '### Sertraline', '- Rationale: For mornings.', ''].join('\r\n');
const bothUnlinked = (g: string) =>
  `No medication links ${g}, and Trazodone and Propranolol link no goal — if one of them serves ${g}, add [${g}] to its Rationale.`;

new RuleTester().run('unlinked-goal', {
  valid: [
    {
      name: 'quiet when every medication entry links some goal, however many goals no medication serves',
      text: note(...GOALS, '## Medication meaning', '### Sertraline 50 mg daily', '- Rationale: Steadier mornings for the walks [G1].', '- Meaning: Feels it keeps her from singing.'),
    },
    {
      name: 'a Plan section counts as a link; a near-miss field name too',
      text: note(
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
      ),
    },
    { name: 'no medication entries: nothing to link', text: note(...GOALS, '## Medication meaning', 'Nothing prescribed today.') },
    { name: 'no Medication meaning section', text: GOALS.join('\n') },
  ],
  invalid: [
    {
      name: 'a goal no medication links while an entry links no goal: named, with suggestions from that entry',
      text: oneEntry,
      findings: [
        { message: 'No medication links G1, and Sertraline links no goal — if it serves G1, add [G1] to its Rationale.', line: 2, column: 3 },
        {
          message: 'No medication links G2, and Sertraline links no goal — if it serves G2, add [G2] to its Rationale.',
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 32,
          unnecessary: true,
          related: [{ message: 'Sertraline links no goal', line: 6, column: 5 }],
          suggestions: [{ title: 'Link G2 from the Rationale for Sertraline', output: oneEntry.replace('the walks.', 'the walks [G2].') }],
        },
      ],
      output: null,
    },
    {
      name: 'several unlinked entries are named together; a goal linked anywhere in an entry is linked',
      text: threeEntries,
      findings: [
        {
          message: bothUnlinked('G1'),
          line: 2,
          column: 3,
          suggestions: [{ title: 'Link G1 from the Rationale for Trazodone' }, { title: 'Link G1 from the Rationale for Propranolol' }],
        },
        { message: bothUnlinked('G3'), line: 4, column: 3 },
      ],
      output: null,
    },
    {
      name: 'goals marked met or dropped need no link; a duplicated ID is reported once',
      text: note(
        '## Goals',
        '- [G1] Walk the dog at dawn (met).',
        '- [G2] (dropped: moved away) Sing in the old choir.',
        '- [G3] Swim on Saturdays.',
        '- [G3] Swim on Sundays.',
        '',
        '## Medication meaning',
        '### Sertraline 50 mg daily',
        '- Rationale: For the mornings.',
      ),
      findings: [{ line: 4, column: 3 }],
      output: null,
    },
    {
      name: 'CRLF and non-ASCII goal text: the range ends at the goal line, in UTF-16 columns',
      text: crlf,
      findings: [{ line: 2, column: 3, endLine: 2, endColumn: 35, suggestions: [{ output: crlf.replace('For mornings.', 'For mornings [G1].') }] }],
      output: null,
    },
  ],
});
