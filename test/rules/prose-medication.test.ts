import { test } from 'vitest';
import assert from 'node:assert/strict';
import { applyFixes, buildVocabulary, fixAll, lintText, mergeConfig, RECOMMENDED } from '../../server/src/engine/index.ts';
import { readClause } from '../../server/src/engine/medications/clause.ts';
import { clauseSpans } from '../../server/src/engine/medications/prose.ts';
import { RuleTester, type ExpectedFinding } from '../helpers/rule-tester.ts';

const ID = 'prose-medication';
const lint = (text: string, config = RECOMMENDED) => lintText(text, { only: [ID], config }).findings;
const note = (meds: string, eol = '\n') =>
  [
    '---',
    'patient: A.R.',
    'date: 2026-10-05',
    '---',
    '',
    '## Goals',
    '- [G1] Get back to the allotment mornings in March.',
    '',
    '## Medication meaning',
    meds,
    '',
    '## Countertransference',
    'I noticed I wanted to hurry.',
    '',
  ].join(eol);
const SECTION = '## Medication meaning';
const section = (text: string) => text.slice(text.indexOf(SECTION), text.indexOf('## Countertransference'));
/** The note with its Medication meaning section (up to Countertransference) replaced. */
const withSection = (text: string, replacement: string) => text.replace(section(text), replacement);
const lexicon = buildVocabulary().medications;
const read = (clause: string) => readClause(clause, lexicon).map((m) => [m.mention.name, m.change ?? null, m.dose ?? null, m.reason ?? null, m.quiet ?? null]);

const noEntry = (name: string) => `${name} is discussed here but has no entry, so its rationale, meaning and goal link cannot be checked.`;
/** A finding of the rule: a warning at the name, one suggestion (never a fix). */
const discussed = (name: string, line: number, column: number, suggestion: { title?: string | RegExp; output?: string } = {}): ExpectedFinding => ({
  message: noEntry(name),
  severity: 'warning',
  line,
  column,
  endLine: line,
  endColumn: column + name.length,
  suggestions: [suggestion],
});

const PARAGRAPH = note('Discussed raising fluoxetine to 40 mg for ongoing low mood, she agreed; cont clonazepam 0.5 mg prn.');
const BULLETS = note('- Sertraline 100 mg\n  - cont\n  - for the mornings at the allotment\n- Lamotrigine: restarted at 25 mg');
const TABLE = note('| Medication | Dose | Change | Reason | Meaning |\n|---|---|---|---|---|\n| Venlafaxine | 150 mg daily | continue | steady mornings [G1] | "my alarm clock" |\n| Zopiclone | 7.5 mg | stop | insomnia | |');
const SEVERAL = note('Reviewed meds with her. Stop sertraline and start fluoxetine 20 mg daily.\n\n### Lithium 400 mg\n- Rationale: Steady [G1].\n- Meaning: "My anchor."');
const MARKUP = note('We talked it over and *agreed to raise sertraline to 100 mg*; she was relieved.');
const CRLF = note('Increase sertraline to 150 mg for low mood.', '\r\n');

