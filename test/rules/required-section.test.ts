import { test } from 'vitest';
import assert from 'node:assert/strict';
import { fixAll, mergeConfig, RECOMMENDED } from '../../server/src/engine/index.ts';
import { RuleTester, type InvalidCase } from '../helpers/rule-tester.ts';

const ID = 'required-section';

const FULL = [
  '---',
  'patient: J.K.',
  'date: 2026-10-02',
  '---',
  '',
  '## Story',
  'She moved back in with her mother.',
  '',
  '## Relationships',
  '- Mother: close.',
  '',
  '## Goals',
  '- [G1] Find a flat.',
  '',
  '## Medication meaning',
  '### Bupropion 150 mg daily',
  '- Rationale: Energy to view flats [G1].',
  '- Meaning: "My own decision."',
  '',
  '## Countertransference',
  'I wanted her further along than she is.',
  '',
].join('\n');

const without = (name: string, text = FULL) => text.replace(new RegExp(`## ${name}\\n[^#]*`), '');
const crlf = (s: string) => s.replace(/\n/g, '\r\n');
const missing = (name: string) => `Missing required section "${name}" (template "follow-up").`;
const ALL_SECTIONS = '## Story\n\n## Relationships\n\n## Goals\n\n## Medication meaning\n\n## Countertransference\n';
const FIVE = ['Story', 'Relationships', 'Goals', 'Medication meaning', 'Countertransference'];
const NO_CT = without('Countertransference');
const FM_ONLY = '---\npatient: J.K.\ndate: 2026-10-02\n---';

/** Countertransference missing at the end: anchored at the last heading, appended after exactly one blank line. */
const appended = (name: string, text: string, output: string): InvalidCase => ({
  name,
  text,
  findings: [{ message: missing('Countertransference'), line: 15, column: 1, endLine: 15, endColumn: 22, data: { section: 'Countertransference' }, fix: output }],
  output,
});

/** A heading that is no near miss: the section is inserted, the heading left alone. */
const notNearMiss = (heading: string): InvalidCase => {
  const text = FULL.replace('## Goals', `## ${heading}`);
  return {
    name: `not a near miss: ## ${heading}`,
    text,
    findings: [{ line: 15, column: 1, fix: { title: 'Insert section "Goals"', output: text.replace('## Medication meaning', '## Goals\n\n## Medication meaning') } }],
    output: text.replace('## Medication meaning', '## Goals\n\n## Medication meaning'),
  };
};

test('the note without Countertransference ends with one blank line (the append cases below rely on it)', () => {
  assert.ok(NO_CT.endsWith('"My own decision."\n\n'));
});

test('CRLF: fix-all introduces no bare LF', () => {
  const all = fixAll(crlf(NO_CT), { only: [ID] });
  assert.ok(all.text.endsWith('\r\n\r\n## Countertransference\r\n'));
  assert.ok(!/[^\r]\n/.test(all.text));
  const middle = fixAll(crlf(without('Goals')), { only: [ID] }).text;
  assert.ok(!/[^\r]\n/.test(middle), 'no bare LF introduced');
});

