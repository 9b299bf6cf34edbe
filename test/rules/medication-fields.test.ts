import { test } from 'vitest';
import assert from 'node:assert/strict';
import { fixAll, mergeConfig, RECOMMENDED } from '../../server/src/engine/index.ts';
import { RuleTester, type InvalidCase } from '../helpers/rule-tester.ts';

const ID = 'medication-fields';

const entry = (fields: string[], eol = '\n', heading = '### Sertraline 50 mg daily') =>
  ['## Goals', '- [G1] Walk the dog.', '', '## Medication meaning', heading, ...fields, ''].join(eol);

const OK = ['- Change: continue', '- Rationale: For the walks [G1].', '- Meaning: "A small help."'];
const missing = (drug: string, field: string) => `${drug} has no ${field} field (the "follow-up" template requires it).`;
const CHANGE_VALUES = 'use one of start, increase, decrease, continue, stop, taper, switch, hold, restart.';
const VALUES = ['start', 'increase', 'decrease', 'continue', 'stop', 'taper', 'switch', 'hold', 'restart'];

/** Change values: typos, inflections and synonyms are fixed, keeping the capital. */
const CHANGE_FIXES: [string, string][] = [
  ['contine', 'continue'],
  ['Contine', 'Continue'],
  ['increased from 50 to 100 mg', 'increase from 50 to 100 mg'],
  ['Stopped', 'Stop'],
  ['tapering', 'taper'],
  ['discontinued', 'stop'],
  ['d/c', 'stop'],
  ['cont.', 'continue'],
  ['cont', 'continue'],
  ['uptitrate', 'increase'],
  ['Up-titrate to 150 mg', 'Increase to 150 mg'],
  ['titrate up', 'increase'],
  ['inc. to 40 mg', 'increase to 40 mg'],
  ['↑ to 40 mg', 'increase to 40 mg'],
  ['↓ 25 mg', 'decrease 25 mg'],
  ['dec', 'decrease'],
  ['cross-taper to fluoxetine', 'switch to fluoxetine'],
  ['Cross taper', 'Switch'],
  ['dc', 'stop'],
  ["d/c'd", 'stop'],
  ['resume', 'restart'],
  ['Restarted at 25 mg', 'Restart at 25 mg'],
  ['on hold', 'hold'],
  ['paused for surgery', 'hold for surgery'],
  ['no change', 'continue'],
  ['No change this time', 'Continue this time'],
  ['swap to bupropion', 'switch to bupropion'],
  ['wean', 'taper'],
  ['*contine*', '*continue*'],
];
const changeFix = ([written, want]: [string, string]): InvalidCase => {
  const text = entry(['- Change: ' + written, ...OK.slice(1)]);
  const fixed = text.replace('- Change: ' + written, '- Change: ' + want);
  return {
    name: `Change "${written}" is fixed to "${want}"`,
    text,
    findings: [{ line: 6, column: written.startsWith('*') ? 12 : 11, message: /^Change ".+" is not a Change value; did you mean "[a-z]+"\?$/, fix: fixed }],
    output: fixed,
  };
};

const MISSING_MEANING = entry(['- Change: continue', '- Rationale: For the walks [G1].']);
const RATIONLE = entry(['- Change: continue', '- Rationle: For the walks [G1].', '- Meaning: "A small help."']);
const INDICATION = entry(['- Change: start', '- Indication: MDD.', '- Meaning: "A small help."']);
const MEANIG = entry([...OK, '- Meanig: and more.']);
const PROSE_ITEMS = entry([...OK, '- She said: "never again".', '- Pain: worse in the cold.', '- Side effects: none so far.', '- plain prose']);
const SIDE_EFFECTS = mergeConfig(RECOMMENDED, {
  templates: { 'follow-up': { extends: 'follow-up', medicationFields: ['Rationale', 'Meaning', 'Side effects'] } },
});
const SIDE_EFFECT = entry([...OK, '- Side effect: none.']);
const MELATONIN = entry(['Discussed briefly.', ''], '\n', '### Melatonin 2 mg');
const BARE = entry([], '\n', '### Melatonin 2 mg');
const CRLF = entry(['* Change: continue', '* Rationale: For the walks [G1].'], '\r\n');
const MAYBE = entry(['- Change: maybe', ...OK.slice(1)]);
const STAT = entry(['- Change: stat', ...OK.slice(1)]);
const NO_CHANGE = entry(['- Change:', ...OK.slice(1)]);
const REPEATED = entry([...OK, '- Response: Walking again [G1].', '- Response: Sleeping better.', '- Plan: Review [G1].', '- Plan: Ask about the choir.']);
const known = (name: string) =>
  `"${name}" is not a known medication field (known: Rationale, Meaning, Change, Plan, Response, Ambivalence, Concerns, Hopes and fears, Family history, Decision).`;

