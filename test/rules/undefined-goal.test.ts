import { RuleTester } from '../helpers/rule-tester.ts';

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

const SIX_GOALS = [1, 2, 3, 4, 5, 6].map((n) => `- [G${n}] Goal number ${n}.`);
const UNDEFINED_G7 = 'G7 is referenced, but the Goals section does not define it.';
const GOALS_HEADING = { message: 'Goals are defined here', line: 1, column: 4, endLine: 1, endColumn: 9 };
const twoGoals = note(['- [G1] Walk the dog at dawn.', '- [G2] Sing in the choir.'], 'Walks [G1] [G3].');

new RuleTester().run('undefined-goal', {
  valid: [
    {
      name: 'escaped tokens, code spans and defined goals anywhere are not findings',
      text: [
        '## Story',
        'She wrote \\[G9\\] in her diary and `[G8]` in the margin; see [G1].',
        '',
        note(['- [G1] Walk the dog at dawn.', '- [G2] Sing.'], 'Walks [G1] [G2].'),
      ].join('\n'),
    },
  ],
  invalid: [
    {
      name: 'a reference to an undefined goal: at the reference, related to the Goals heading',
      text: twoGoals,
      findings: [
        {
          message: 'G3 is referenced, but the Goals section does not define it.',
          line: 7,
          column: 25,
          endLine: 7,
          endColumn: 29,
          related: [GOALS_HEADING],
          suggestions: [
            { title: 'Change to [G1] (Walk the dog at dawn.)', output: twoGoals.replace('[G1] [G3]', '[G1] [G1]') },
            { title: 'Change to [G2] (Sing in the choir.)', output: twoGoals.replace('[G1] [G3]', '[G1] [G2]') },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'no suggestions when the note defines more goals than maxSuggestions (default 5)',
      text: note(SIX_GOALS, 'For [G7].'),
      findings: [{ message: UNDEFINED_G7, line: 11, column: 18, endLine: 11, endColumn: 22, suggestions: null }],
      output: null,
    },
    {
      name: 'five goals: five suggestions',
      text: note(SIX_GOALS.slice(0, 5), 'For [G7].'),
      findings: [
        {
          message: UNDEFINED_G7,
          line: 10,
          column: 18,
          suggestions: [1, 2, 3, 4, 5].map((n) => ({ title: `Change to [G${n}] (Goal number ${n}.)` })),
        },
      ],
      output: null,
    },
    {
      name: 'maxSuggestions: 0 offers none',
      text: note(SIX_GOALS.slice(0, 2), 'For [G7].'),
      options: { maxSuggestions: 0 },
      findings: [{ message: UNDEFINED_G7, line: 7, column: 18, suggestions: null }],
      output: null,
    },
    {
      name: 'a duplicated goal is offered once',
      text: note(['- [G1] Walk.', '- [G1] Walk again.'], 'For [G2].'),
      findings: [
        {
          line: 7,
          column: 18,
          suggestions: [{ title: 'Change to [G1] (Walk.)', output: note(['- [G1] Walk.', '- [G1] Walk again.'], 'For [G1].') }],
        },
      ],
      output: null,
    },
    {
      name: 'no Goals section says so',
      text: ['## Medication meaning', '### Sertraline', '- Rationale: For the walks [G1].', ''].join('\n'),
      findings: [
        { message: 'G1 is referenced, but this note has no Goals section to define it.', line: 3, column: 28, related: null, suggestions: null },
      ],
      output: null,
    },
    {
      name: 'a Goals section that defines nothing says so',
      text: note(['She has not named goals yet.'], 'For the walks [G1].'),
      findings: [{ message: 'G1 is referenced, but the Goals section defines no goals yet.', line: 6, column: 28, related: [GOALS_HEADING] }],
      output: null,
    },
    {
      name: 'CRLF and non-ASCII text before the reference: UTF-16 columns (the emoji counts two)',
      text: note(['- [G1] Walk the dog at dawn.'], 'Zoé 🌞 [G4].', '\r\n'),
      findings: [{ line: 6, column: 21, endLine: 6, endColumn: 25 }],
      output: null,
    },
  ],
});
