import { mergeConfig, RECOMMENDED, resolvePreset } from '../../server/src/engine/index.ts';
import { RuleTester } from '../helpers/rule-tester.ts';

const ID = 'heading-style';
const ON = mergeConfig(RECOMMENDED, { rules: { [ID]: 'info' } });
const FM = '---\npatient: D.W.\ndate: 2026-11-18\n---\n\n';
const build = (...parts: string[]) => FM + parts.join('\n');

const shouting = build('## STORY:\nHe talks about his son.\n');
const STORY_FIXED = build('## Story\nHe talks about his son.\n');
const mixed = build('## story\nA.\n', '## Relationships:\n- Son.\n', '## __goals__ \n- [G1] x\n', '## Medication   meaning\n### X\n', '## reflection\nI felt warm.\n');
const mixedFixed = build('## Story\nA.\n', '## Relationships\n- Son.\n', '## __Goals__ \n- [G1] x\n', '## Medication meaning\n### X\n', '## reflection\nI felt warm.\n');
const unordered = mergeConfig(ON, { templates: { 'follow-up': { extends: 'follow-up', ordered: false } } });
const crlf = build('## goals\n- [G1] x\n', '## story\nA.\n').replace(/\n/g, '\r\n');
const french = mergeConfig(ON, { templates: { 'follow-up': { sections: ['Anamnèse', 'Relations'] } } });
const frenchText = `${FM}## Relations\nSa sœur 🙂.\n\n## anamnèse\nÉlodie.\n`;

new RuleTester({ config: ON }).run(ID, {
  valid: [
    { name: 'off in recommended', text: shouting, config: RECOMMENDED },
    { name: 'the fixed note is clean (aliases ignored)', text: mixedFixed },
  ],
  invalid: [
    { name: 'on in strict (warning)', text: shouting, config: resolvePreset('strict'), findings: [{ line: 6, column: 4, severity: 'warning' }], output: STORY_FIXED },
    { name: 'on in training (info)', text: shouting, config: resolvePreset('training'), findings: [{ line: 6, column: 4, severity: 'info' }], output: STORY_FIXED },
    {
      name: 'exact fixes, markup kept, aliases ignored',
      text: mixed,
      findings: [
        { line: 6, column: 4, endLine: 6, endColumn: 9, message: 'Heading "story" is written differently from the template\'s "Story".', fix: mixed.replace('## story', '## Story') },
        { line: 9, column: 4, endLine: 9, endColumn: 18, fix: mixed.replace('## Relationships:', '## Relationships') },
        { line: 12, column: 4, endLine: 12, endColumn: 13, fix: mixed.replace('__goals__', '__Goals__') },
        { line: 15, column: 4, endLine: 15, endColumn: 24, fix: mixed.replace('Medication   meaning', 'Medication meaning') },
      ],
      output: mixedFixed,
    },
    {
      name: 'unordered templates still get the spelling fix; CRLF kept',
      text: crlf,
      config: unordered,
      findings: [
        { line: 6, column: 4, fix: crlf.replace('## goals', '## Goals') },
        { line: 9, column: 4, fix: crlf.replace('## story', '## Story') },
      ],
      output: crlf.replace('## goals', '## Goals').replace('## story', '## Story'),
    },
    {
      name: 'non-ASCII template names',
      text: frenchText,
      config: french,
      findings: [{ line: 9, column: 4, endLine: 9, endColumn: 12, fix: frenchText.replace('## anamnèse', '## Anamnèse') }],
      output: frenchText.replace('## anamnèse', '## Anamnèse'),
    },
  ],
});