new RuleTester().run(ID, {
  valid: [
    { name: 'a complete entry has no findings', text: entry(OK) },
    { name: 'with a Rationale present, Reason is prose', text: entry([...OK, '- Reason: she asked for it.']) },
    { name: 'prose list items and ordinary words are not unknown fields', text: PROSE_ITEMS },
    { name: 'unknownFields "all" with knownFields naming them', text: PROSE_ITEMS, options: { unknownFields: 'all', knownFields: ['Side effects', 'She said', 'Pain'] } },
    { name: 'a template’s own field is known, in any case', text: entry([...OK, '- side effects: none.']), config: SIDE_EFFECTS },
    { name: 'Plan, Response, Ambivalence and Concerns may repeat', text: REPEATED },
    ...['start', 'Increase (from 37.5 mg)', 'DECREASE', 'continue.', 'stop, after the holiday', 'taper over 4 weeks', 'switch to bupropion', '**continue**', 'increase/continue', 'hold until the surgery', 'Restart at 25 mg', 'hold'].map(
      (v) => ({ name: `valid Change value: ${v}`, text: entry(['- Change: ' + v, ...OK.slice(1)]) }),
    ),
  ],
  invalid: [
    {
      name: 'a missing required field: at the heading, inserting it is only a suggestion',
      text: MISSING_MEANING,
      findings: [
        {
          message: missing('Sertraline', 'Meaning'),
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 27,
          suggestions: [{ title: 'Add "- Meaning: "', output: MISSING_MEANING.replace('walks [G1].', 'walks [G1].\n- Meaning: ') }],
        },
      ],
      output: null,
    },
    {
      name: 'inserting into an entry with no fields keeps following prose out of the new item',
      text: MELATONIN,
      findings: [
        { message: missing('Melatonin', 'Rationale'), line: 5, column: 5, suggestions: [{ output: MELATONIN.replace('### Melatonin 2 mg\n', '### Melatonin 2 mg\n- Rationale: \n\n') }] },
        { message: missing('Melatonin', 'Meaning'), line: 5, column: 5, suggestions: [{}] },
      ],
      output: null,
    },
    {
      name: 'inserting into an entry with nothing after the heading',
      text: BARE,
      findings: [
        { message: missing('Melatonin', 'Rationale'), line: 5, column: 5 },
        { message: missing('Melatonin', 'Meaning'), line: 5, column: 5, suggestions: [{ output: BARE.replace('### Melatonin 2 mg', '### Melatonin 2 mg\n- Meaning: ') }] },
      ],
      output: null,
    },
    {
      name: 'inserting copies the indentation and bullet of the last field, and the note’s line breaks',
      text: CRLF,
      findings: [{ message: missing('Sertraline', 'Meaning'), line: 5, column: 5, suggestions: [{ output: CRLF.replace('walks [G1].', 'walks [G1].\r\n* Meaning: ') }] }],
      output: null,
    },
    {
      name: 'a field name close to one known name is renamed by a fix; the missing field is not reported too',
      text: RATIONLE,
      findings: [
        { message: 'Unknown medication field "Rationle"; did you mean "Rationale"?', line: 7, column: 3, endLine: 7, endColumn: 11, fix: RATIONLE.replace('Rationle', 'Rationale') },
      ],
      output: RATIONLE.replace('Rationle', 'Rationale'),
    },
    {
      name: 'Reason, Indication or Purpose stands for a missing Rationale',
      text: INDICATION,
      findings: [
        {
          message: '"Indication" is not a medication field; this entry has no Rationale, which is what it is called.',
          line: 7,
          column: 3,
          fix: INDICATION.replace('Indication:', 'Rationale:'),
        },
      ],
      output: INDICATION.replace('Indication:', 'Rationale:'),
    },
    {
      name: 'renaming onto a field already present is only a suggestion',
      text: MEANIG,
      findings: [{ message: 'Unknown medication field "Meanig"; did you mean "Meaning"?', line: 9, column: 3, suggestions: [{ output: MEANIG.replace('Meanig', 'Meaning') }] }],
      output: null,
    },
    {
      name: 'with unknownFields "all", prose list items are unknown fields',
      text: PROSE_ITEMS,
      options: { unknownFields: 'all' },
      findings: [
        { message: known('She said'), line: 9, column: 3 },
        { message: known('Pain'), line: 10, column: 3 },
        { message: known('Side effects'), line: 11, column: 3 },
      ],
      output: null,
    },
    {
      name: 'a template’s own required fields are required',
      text: entry(OK),
      config: SIDE_EFFECTS,
      findings: [{ message: missing('Sertraline', 'Side effects'), line: 5, column: 5 }],
      output: null,
    },
    {
      name: 'a template’s own fields are known: a near miss is renamed',
      text: SIDE_EFFECT,
      config: SIDE_EFFECTS,
      findings: [{ line: 9, column: 3, fix: SIDE_EFFECT.replace('Side effect:', 'Side effects:') }],
      output: SIDE_EFFECT.replace('Side effect:', 'Side effects:'),
    },
    {
      name: 'a required field with no text is reported at its name',
      text: entry(['- Change: continue', '- Rationale: For the walks [G1].', '- Meaning:']),
      findings: [{ message: 'Meaning for Sertraline is empty.', line: 8, column: 3, endLine: 8, endColumn: 10 }],
      output: null,
    },
    ...CHANGE_FIXES.map(changeFix),
    {
      name: 'an unknown Change value offers the values',
      text: MAYBE,
      findings: [
        {
          message: `Change "maybe" is not a Change value; ${CHANGE_VALUES}`,
          line: 6,
          column: 11,
          suggestions: VALUES.map((v) => ({ title: `Change to "${v}"`, ...(v === 'stop' ? { output: MAYBE.replace('Change: maybe', 'Change: stop') } : {}) })),
        },
      ],
      output: null,
    },
    {
      name: 'two close Change values: both offered, no fix',
      text: STAT,
      findings: [
        {
          line: 6,
          column: 11,
          suggestions: [{ output: STAT.replace('Change: stat', 'Change: start') }, { output: STAT.replace('Change: stat', 'Change: stop') }],
        },
      ],
      output: null,
    },
    {
      name: 'an empty Change says so',
      text: NO_CHANGE,
      findings: [
        {
          message: /^Change has no value/,
          line: 6,
          column: 3,
          suggestions: VALUES.map((v, i) => (i === 0 ? { output: NO_CHANGE.replace('- Change:', '- Change: start') } : {})),
        },
      ],
      output: null,
    },
    {
      name: 'a field given twice: at the second, related to the first',
      text: entry([...OK, '- rationale: also for the walks [G1].']),
      findings: [
        {
          message: 'Rationale is given twice for Sertraline (first on line 7); keep one so readers know which counts.',
          line: 9,
          column: 3,
          related: [{ message: 'Rationale first given here', line: 7, column: 3 }],
        },
      ],
      output: null,
    },
    {
      name: 'repeatable fields configured away: Plan and Response may not repeat',
      text: REPEATED,
      options: { repeatableFields: [] },
      findings: [
        { message: /^Response is given twice for Sertraline \(/, line: 10, column: 3 },
        { message: /^Plan is given twice for Sertraline \(/, line: 12, column: 3 },
      ],
      output: null,
    },
    {
      name: 'non-ASCII heading and CRLF: UTF-16 columns',
      text: entry(['- Change: continue', '- Rationale: For the walks [G1].'], '\r\n', '### Mélatonine 🌙 2 mg'),
      findings: [{ message: missing('Mélatonine', 'Meaning'), line: 5, column: 5, endLine: 5, endColumn: 23 }],
      output: null,
    },
  ],
});

test('renaming a field and fixing all leaves no finding', () => {
  assert.deepEqual(fixAll(RATIONLE, { only: [ID] }).findings, []);
});