new RuleTester().run(ID, {
  valid: [
    // Not prescriptions of this visit: quiet.
    ...[
      "Her father's lithium \"made him a ghost\".",
      'Her mother took sertraline for years.',
      'She tried citalopram years ago and felt flat.',
      'Allergic to lamotrigine (rash).',
      'Considering adding aripiprazole if the low patches return.',
      'She declined quetiapine.',
      'Her GP manages her levothyroxine.',
      'She was using street methadone last year.',
    ].map((prose) => ({ name: `not a prescription of this visit: ${prose}`, text: note(prose) })),
    {
      name: 'a medication with an entry (brand or generic) is not reported; nor is prose inside entries',
      text: note('We agreed to stay the course with sertraline.\n\n### Zoloft 100 mg\n- Rationale: Mornings [G1].\n- Meaning: Fine.\n- Plan: maybe switch from sertraline to fluoxetine later.'),
    },
    {
      name: 'never in Story or Relationships',
      text: note('Nothing changed today.').replace('## Goals', '## Story\nStarted sertraline in May; her father took lithium.\n\n## Relationships\n- Dad: on lithium.\n\n## Goals'),
    },
    { name: 'a co-prescribed medication without a change or a dose', text: note('Her GP manages her metformin.') },
  ],
  invalid: [
    {
      name: 'the issue’s paragraph: each medication once, at its first mention, with the fixed wording',
      text: note('Discussed raising fluoxetine to 40 mg for ongoing low mood, she agreed; cont clonazepam 0.5 mg prn. Fluoxetine worries her.'),
      findings: [discussed('Fluoxetine', 10, 19), discussed('Clonazepam', 10, 78)],
      output: null,
    },
    {
      name: 'the suggestion turns the clause into an entry: name and dose, Change from the verb, reason as Rationale, Meaning left empty',
      text: PARAGRAPH,
      findings: [
        discussed('Fluoxetine', 10, 19, {
          title: 'Turn into an entry: ### Fluoxetine 40 mg (Change: increase)',
          output: withSection(
            PARAGRAPH,
            [
              SECTION,
              'Cont clonazepam 0.5 mg prn.',
              '',
              '### Fluoxetine 40 mg',
              'Discussed raising fluoxetine to 40 mg for ongoing low mood, she agreed.',
              '',
              '- Change: increase',
              '- Rationale: Ongoing low mood.',
              '- Meaning:',
              '',
              '',
            ].join('\n'),
          ),
        }),
        // Nothing else is said in "cont clonazepam 0.5 mg prn": no words are kept under the heading.
        discussed('Clonazepam', 10, 78, {
          output: withSection(
            PARAGRAPH,
            [SECTION, 'Discussed raising fluoxetine to 40 mg for ongoing low mood, she agreed.', '', '### Clonazepam 0.5 mg prn', '- Change: continue', '- Rationale:', '- Meaning:', '', ''].join('\n'),
          ),
        }),
      ],
      output: null,
    },
    {
      name: 'never applied by --fix, CRLF note',
      text: CRLF,
      findings: [discussed('Sertraline', 10, 10, { title: 'Turn into an entry: ### Sertraline 150 mg (Change: increase)' })],
      output: null,
    },
    {
      name: 'several medications in one clause: one suggestion makes an entry for each',
      text: SEVERAL,
      findings: [
        discussed('Sertraline', 10, 30, { title: 'Turn into entries: ### Sertraline, ### Fluoxetine 20 mg daily' }),
        discussed('Fluoxetine', 10, 51, { title: 'Turn into entries: ### Sertraline, ### Fluoxetine 20 mg daily' }),
      ],
      output: null,
    },
    {
      name: 'bullets and nested bullets',
      text: BULLETS,
      findings: [
        discussed('Sertraline', 10, 3, {
          title: 'Turn into an entry: ### Sertraline 100 mg (Change: continue)',
          output: withSection(
            BULLETS,
            '## Medication meaning\n- Lamotrigine: restarted at 25 mg\n\n### Sertraline 100 mg\n- Change: continue\n- Rationale: The mornings at the allotment.\n- Meaning:\n\n',
          ),
        }),
        discussed('Lamotrigine', 13, 3, { title: 'Turn into an entry: ### Lamotrigine 25 mg (Change: restart)' }),
      ],
      output: null,
    },
    {
      name: 'table rows',
      text: TABLE,
      findings: [
        discussed('Venlafaxine', 12, 3, {
          output: withSection(
            TABLE,
            '## Medication meaning\n| Medication | Dose | Change | Reason | Meaning |\n|---|---|---|---|---|\n| Zopiclone | 7.5 mg | stop | insomnia | |\n\n### Venlafaxine 150 mg daily\n- Change: continue\n- Rationale: Steady mornings [G1].\n- Meaning: "my alarm clock"\n\n',
          ),
        }),
        discussed('Zopiclone', 13, 3),
      ],
      output: null,
    },
    {
      name: 'markup through the clause: the entry is only added',
      text: MARKUP,
      findings: [discussed('Sertraline', 10, 40, { title: /^Add an entry: ### Sertraline 100 mg/ })],
      output: null,
    },
    {
      name: 'a co-prescribed medication counts with a change or a dose',
      text: note('Started metformin 500 mg for weight gain.'),
      findings: [discussed('Metformin', 10, 9)],
      output: null,
    },
    {
      name: 'config adds and removes medication names',
      text: note('Started glimmerex 5 mg; cont sertraline 100 mg.'),
      config: mergeConfig(RECOMMENDED, { vocabulary: { medications: { add: ['Glimmerex'], remove: ['sertraline'] } } }),
      findings: [discussed('Glimmerex', 10, 9)],
      output: null,
    },
  ],
});

test('the entry a suggestion makes is then read by the other rules: the central question is asked', () => {
  const [fluoxetine] = lint(PARAGRAPH);
  const after = lintText(applyFixes(PARAGRAPH, fluoxetine!.suggestions!).text).findings.map((f) => f.message);
  assert.ok(after.includes('Rationale for Fluoxetine: symptoms-only rationale, no goal linked — which goal does it serve?'));
  assert.ok(after.includes('Meaning for Fluoxetine is empty.'));
});

test('never applied by --fix; CRLF kept by the suggestion', () => {
  assert.equal(fixAll(CRLF, { only: [ID] }).text, CRLF);
  const [f] = lint(CRLF);
  const fixed = applyFixes(CRLF, f!.suggestions!).text;
  assert.ok(section(fixed).startsWith('## Medication meaning\r\n### Sertraline 150 mg\r\n- Change: increase\r\n- Rationale: Low mood.\r\n- Meaning:\r\n'));
  assert.ok(!/[^\r]\n/.test(fixed));
});

test('several medications in one clause: the same suggestion on both, so none is hidden in another’s', () => {
  const findings = lint(SEVERAL);
  assert.deepEqual(findings[0]!.suggestions, findings[1]!.suggestions);
  const fixed = applyFixes(SEVERAL, findings[0]!.suggestions!).text;
  assert.match(section(fixed), /^## Medication meaning\nReviewed meds with her\.\n\n### Lithium 400 mg\n[\s\S]*\n\n### Sertraline\n- Change: stop\n[\s\S]*\n\n### Fluoxetine 20 mg daily\n- Change: start\n/);
  assert.deepEqual(lint(fixed), []);
});

test('both table rows converted: the table is gone, nothing of it lost', () => {
  const [, z] = lint(TABLE);
  const once = applyFixes(TABLE, z!.suggestions!).text;
  const twice = applyFixes(once, lint(once)[0]!.suggestions!).text;
  assert.ok(!twice.includes('|'));
  assert.equal(
    section(twice),
    '## Medication meaning\n\n### Zopiclone 7.5 mg\n- Change: stop\n- Rationale: Insomnia.\n- Meaning:\n\n### Venlafaxine 150 mg daily\n- Change: continue\n- Rationale: Steady mornings [G1].\n- Meaning: "my alarm clock"\n\n',
  );
});

test('markup through the clause: the prose is kept and the entry only added', () => {
  const [f] = lint(MARKUP);
  const fixed = applyFixes(MARKUP, f!.suggestions!).text;
  assert.ok(fixed.includes('*agreed to raise sertraline to 100 mg*; she was relieved.'));
  assert.ok(fixed.includes('### Sertraline 100 mg\n'));
});

test('reading a clause: the change from the nearest verb, the dose after the name, the reason', () => {
  assert.deepEqual(read('Discussed raising fluoxetine to 40 mg for ongoing low mood, she agreed'), [['Fluoxetine', 'increase', '40 mg', 'ongoing low mood', null]]);
  assert.deepEqual(read('cont clonazepam 0.5 mg prn'), [['Clonazepam', 'continue', '0.5 mg prn', null, null]]);
  assert.deepEqual(read('Stop sertraline and start fluoxetine 20 mg daily'), [
    ['Sertraline', 'stop', null, null, null],
    ['Fluoxetine', 'start', '20 mg daily', null, null],
  ]);
  assert.deepEqual(read('Sertraline was stopped and fluoxetine started'), [
    ['Sertraline', 'stop', null, null, null],
    ['Fluoxetine', 'start', null, null, null],
  ]);
  assert.deepEqual(read('Cross-taper from sertraline to fluoxetine'), [
    ['Sertraline', 'switch', null, null, null],
    ['Fluoxetine', 'switch', null, null, null],
  ]);
  assert.deepEqual(read('Increase sertraline from 100 to 150 mg so she can get to work'), [['Sertraline', 'increase', '150 mg', 'so she can get to work', null]]);
  assert.deepEqual(read('For sleep, trazodone 50 mg at night'), [['Trazodone', null, '50 mg at night', 'sleep', null]]);
  assert.deepEqual(read('Holding lithium until the surgeon is happy'), [['Lithium', 'hold', null, null, null]]);
  assert.deepEqual(read('d/c quetiapine'), [['Quetiapine', 'stop', null, null, null]]);
  assert.deepEqual(read('↑ Zoloft 100→150 mg'), [['Sertraline', 'increase', '150 mg', null, null]]);
  assert.deepEqual(read('Resumed lamotrigine 25 mg'), [['Lamotrigine', 'restart', '25 mg', null, null]]);
  assert.deepEqual(read('Decided not to increase sertraline'), [['Sertraline', 'continue', null, null, null]]);
  assert.deepEqual(read('She has been off the sertraline since June'), [['Sertraline', 'stop', null, null, null]]);
  assert.deepEqual(read('Started metformin 500 mg for weight gain on olanzapine'), [
    ['Metformin', 'start', '500 mg', 'weight gain on olanzapine', null],
    ['Olanzapine', null, null, null, null],
  ]);
  assert.deepEqual(read('Her father took lithium for years'), [['Lithium', null, null, null, 'other-person']]);
  assert.deepEqual(read('Considering adding lithium'), [['Lithium', 'start', null, null, 'tentative']]);
  assert.deepEqual(read('Her GP stopped lorazepam in March'), [['Lorazepam', 'stop', null, null, null]]);
  // A hedged change is left out: the medication is discussed, the change not decided.
  assert.deepEqual(read('We talked about what stopping the lithium would mean for her'), [['Lithium', null, null, null, null]]);
  assert.deepEqual(read('She wants to stop sertraline by summer'), [['Sertraline', null, null, null, null]]);
  assert.deepEqual(read('Worried the sertraline would stop working'), [['Sertraline', null, null, null, null]]);
});

test('clauses: split at semicolons and sentence ends, never inside "0.5 mg" or "b.i.d. for sleep"', () => {
  const text = 'Cont clonazepam 0.5 mg b.i.d. for sleep; start X. Then Y! Done.';
  assert.deepEqual(clauseSpans(text).map(([a, b]) => text.slice(a, b)), ['Cont clonazepam 0.5 mg b.i.d. for sleep', 'start X', 'Then Y', 'Done']);
});
