import { test } from 'vitest';
import assert from 'node:assert/strict';
import { applyFixes, buildVocabulary, fixAll, lintText, mergeConfig, RECOMMENDED, type Finding } from '../../server/src/engine/index.ts';
import { readClause } from '../../server/src/engine/medications/clause.ts';
import { clauseSpans } from '../../server/src/engine/medications/prose.ts';

const ID = 'prose-medication';
const lint = (text: string, config = RECOMMENDED) => lintText(text, { only: [ID], config }).findings;
const at = (text: string, f: Finding) => {
  const p = lintText(text, { only: [] }).note.lines.toLineColumn(f.range.start);
  return `${p.line}:${p.column}`;
};
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
const section = (text: string) => text.slice(text.indexOf('## Medication meaning'), text.indexOf('## Countertransference'));
const lexicon = buildVocabulary().medications;
const read = (clause: string) => readClause(clause, lexicon).map((m) => [m.mention.name, m.change ?? null, m.dose ?? null, m.reason ?? null, m.quiet ?? null]);

test('the issue’s paragraph: each medication once, at its first mention, with the fixed wording', () => {
  const text = note('Discussed raising fluoxetine to 40 mg for ongoing low mood, she agreed; cont clonazepam 0.5 mg prn. Fluoxetine worries her.');
  const findings = lint(text);
  assert.deepEqual(findings.map((f) => [at(text, f), f.message]), [
    ['10:19', 'Fluoxetine is discussed here but has no entry, so its rationale, meaning and goal link cannot be checked.'],
    ['10:78', 'Clonazepam is discussed here but has no entry, so its rationale, meaning and goal link cannot be checked.'],
  ]);
  assert.ok(findings.every((f) => f.severity === 'warning' && !f.fix && f.suggestions?.length === 1));
});

