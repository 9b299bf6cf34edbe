import { test } from 'vitest';
import assert from 'node:assert/strict';
import { mergeConfig, RECOMMENDED } from '../../server/src/engine/index.ts';
import { longestIncreasing } from '../../server/src/engine/rules/section-order.ts';
import { RuleTester } from '../helpers/rule-tester.ts';

const FM = '---\npatient: D.W.\ndate: 2026-11-18\n---\n\n';
const S = {
  story: '## Story\nHe talks about his son.\n',
  rel: '## Relationships\n- Son.\n',
  goals: '## Goals\n- [G1] Visit.\n',
  med: '## Medication meaning\n### Mirtazapine\n- Rationale: rest [G1]\n',
  ct: '## Countertransference\nI felt warm.\n',
};
const build = (...parts: string[]) => FM + parts.join('\n');
const IN_ORDER = build(S.story, S.rel, S.goals, S.med, S.ct);
const crlf = (s: string) => s.replace(/\n/g, '\r\n');
const outOfOrder = (section: string, where: 'before' | 'after', other: string) => `"${section}" is out of order: template "follow-up" puts it ${where} "${other}".`;
const move = (output: string) => [{ title: /^Move "/, output }];

test('longestIncreasing keeps a maximal run and reports the earlier of two swapped sections', () => {
  assert.deepEqual([...longestIncreasing([0, 2, 1, 3])].sort(), [0, 2, 3]);
  assert.deepEqual([...longestIncreasing([1, 0])], [1]);
  assert.deepEqual([...longestIncreasing([1, 2, 3, 4, 0])].sort(), [0, 1, 2, 3]);
  assert.deepEqual([...longestIncreasing([])], []);
});

new RuleTester().run('section-order', {
  valid: [
    { name: 'in order: nothing', text: IN_ORDER },
    { name: 'missing sections and free sections do not disturb the order', text: build('## Context\nEarly visit.\n', S.story, S.goals, '## Labs\nNormal.\n', S.ct) },
    { name: 'only the first occurrence of a repeated section counts', text: build(S.story, S.rel, S.goals, S.med, S.ct, '## Story\nMore.\n') },
    {
      name: 'unordered templates skip the order check',
      text: build(S.goals, S.story.replace('## Story', '## story')),
      config: mergeConfig(RECOMMENDED, { templates: { 'follow-up': { extends: 'follow-up', ordered: false } } }),
    },
    { name: 'heading spelling is no longer this rule’s', text: build('## story\nA.\n', S.rel, '## GOALS:\n- [G1] x\n') },
    { name: 'inline disable comment above the finding', text: build(S.story, '<!-- visitnotes-disable-next-line section-order -->', S.goals, S.rel) },
  ],
  invalid: [
    {
      name: 'one swap is one finding, with a move suggestion that restores the order',
      text: build(S.story, S.goals, S.rel, S.med, S.ct),
      findings: [{ message: outOfOrder('Goals', 'before', 'Medication meaning'), line: 9, column: 1, endLine: 9, endColumn: 9, suggestions: move(IN_ORDER) }],
      output: null,
    },
    {
      name: 'a section at the very end moves to the top',
      text: build(S.rel, S.goals, S.med, S.ct, S.story),
      findings: [{ message: outOfOrder('Story', 'before', 'Relationships'), line: 19, column: 1, suggestions: move(IN_ORDER) }],
      output: null,
    },
    {
      name: 'a section at the top moves to the end',
      text: build(S.ct, S.story, S.rel, S.goals, S.med),
      findings: [{ message: outOfOrder('Countertransference', 'after', 'Medication meaning'), line: 6, column: 1, suggestions: move(IN_ORDER) }],
      output: null,
    },
    {
      name: 'no final line break: the moved block still ends up on its own lines',
      text: build(S.story, S.ct, S.rel).replace(/\n$/, ''),
      findings: [{ line: 9, column: 1, suggestions: move(build(S.story, S.rel, S.ct)) }],
      output: null,
    },
    {
      name: 'CRLF moves keep CRLF',
      text: crlf(build(S.story, S.goals, S.rel, S.med, S.ct)),
      findings: [{ line: 9, column: 1, suggestions: move(crlf(IN_ORDER)) }],
      output: null,
    },
    {
      name: 'a fully reversed note gets fewer findings than sections',
      text: build(S.ct, S.med, S.goals, S.rel, S.story),
      findings: [
        { message: outOfOrder('Countertransference', 'after', 'Story'), line: 6, column: 1 },
        { message: outOfOrder('Medication meaning', 'after', 'Story'), line: 9, column: 1 },
        { message: outOfOrder('Goals', 'after', 'Story'), line: 13, column: 1 },
        { message: outOfOrder('Relationships', 'after', 'Story'), line: 16, column: 1 },
      ],
      output: null,
    },
    {
      name: 'one section out of place among five: one finding',
      text: build(S.story, S.rel, S.ct, S.goals, S.med),
      findings: [{ message: outOfOrder('Countertransference', 'after', 'Medication meaning'), line: 12, column: 1 }],
      output: null,
    },
    {
      name: 'non-ASCII template names: out of order',
      text: `${FM}## Relations\nSa sœur 🙂.\n\n## anamnèse\nÉlodie.\n`,
      config: mergeConfig(RECOMMENDED, { templates: { 'follow-up': { sections: ['Anamnèse', 'Relations'] } } }),
      findings: [{ message: outOfOrder('Relations', 'after', 'Anamnèse'), line: 6, column: 1 }],
      output: null,
    },
    {
      name: 'the old option normalizeHeadings still loads and changes nothing',
      text: build(S.goals, S.story),
      options: { normalizeHeadings: false },
      findings: [{ line: 6, column: 1 }],
      output: null,
    },
    {
      name: 'a disable comment before another section leaves the finding',
      text: build(S.story, S.goals, '<!-- visitnotes-disable-next-line section-order -->', S.rel),
      findings: [{ line: 9, column: 1 }],
      output: null,
    },
  ],
});
