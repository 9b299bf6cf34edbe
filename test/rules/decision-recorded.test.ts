import { mergeConfig, RECOMMENDED, resolvePreset } from '../../server/src/engine/index.ts';
import { RuleTester, type InvalidCase } from '../helpers/rule-tester.ts';

const ID = 'decision-recorded';
const FM = '---\npatient: W.A.\ndate: 2026-07-21\n---\n\n## Goals\n- [G1] Keep the climbing-wall job.\n\n## Medication meaning\n';
const entry = (change: string, extra = '') => `### Quetiapine 25 mg at night\n- Change: ${change}\n${extra}- Rationale: Sleep for early shifts [G1].\n- Meaning: Scared it will make her slow.\n`;
const ON = mergeConfig(RECOMMENDED, { rules: { [ID]: 'warning' } });
const ASK = 'Who decided, and how: “we agreed …”, “she chose …”?';
const ADD_DECISION = 'Add "- Decision: "';

/** A change without a Decision: reported at the Change field, the suggestion adds an empty Decision line under it. */
const undecided = (change: string, verb: string): InvalidCase => ({
  name: `${change} without a Decision`,
  text: FM + entry(change),
  findings: [
    {
      message: `Quetiapine is ${verb} without a Decision line. ${ASK}`,
      line: 11,
      column: 3,
      endLine: 11,
      endColumn: 11 + change.length, // "Change: <change>"
      suggestions: [{ title: ADD_DECISION, output: FM + entry(change, '- Decision: \n') }],
    },
  ],
  output: null,
});

const boldCrlf = (FM + entry('start').replace('- Change:', '- **Change:**')).replace(/\n/g, '\r\n');

new RuleTester({ config: ON }).run(ID, {
  valid: [
    { name: 'off in recommended', text: FM + entry('start'), config: RECOMMENDED },
    { name: 'off in strict', text: FM + entry('start'), config: resolvePreset('strict') },
    { name: 'continue needs no Decision', text: FM + entry('continue') },
    { name: 'stop needs no Decision', text: FM + entry('stop') },
    ...['We agreed after six weeks on the lower dose.', 'She chose it over zopiclone.', 'I decided; she was too tired to weigh it today.', 'agreed'].map((d) => ({
      name: `a Decision that names someone: ${d}`,
      text: FM + entry('start', `- Decision: ${d}\n`),
    })),
  ],
  invalid: [
    { name: 'on (warning) in training', text: FM + entry('start'), config: resolvePreset('training'), findings: [{ line: 11, column: 3, severity: 'warning' }], output: null },
    undecided('start', 'started'),
    undecided('increase', 'increased'),
    undecided('switch', 'switched'),
    ...['N/A', 'yes', 'See plan.', 'TBD'].map((d) => ({
      name: `a placeholder Decision: ${d}`,
      text: FM + entry('start', `- Decision: ${d}\n`),
      findings: [{ message: `The Decision for Quetiapine names no one. ${ASK}`, line: 12, column: 3 }],
      output: null,
    })),
    { name: 'option changes', text: FM + entry('decrease'), options: { changes: ['decrease'] }, findings: [{ line: 11, column: 3 }], output: null },
    {
      name: 'CRLF and bold',
      text: boldCrlf,
      findings: [{ line: 11, column: 5, endLine: 11, endColumn: 20, suggestions: [{ output: boldCrlf.replace('start\r\n', 'start\r\n- Decision: \r\n') }] }],
      output: null,
    },
  ],
});
