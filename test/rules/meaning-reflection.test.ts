import { mergeConfig, RECOMMENDED, resolvePreset, type RawConfig } from '../../server/src/engine/index.ts';
import { RuleTester, type InvalidCase } from '../helpers/rule-tester.ts';

const ID = 'meaning-reflection';
const FM = '---\npatient: C.W.\ndate: 2026-10-14\n---\n\n## Goals\n- [G1] Keep the early shifts.\n\n## Medication meaning\n';
const entry = (fields: string) => `### Sertraline 100 mg daily\n- Change: continue\n- Rationale: Early shifts [G1].\n${fields}\n`;
const config = (raw: RawConfig) => mergeConfig(RECOMMENDED, raw);
// medication-fields runs alongside: the two share the Meaning field, and must not both speak.
const rules = ['medication-fields'];
const PLACEHOLDER = 'Meaning for Sertraline holds only a placeholder. What does taking it mean to the person, and to their family?';

/** A placeholder Meaning, reported at `Meaning: value` on line 13, in the rule's voice. */
const placeholder = (value: string): InvalidCase => ({
  name: `placeholder: ${value}`,
  text: FM + entry(`- Meaning: ${value}`),
  rules,
  findings: [
    { message: PLACEHOLDER, severity: 'warning', line: 13, column: 3, endLine: 13, endColumn: 3 + `Meaning: ${value}`.length },
  ],
  output: null,
});

new RuleTester().run(ID, {
  valid: [
    // A word of the person's own, or meaning in another meaning field, is substance.
    ...[
      '- Meaning: Mixed — wants the calm back, hates "needing a pill to be normal".',
      '- Meaning: Hopeful.',
      '- Meaning: Unsure; his father took it "for his heart".',
      '- Meaning: N/A\n- Hopes and fears: Hopes to sleep through; fears not hearing him.',
      '- Meaning: Ambivalent.\n- Ambivalence: Wants it in her bag, hates that she wants it.',
      '- Family history: Her mother took it for forty years.',
      // Any meaning field satisfies the required Meaning.
      '- Hopes and fears: Hopes it is gentle.',
      '- Family history: Her father’s lithium.',
      '- Ambivalence: Wants to stop by summer.',
    ].map((fields) => ({ name: fields, text: FM + entry(fields), rules })),
    { name: 'placeholders option replaces the list', text: FM + entry('- Meaning: Mixed.'), config: config({ rules: { [ID]: { placeholders: ['unsure'] } } }) },
    { name: 'off', text: FM + entry('- Meaning: Mixed.'), config: config({ rules: { [ID]: 'off' } }) },
  ],
  invalid: [
    // The placeholders the issue names.
    ...['Mixed.', 'Not explored this visit.', 'N/A', 'None.', 'Ambivalent.', 'Pt agreeable to trial, understands.', 'unsure', '**Mixed**', 'TBD - will explore next time'].map(placeholder),
    {
      name: 'a missing Meaning is medication-fields’ finding, not this rule’s',
      text: FM + entry('- Plan: Review in 6 weeks.'),
      rules,
      findings: [{ ruleId: 'medication-fields', line: 10, column: 5, endLine: 10, endColumn: 28 }],
      output: null,
    },
    {
      name: 'an empty Meaning is medication-fields’ finding, not this rule’s',
      text: FM + entry('- Meaning:'),
      rules,
      findings: [{ ruleId: 'medication-fields', message: 'Meaning for Sertraline is empty.', line: 13, column: 3, endLine: 13, endColumn: 10 }],
      output: null,
    },
    {
      name: 'placeholders option: a listed word becomes a placeholder',
      text: FM + entry('- Meaning: Hopeful.'),
      config: config({ rules: { [ID]: { placeholders: ['hopeful'] } } }),
      findings: [{ message: PLACEHOLDER, line: 13, column: 3, endLine: 13, endColumn: 20 }],
      output: null,
    },
    {
      name: 'vocabulary: formulaic words added in config',
      text: FM + entry('- Meaning: Skipped.'),
      config: config({ vocabulary: { formulaic: { add: ['skipped'] } } }),
      findings: [{ message: PLACEHOLDER, line: 13, column: 3, endLine: 13, endColumn: 20 }],
      output: null,
    },
    {
      name: 'the strict preset makes it an error',
      text: FM + entry('- Meaning: Mixed.'),
      config: resolvePreset('strict'),
      findings: [{ severity: 'error', line: 13, column: 3, endLine: 13, endColumn: 18 }],
      output: null,
    },
    {
      name: 'CRLF and bold field names',
      text: (FM + entry('- **Meaning:** Mixed.')).replace(/\n/g, '\r\n'),
      rules,
      findings: [{ message: PLACEHOLDER, line: 13, column: 5, endLine: 13, endColumn: 22 }],
      output: null,
    },
  ],
});
