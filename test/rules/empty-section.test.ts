import { mergeConfig, RECOMMENDED } from '../../server/src/engine/index.ts';
import { RuleTester } from '../helpers/rule-tester.ts';

const FM = '---\npatient: L.V.\ndate: 2026-09-14\n---\n\n';
const EMPTY = (section: string) => `Section "${section}" is empty.`;
const MIN_5 = mergeConfig(RECOMMENDED, { templates: { 'follow-up': { sections: [{ name: 'Story', minWords: 5 }, 'Relationships'] } } });
const OTHERS = `${FM}## Story\nShe paints.\n\n## Addendum\n\n## Relationships\n- Mother.\n\n## Extra\n`;
const COUNTERTRANSFERENCE = `${FM}## Story\nShe paints.\n\n## Countertransference\n`;

new RuleTester().run('empty-section', {
  valid: [
    { name: 'Countertransference is left to countertransference-reflection while it is on', text: COUNTERTRANSFERENCE },
    { name: 'a repeated section counts its occurrences together', text: `${FM}## Story\n\n## Relationships\n- Mother.\n\n## Story\nShe paints again.\n` },
    { name: 'minWords met', text: `${FM}## Story\nShe paints again, mostly at night.\n\n## Relationships\n- Mother.\n`, config: MIN_5 },
    { name: 'words in other scripts count as words', text: `${FM}## Story\nЕй снова хочется рисовать по вечерам.\n\n## Relationships\n- Мама.\n`, config: MIN_5 },
    { name: 'otherSections: false', text: OTHERS, options: { otherSections: false } },
    { name: 'inline disable comment', text: `${FM}<!-- visitnotes-disable-next-line empty-section -->\n## Story\n\n## Relationships\n- Mother.\n` },
  ],
  invalid: [
    {
      name: 'an empty template section is reported at its heading, with its name as data',
      text: `${FM}## Story\n\n## Relationships\n- Mother.\n`,
      findings: [{ message: EMPTY('Story'), line: 6, column: 1, endLine: 6, endColumn: 9, data: { section: 'Story' } }],
      output: null,
    },
    {
      name: 'comments, blank list items and whitespace are not content; a subheading is',
      text: `${FM}## Story\n<!-- later -->\n\n## Relationships\n- \n\n## Goals\n### Agreed next time\n`,
      findings: [
        { message: EMPTY('Story'), line: 6, column: 1 },
        { message: EMPTY('Relationships'), line: 9, column: 1 },
      ],
      output: null,
    },
    {
      name: 'Countertransference is reported once countertransference-reflection is off',
      text: COUNTERTRANSFERENCE,
      config: mergeConfig(RECOMMENDED, { rules: { 'countertransference-reflection': 'off' } }),
      findings: [{ message: EMPTY('Countertransference'), line: 9, column: 1, data: { section: 'Countertransference' } }],
      output: null,
    },
    {
      name: 'minWords from the template: too few words',
      text: `${FM}## Story\nShe paints again.\n\n## Relationships\n- Mother.\n`,
      config: MIN_5,
      findings: [{ message: 'Section "Story" has 3 words; template "follow-up" asks for at least 5.', line: 6, column: 1 }],
      output: null,
    },
    {
      name: 'minWords from the template: empty',
      text: `${FM}## Story\n\n## Relationships\n- Mother.\n`,
      config: MIN_5,
      findings: [{ message: 'Section "Story" is empty (template "follow-up" asks for at least 5 words).', line: 6, column: 1 }],
      output: null,
    },
    {
      name: 'other sections: only when completely empty, removable when blank',
      text: OTHERS,
      findings: [
        {
          message: 'This section is empty.',
          line: 9,
          column: 1,
          endLine: 9,
          endColumn: 12,
          data: null,
          suggestions: [{ title: 'Remove the empty heading', output: `${FM}## Story\nShe paints.\n\n## Relationships\n- Mother.\n\n## Extra\n` }],
        },
        {
          message: 'This section is empty.',
          line: 14,
          column: 1,
          endLine: 14,
          endColumn: 9,
          suggestions: [{ output: `${FM}## Story\nShe paints.\n\n## Addendum\n\n## Relationships\n- Mother.\n` }],
        },
      ],
      output: null,
    },
    {
      name: 'a comment under the heading could be a directive: no removal offered',
      text: `${FM}## Story\nShe paints.\n\n## Addendum\n<!-- visitnotes-disable phi -->\n`,
      findings: [{ message: 'This section is empty.', line: 9, column: 1, suggestions: null }],
      output: null,
    },
  ],
});