test('the suggestion turns the clause into an entry: name and dose, Change from the verb, reason as Rationale, Meaning left empty', () => {
  const text = note('Discussed raising fluoxetine to 40 mg for ongoing low mood, she agreed; cont clonazepam 0.5 mg prn.');
  const [fluoxetine, clonazepam] = lint(text);
  assert.equal(fluoxetine!.suggestions![0]!.title, 'Turn into an entry: ### Fluoxetine 40 mg (Change: increase)');
  assert.equal(
    section(applyFixes(text, fluoxetine!.suggestions!).text),
    [
      '## Medication meaning',
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
  );
  // Nothing else is said in "cont clonazepam 0.5 mg prn": no words are kept under the heading.
  assert.equal(
    section(applyFixes(text, clonazepam!.suggestions!).text),
    [
      '## Medication meaning',
      'Discussed raising fluoxetine to 40 mg for ongoing low mood, she agreed.',
      '',
      '### Clonazepam 0.5 mg prn',
      '- Change: continue',
      '- Rationale:',
      '- Meaning:',
      '',
      '',
    ].join('\n'),
  );
  // The entry is then read by the other rules: the product's central question is asked.
  const after = lintText(applyFixes(text, fluoxetine!.suggestions!).text).findings.map((f) => f.message);
  assert.ok(after.includes('Rationale for Fluoxetine: symptoms-only rationale, no goal linked — which goal does it serve?'));
  assert.ok(after.includes('Meaning for Fluoxetine is empty.'));
});

test('never applied by --fix; CRLF kept by the suggestion', () => {
  const text = note('Increase sertraline to 150 mg for low mood.', '\r\n');
  assert.equal(fixAll(text, { only: [ID] }).text, text);
  const [f] = lint(text);
  const fixed = applyFixes(text, f!.suggestions!).text;
  assert.ok(section(fixed).startsWith('## Medication meaning\r\n### Sertraline 150 mg\r\n- Change: increase\r\n- Rationale: Low mood.\r\n- Meaning:\r\n'));
  assert.ok(!/[^\r]\n/.test(fixed));
});

test('several medications in one clause: one suggestion makes an entry for each, so none is hidden in another’s', () => {
  const text = note('Reviewed meds with her. Stop sertraline and start fluoxetine 20 mg daily.\n\n### Lithium 400 mg\n- Rationale: Steady [G1].\n- Meaning: "My anchor."');
  const findings = lint(text);
  assert.equal(findings.length, 2);
  assert.deepEqual(findings[0]!.suggestions, findings[1]!.suggestions);
  const fixed = applyFixes(text, findings[0]!.suggestions!).text;
  assert.match(section(fixed), /^## Medication meaning\nReviewed meds with her\.\n\n### Lithium 400 mg\n[\s\S]*\n\n### Sertraline\n- Change: stop\n[\s\S]*\n\n### Fluoxetine 20 mg daily\n- Change: start\n/);
  assert.deepEqual(lint(fixed), []);
});

test('bullets, nested bullets and table rows', () => {
  const bullets = note('- Sertraline 100 mg\n  - cont\n  - for the mornings at the allotment\n- Lamotrigine: restarted at 25 mg');
  const [s, l] = lint(bullets);
  assert.equal(s!.suggestions![0]!.title, 'Turn into an entry: ### Sertraline 100 mg (Change: continue)');
  assert.equal(l!.suggestions![0]!.title, 'Turn into an entry: ### Lamotrigine 25 mg (Change: restart)');
  assert.equal(
    section(applyFixes(bullets, s!.suggestions!).text),
    '## Medication meaning\n- Lamotrigine: restarted at 25 mg\n\n### Sertraline 100 mg\n- Change: continue\n- Rationale: The mornings at the allotment.\n- Meaning:\n\n',
  );
  const table = note('| Medication | Dose | Change | Reason | Meaning |\n|---|---|---|---|---|\n| Venlafaxine | 150 mg daily | continue | steady mornings [G1] | "my alarm clock" |\n| Zopiclone | 7.5 mg | stop | insomnia | |');
  const [v, z] = lint(table);
  assert.equal(
    section(applyFixes(table, v!.suggestions!).text),
    '## Medication meaning\n| Medication | Dose | Change | Reason | Meaning |\n|---|---|---|---|---|\n| Zopiclone | 7.5 mg | stop | insomnia | |\n\n### Venlafaxine 150 mg daily\n- Change: continue\n- Rationale: Steady mornings [G1].\n- Meaning: "my alarm clock"\n\n',
  );
  // Both rows converted: the table is gone, nothing of it lost.
  const once = applyFixes(table, z!.suggestions!).text;
  const twice = applyFixes(once, lint(once)[0]!.suggestions!).text;
  assert.ok(!twice.includes('|'));
  assert.equal(
    section(twice),
    '## Medication meaning\n\n### Zopiclone 7.5 mg\n- Change: stop\n- Rationale: Insomnia.\n- Meaning:\n\n### Venlafaxine 150 mg daily\n- Change: continue\n- Rationale: Steady mornings [G1].\n- Meaning: "my alarm clock"\n\n',
  );
});

test('markup through the clause: the prose is kept and the entry only added', () => {
  const text = note('We talked it over and *agreed to raise sertraline to 100 mg*; she was relieved.');
  const [f] = lint(text);
  assert.match(f!.suggestions![0]!.title, /^Add an entry: ### Sertraline 100 mg/);
  const fixed = applyFixes(text, f!.suggestions!).text;
  assert.ok(fixed.includes('*agreed to raise sertraline to 100 mg*; she was relieved.'));
  assert.ok(fixed.includes('### Sertraline 100 mg\n'));
});

test('not prescriptions of this visit: quiet', () => {
  for (const prose of [
    "Her father's lithium \"made him a ghost\".",
    'Her mother took sertraline for years.',
    'She tried citalopram years ago and felt flat.',
    'Allergic to lamotrigine (rash).',
    'Considering adding aripiprazole if the low patches return.',
    'She declined quetiapine.',
    'Her GP manages her levothyroxine.',
    'She was using street methadone last year.',
  ]) {
    assert.deepEqual(lint(note(prose)), [], prose);
  }
});

test('a medication with an entry (brand or generic) is not reported; nor is prose inside entries', () => {
  const text = note('We agreed to stay the course with sertraline.\n\n### Zoloft 100 mg\n- Rationale: Mornings [G1].\n- Meaning: Fine.\n- Plan: maybe switch from sertraline to fluoxetine later.');
  assert.deepEqual(lint(text), []);
});

test('never in Story or Relationships', () => {
  const text = note('Nothing changed today.').replace('## Goals', '## Story\nStarted sertraline in May; her father took lithium.\n\n## Relationships\n- Dad: on lithium.\n\n## Goals');
  assert.deepEqual(lint(text), []);
});

test('a co-prescribed medication counts with a change or a dose; config adds and removes names', () => {
  assert.equal(lint(note('Started metformin 500 mg for weight gain.')).length, 1);
  assert.equal(lint(note('Her GP manages her metformin.')).length, 0);
  const config = mergeConfig(RECOMMENDED, { vocabulary: { medications: { add: ['Glimmerex'], remove: ['sertraline'] } } });
  assert.deepEqual(lint(note('Started glimmerex 5 mg; cont sertraline 100 mg.'), config).map((f) => f.message.split(' ')[0]), ['Glimmerex']);
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
