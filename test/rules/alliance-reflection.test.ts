import { mergeConfig, RECOMMENDED, resolvePreset } from '../../server/src/engine/index.ts';
import { RuleTester, type InvalidCase } from '../helpers/rule-tester.ts';

const ID = 'alliance-reflection';
const FM = '---\npatient: P.N.\ndate: 2026-08-11\n---\n\n## Story\nHe rows with his nephew.\n\n## Relationships\n- Nephew (19): rows with him on Sundays.\n';
const PROMPT = 'line holds only a rating. What happened between the two of you today: when was it easier, when harder?';

/** A rating at the Alliance line: one info finding from `column` to `endColumn`, with the prompt. */
const rating = (line: string, label: string, at: [number, number, number], extra: Partial<InvalidCase> = {}): InvalidCase => ({
  name: line.trim(),
  text: FM + line + '\n',
  findings: [{ message: `The ${label} ${PROMPT}`, severity: 'info', line: at[0], column: at[1], endLine: at[0], endColumn: at[2] }],
  output: null,
  ...extra,
});

new RuleTester().run(ID, {
  valid: [
    ...[
      '- Alliance: came in guarded; warmer once we talked about his father’s lithium.',
      '- Alliance: good, though he tested me twice about whether I would "give up".',
      '- Alliance: she laughed more in this visit than in the previous two.',
      '- Sister: good.', // not the alliance
      '- Alliance:', // empty: nothing to rate
      '',
    ].map((line) => ({ name: `quiet: ${JSON.stringify(line)}`, text: FM + line + '\n' })),
    { name: 'option placeholders replaces the list', text: FM + '- Alliance: warm.\n', options: { placeholders: ['good'] } },
    { name: 'off', text: FM + '- Alliance: good\n', config: mergeConfig(RECOMMENDED, { rules: { [ID]: 'off' } }) },
  ],
  invalid: [
    rating('- Alliance: good', 'Alliance', [11, 3, 17]),
    rating('- Alliance: good rapport', 'Alliance', [11, 3, 25]), // the range is "Alliance: good rapport"
    rating('- **Alliance:** Good rapport.', 'Alliance', [11, 5, 30]),
    rating('- Rapport: established, pt engaged and cooperative.', 'Rapport', [11, 3, 52]),
    rating('- Therapeutic alliance: strong', 'Therapeutic alliance', [11, 3, 31]),
    rating('- Alliance: fair', 'Alliance', [11, 3, 17]),
    rating('- alliance: OK', 'alliance', [11, 3, 15]),
    rating('- Alliance: as before.', 'Alliance', [11, 3, 23]),
    rating('\nAlliance: good.', 'Alliance', [12, 1, 16]),
    ...['strict', 'training'].map((preset) => ({
      name: `${preset}: a warning`,
      text: FM + '- Alliance: good\n',
      config: resolvePreset(preset),
      findings: [{ line: 11, column: 3, severity: 'warning' as const }],
      output: null,
    })),
    {
      name: 'CRLF: the range is "Alliance:** good"',
      text: (FM + '- **Alliance:** good\n').replace(/\n/g, '\r\n'),
      findings: [{ line: 11, column: 5, endLine: 11, endColumn: 21 }],
      output: null,
    },
  ],
});