new RuleTester().run(ID, {
  valid: [
    { name: 'a complete note has no findings', text: FULL },
    { name: 'a near miss for a section that is present is left alone', text: `${FULL}\n## Goal\nA stray heading.\n` },
    {
      name: 'headings swallowed by unclosed front matter are left to the frontmatter rule',
      text: FULL.replace('date: 2026-10-02\n---\n', 'date: 2026-10-02\n').replace('## Countertransference', '---\n\n## Countertransference'),
    },
  ],
  invalid: [
    {
      name: 'inserting a section in the middle keeps the template order',
      text: without('Goals'),
      // at "## Medication meaning", where it goes
      findings: [{ message: missing('Goals'), line: 12, column: 1, endLine: 12, endColumn: 22, data: { section: 'Goals' }, fix: without('Goals').replace('## Medication meaning', '## Goals\n\n## Medication meaning') }],
      output: without('Goals').replace('## Medication meaning', '## Goals\n\n## Medication meaning'),
    },
    appended('appending a section at the end adds exactly one blank line before it', NO_CT, `${NO_CT}## Countertransference\n`),
    appended('no final line break', NO_CT.replace(/\n+$/, ''), `${NO_CT.replace(/\n+$/, '')}\n\n## Countertransference\n`),
    appended('one final line break', NO_CT.replace(/\n+$/, '\n'), `${NO_CT.replace(/\n+$/, '\n')}\n## Countertransference\n`),
    {
      name: 'CRLF notes get CRLF insertions and correct positions',
      text: crlf(without('Goals')),
      findings: [{ line: 12, column: 1, endLine: 12, endColumn: 22 }],
      output: crlf(without('Goals')).replace('## Medication meaning', '## Goals\r\n\r\n## Medication meaning'),
    },
    {
      name: 'an empty file gets every section, in order, with nothing else',
      text: '',
      findings: FIVE.map((name) => ({ message: missing(name), line: 1, column: 1, endLine: 1, endColumn: 1, data: { section: name } })),
      output: ALL_SECTIONS,
    },
    {
      name: 'a BOM-only file keeps its BOM and gets no stray blank lines',
      text: '\ufeff',
      findings: FIVE.map((name) => ({ message: missing(name), line: 1, column: 1 })),
      output: `\ufeff${ALL_SECTIONS}`,
    },
    ...[FM_ONLY, `${FM_ONLY}\n`].map((text) => ({
      name: `a front-matter-only note${text.endsWith('\n') ? ' (final line break)' : ''}: findings at the fence, sections appended after one blank line`,
      text,
      findings: FIVE.map((name) => ({ message: missing(name), line: 1, column: 1, endLine: 1, endColumn: 4 })),
      output: `${FM_ONLY}\n\n${ALL_SECTIONS}`,
    })),
    {
      name: 'a near-miss heading is renamed, not duplicated',
      text: FULL.replace('## Goals', '## Goal').replace('## Relationships', '## Relationship'),
      findings: [
        { line: 9, column: 4, endLine: 9, endColumn: 16, data: { section: 'Relationships' }, fix: { title: 'Rename heading to "Relationships"', output: FULL.replace('## Goals', '## Goal') } },
        { line: 12, column: 4, endLine: 12, endColumn: 8, fix: { title: 'Rename heading to "Goals"', output: FULL.replace('## Relationships', '## Relationship') } },
      ],
      output: FULL,
    },
    ...['Notes', 'Goal setting', 'Go', 'Plans'].map(notNearMiss),
    {
      name: 'a section written at the wrong heading level gets "##"',
      text: FULL.replace('## Story', '# Story').replace('## Goals', '### Goals'),
      findings: [
        { line: 6, column: 1, endLine: 6, endColumn: 8, data: { section: 'Story' }, fix: { title: 'Make "Story" a "##" section heading', output: FULL.replace('## Goals', '### Goals') } },
        { line: 12, column: 1, endLine: 12, endColumn: 10, fix: { title: 'Make "Goals" a "##" section heading', output: FULL.replace('## Story', '# Story') } },
      ],
      output: FULL,
    },
    {
      name: 'a ### medication named like a section is not taken for it',
      text: without('Goals').replace('### Bupropion 150 mg daily', '### Goals'),
      findings: [{ line: 12, column: 1, fix: { title: 'Insert section "Goals"', output: without('Goals').replace('### Bupropion 150 mg daily', '### Goals').replace('## Medication meaning', '## Goals\n\n## Medication meaning') } }],
      output: without('Goals').replace('### Bupropion 150 mg daily', '### Goals').replace('## Medication meaning', '## Goals\n\n## Medication meaning'),
    },
    {
      name: 'templates from config: required sections, optional ones, and non-ASCII names',
      text: '---\npatient: Z.\ndate: 2026-01-01\ntemplate: bref\n---\n\n## Histoire\nÉlodie 🙂 va mieux.\n\n## Sécurite\nRien.\n',
      config: mergeConfig(RECOMMENDED, {
        templates: { bref: { sections: ['Histoire', { name: 'Sécurité', aliases: ['Risque'] }, { name: 'Notes', required: false }] } },
      }),
      findings: [{ message: /"Sécurité" \(template "bref"\)/, line: 10, column: 4, endLine: 10, endColumn: 12, data: { section: 'Sécurité' } }],
      output: '---\npatient: Z.\ndate: 2026-01-01\ntemplate: bref\n---\n\n## Histoire\nÉlodie 🙂 va mieux.\n\n## Sécurité\nRien.\n',
    },
  ],
});
