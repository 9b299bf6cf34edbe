import { RuleTester } from '../helpers/rule-tester.ts';

const FM = '---\npatient: D.W.\ndate: 2026-11-18\n---\n\n';
const merge = (output: string) => [{ title: /^Merge into the first "/, output }];
const firstAtLine6 = (endColumn: number) => [{ line: 6, column: 1, endLine: 6, endColumn }];

const repeated = `${FM}## Relationships\n- Son.\n\n## Goals\n- [G1] Visit.\n\n## Relationships\n- Brother.\n`;
const merged = `${FM}## Relationships\n- Son.\n\n- Brother.\n\n## Goals\n- [G1] Visit.\n`;
const mid = `${FM}## Story\nA.\n\n## Goals\n- [G1] Visit.\n\n## Story\nB.\n\n## Relationships\n- Son.\n`;
const midMerged = `${FM}## Story\nA.\n\nB.\n\n## Goals\n- [G1] Visit.\n\n## Relationships\n- Son.\n`;
const crlf = (s: string) => s.replace(/\n/g, '\r\n');
const story = (line: number) => ({ message: 'Section "Story" is repeated; it first appears at line 6.', line, column: 1, endLine: line, endColumn: 9 });

new RuleTester().run('duplicate-section', {
  valid: [
    { name: 'the merged note no longer repeats the section', text: merged },
    { name: 'free headings may repeat', text: `${FM}## Story\nA.\n\n## Note\nx\n\n## Note\ny\n` },
  ],
  invalid: [
    {
      name: 'the second heading is reported, related to the first',
      text: `${FM}## Relationships\n- Son.\n\n## Goals\n- [G1] Visit.\n\n## relationships\n- Brother.\n`,
      findings: [
        {
          message: 'Section "Relationships" is repeated; it first appears at line 6.',
          line: 12,
          column: 1,
          endLine: 12,
          endColumn: 17,
          related: [{ ...firstAtLine6(17)[0]!, message: 'First "Relationships" section.' }],
        },
      ],
      output: null,
    },
    {
      name: 'merge suggestion moves the content into the first section and drops the repeat',
      text: repeated,
      findings: [{ line: 12, column: 1, suggestions: merge(merged) }],
      output: null,
    },
    { name: 'merge in the middle', text: mid, findings: [{ ...story(12), suggestions: merge(midMerged) }], output: null },
    {
      name: 'adjacent repeats',
      text: `${FM}## Story\nA.\n\n## Story\nB.\n`,
      findings: [{ ...story(9), suggestions: merge(`${FM}## Story\nA.\n\nB.\n`) }],
      output: null,
    },
    {
      name: 'an empty first section',
      text: `${FM}## Story\n\n## Goals\n- [G1] Visit.\n\n## Story\nB.\n`,
      findings: [{ ...story(11), suggestions: merge(`${FM}## Story\nB.\n\n## Goals\n- [G1] Visit.\n`) }],
      output: null,
    },
    { name: 'CRLF', text: crlf(mid), findings: [{ ...story(12), suggestions: merge(crlf(midMerged)) }], output: null },
    {
      name: 'an alias repeats its section; free headings may repeat',
      text: `${FM}## Story\nA.\n\n## Narrative\nB.\n\n## Note\nx\n\n## Note\ny\n`,
      findings: [
        { message: 'Section "Story" is repeated (here as "Narrative"); it first appears at line 6.', line: 9, column: 1, related: firstAtLine6(9) },
      ],
      output: null,
    },
    {
      name: 'three occurrences: two findings, both pointing at the first',
      text: `${FM}## Goals\n- [G1] a\n\n## Goals\n- [G2] b\n\n## Goals\n- [G3] c\n`,
      findings: [
        { line: 9, column: 1, related: firstAtLine6(9) },
        { line: 12, column: 1, related: firstAtLine6(9) },
      ],
      output: null,
    },
  ],
});
