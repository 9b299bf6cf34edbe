import { test } from 'vitest';
import assert from 'node:assert/strict';
import { lintText, mergeConfig, RECOMMENDED } from '../../server/src/engine/index.ts';
import { RuleTester, type InvalidCase } from '../helpers/rule-tester.ts';

const ID = 'frontmatter';
const BODY = '\n## Story\nShe paints again.\n';
const note = (...yaml: string[]) => `---\n${yaml.join('\n')}\n---\n${BODY}`;
const dated = (...more: string[]) => note('patient: R.M.', 'date: 2026-11-20', ...more);

const NOT_A_DATE = '"date" is not a real calendar date (YYYY-MM-DD).';
const NOT_ISO = '"date" should be the visit date written YYYY-MM-DD.';
const unknown = (key: string, meant: string) => `Unknown front-matter key "${key}" is ignored — did you mean "${meant}"?`;
const KNOWN_KEYS = "known keys: patient, date, clinician, visit, template, patient-key; a program can accept it with the frontmatter rule's `allowKeys`";
const NOT_CLOSED = 'Front matter is not closed: add a "---" line after the last key.';
const OPTIONS = { allowKeys: ['supervisor'], requireKeys: ['clinician'] };
const WEEKLY = mergeConfig(RECOMMENDED, { templates: { weekly: { extends: 'follow-up' } } });

const notCalendar = (d: string): InvalidCase => ({
  name: `calendar validity: ${d}`,
  text: note('patient: R.M.', `date: ${d}`),
  findings: [{ message: NOT_A_DATE, line: 3, column: 7, endLine: 3, endColumn: 17 }],
  output: null,
});

/** A note without a closing fence: the fix inserts one, with the note's line endings. */
const unclosed = (name: string, text: string, output: string): InvalidCase => ({
  name,
  text,
  findings: [{ message: NOT_CLOSED, line: 1, column: 1, endLine: 1, endColumn: 4, fix: output }],
  output,
});

new RuleTester().run(ID, {
  valid: [
    { name: 'valid front matter produces nothing', text: note('patient: R.M.', 'date: 2026-11-20', 'clinician: A. Okafor', 'visit: crisis', 'template: intake') },
    { name: 'a quoted date', text: note('patient: R.M.', "date: '2026-11-20'") },
    { name: 'a leap day, and a visit type in any case', text: note('patient: R.M.', 'date: 2000-02-29', 'visit: Transfer') },
    { name: 'a byte order mark before the fence', text: `\ufeff${dated()}` },
    { name: 'CRLF line endings', text: dated().replace(/\n/g, '\r\n') },
    ...['2024-02-29', '2000-02-29', '2026-12-31'].map((d) => ({ name: `a real date: ${d}`, text: note('patient: R.M.', `date: ${d}`) })),
    { name: 'an allowed key is no finding', text: dated('supervisor: B'), options: { allowKeys: ['supervisor'] } },
    { name: 'a template the config defines', text: dated('template: weekly'), config: WEEKLY },
    { name: 'the output of closing the front matter before the thematic break is clean', text: '---\npatient: R.M.\ndate: 2026-11-20\n---\n\n## Story\nShe paints again.\n\n---\n\nMore.\n' },
  ],
  invalid: [
    ...['2026-02-30', '2026-02-29', '1900-02-29', '2026-04-31', '2026-00-10', '2026-01-00'].map(notCalendar),
    {
      name: 'a year-first date is rewritten to ISO',
      text: note('patient: R.M.', 'date: 2026/3/4'),
      findings: [{ message: '"date" should be written YYYY-MM-DD.', line: 3, column: 7, endLine: 3, endColumn: 15, fix: note('patient: R.M.', 'date: 2026-03-04') }],
      output: note('patient: R.M.', 'date: 2026-03-04'),
    },
    { name: 'an ambiguous date is not rewritten', text: note('patient: R.M.', 'date: 04/03/2026'), findings: [{ message: NOT_ISO, line: 3, column: 7 }], output: null },
    { name: 'a year-first date that is no real date is not rewritten', text: note('patient: R.M.', 'date: 2026/2/30'), findings: [{ message: NOT_ISO, line: 3, column: 7 }], output: null },
    { name: 'eight digits ask for YYYY-MM-DD', text: note('patient: R.M.', 'date: 20261120'), findings: [{ message: /YYYY-MM-DD/, line: 3, column: 7 }], output: null },
    {
      name: 'an unknown key close to exactly one known key is renamed by a fix, as a warning',
      text: dated('clincian: A. Okafor'),
      findings: [{ message: unknown('clincian', 'clinician'), severity: 'warning', line: 4, column: 1, endLine: 4, endColumn: 9, fix: dated('clinician: A. Okafor') }],
      output: dated('clinician: A. Okafor'),
    },
    {
      name: 'no rename when the candidate is already present (it would duplicate the key)',
      text: dated('clinician: A', 'clincian: B'),
      findings: [{ message: unknown('clincian', 'clinician'), line: 5, column: 1 }],
      output: null,
    },
    {
      name: 'an unknown key with nothing close: a warning naming the known keys and allowKeys, no fix',
      text: dated('supervisor: B. Adams'),
      findings: [{ message: `Unknown front-matter key "supervisor" is ignored (${KNOWN_KEYS}).`, severity: 'warning', line: 4, column: 1, endLine: 4, endColumn: 11 }],
      output: null,
    },
    {
      name: 'a misspelt required key stays an error',
      text: note('pateint: R.M.', 'date: 2026-11-20'),
      findings: [{ message: unknown('pateint', 'patient'), severity: 'error', line: 2, column: 1, fix: note('patient: R.M.', 'date: 2026-11-20') }],
      output: note('patient: R.M.', 'date: 2026-11-20'),
    },
    {
      name: 'configured milder: never above the configured severity',
      text: dated('supervisor: B'),
      config: mergeConfig(RECOMMENDED, { rules: { frontmatter: 'info' } }),
      findings: [{ severity: 'info', line: 4, column: 1 }],
      output: null,
    },
    {
      name: 'transposed letters are a typo too',
      text: dated('vistit: intake', 'tempalte: intake'),
      findings: [
        { message: unknown('vistit', 'visit'), line: 4, column: 1, fix: dated('visit: intake', 'tempalte: intake') },
        { message: unknown('tempalte', 'template'), line: 5, column: 1, fix: dated('vistit: intake', 'template: intake') },
      ],
      output: dated('visit: intake', 'template: intake'),
    },
    {
      name: 'a misspelled required key is one finding, not two',
      text: note('Patient: R.M.', 'dat: 2026-11-20'),
      findings: [
        { message: unknown('Patient', 'patient'), line: 2, column: 1, fix: note('patient: R.M.', 'dat: 2026-11-20') },
        { message: unknown('dat', 'date'), line: 3, column: 1, fix: note('Patient: R.M.', 'date: 2026-11-20') },
      ],
      output: note('patient: R.M.', 'date: 2026-11-20'),
    },
    {
      name: 'a quoted key is renamed as a whole',
      text: dated('"visti": intake'),
      findings: [{ message: unknown('visti', 'visit'), line: 4, column: 1, endLine: 4, endColumn: 8, fix: dated('visit: intake') }],
      output: dated('visit: intake'),
    },
    {
      name: 'keys that do not look like keys are not echoed; positions count UTF-16 units',
      text: dated('😀 ok: yes'),
      // The emoji is two code units.
      findings: [{ message: /^Unknown front-matter key \(this one\)/, line: 4, column: 1, endLine: 4, endColumn: 6 }],
      output: null,
    },
    {
      name: 'options: requireKeys, at the opening fence; allowKeys accepts a key',
      text: dated('supervisor: Dr. B'),
      options: OPTIONS,
      findings: [{ message: 'Front matter has no "clinician" (who saw the person).', line: 1, column: 1, endLine: 1, endColumn: 4 }],
      output: null,
    },
    {
      name: 'options: a near miss of an allowed key gets the allowed key',
      text: dated('clinician: A', 'supervsor: B'),
      options: OPTIONS,
      findings: [{ message: unknown('supervsor', 'supervisor'), line: 5, column: 1, fix: dated('clinician: A', 'supervisor: B') }],
      output: dated('clinician: A', 'supervisor: B'),
    },
    {
      name: 'visit and template: case and did-you-mean fixes',
      text: dated('visit: folow-up', 'template: Intake'),
      findings: [
        { message: /did you mean "follow-up"\?$/, line: 4, column: 8, fix: dated('visit: follow-up', 'template: Intake') },
        { message: /"follow-up" applies instead — did you mean "intake"\?$/, line: 5, column: 11, fix: dated('visit: folow-up', 'template: intake') },
      ],
      output: dated('visit: follow-up', 'template: intake'),
    },
    {
      name: 'a template the config does not define: the default applies, no fix',
      text: dated('template: weekly'),
      findings: [{ message: /"follow-up" applies instead/, line: 4, column: 11 }],
      output: null,
    },
    unclosed(
      'unterminated front matter: closing fence inserted with the note’s line endings',
      '---\r\npatient: R.M.\r\ndate: 2026-11-20\r\n\r\n## Story\r\nShe paints again.\r\n',
      '---\r\npatient: R.M.\r\ndate: 2026-11-20\r\n---\r\n\r\n## Story\r\nShe paints again.\r\n',
    ),
    unclosed('heading straight after the keys: a blank line is added too', '---\npatient: R.M.\ndate: 2026-11-20\n## Story\nx\n', '---\npatient: R.M.\ndate: 2026-11-20\n---\n\n## Story\nx\n'),
    unclosed('keys to the end of the file, no final line break', '---\npatient: R.M.\ndate: 2026-11-20', '---\npatient: R.M.\ndate: 2026-11-20\n---\n'),
    { name: 'prose right after the keys: no guess', text: '---\npatient: R.M.\nShe paints again.\n', findings: [{ message: NOT_CLOSED, line: 1, column: 1 }], output: null },
    {
      name: 'front matter closed by a later thematic break',
      text: '---\npatient: R.M.\ndate: 2026-11-20\n\n## Story\nShe paints again.\n\n---\n\nMore.\n',
      findings: [{ message: /not closed before the note begins/, line: 1, column: 1, fix: '---\npatient: R.M.\ndate: 2026-11-20\n---\n\n## Story\nShe paints again.\n\n---\n\nMore.\n' }],
      output: '---\npatient: R.M.\ndate: 2026-11-20\n---\n\n## Story\nShe paints again.\n\n---\n\nMore.\n',
    },
    {
      name: 'a YAML error: at the YAML position',
      text: dated('  bad: indent'),
      findings: [{ message: /^Front matter is not valid YAML: /, line: 3, column: 7 }],
      output: null,
    },
    {
      name: 'an alias bomb is a finding, never a crash',
      text: note('a: &a [x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]', 'patient: R.M.', 'date: 2026-11-20'),
      findings: [{ message: /^Front matter is not valid YAML: /, line: 2, column: 1 }],
      output: null,
    },
    {
      name: 'an unresolved alias is a finding that does not echo its name',
      text: note('patient: *nobody', 'date: 2026-11-20'),
      findings: [{ message: /^Front matter is not valid YAML: (?!.*nobody)/, line: 2, column: 1 }],
      output: null,
    },
    {
      name: 'missing front matter: no fix',
      text: '## Story\nShe paints again.\n',
      findings: [{ message: /^No front matter/, line: 1, column: 1 }],
      output: null,
    },
    { name: 'an empty note has no front matter, at its start', text: '', findings: [{ message: /^No front matter/, line: 1, column: 1, endLine: 1, endColumn: 1 }], output: null },
    {
      name: 'blank lines above the front matter are removed',
      text: `\n\n${dated()}`,
      findings: [{ message: 'Front matter must start on the first line of the note.', line: 3, column: 1, endLine: 3, endColumn: 4, fix: dated() }],
      output: dated(),
    },
    { name: 'empty front matter', text: '---\n---\n', findings: [{ message: /Front matter is empty/, line: 1, column: 1 }], output: null },
    { name: 'a YAML list is not front matter', text: '---\n- a\n---\n', findings: [{ message: /key: value/, line: 2, column: 1 }], output: null },
    { name: 'plain words are not front matter', text: '---\njust words\n---\n', findings: [{ message: /key: value/, line: 2, column: 1 }], output: null },
    {
      name: 'two unknown keys that both look like one known key: no rename fix (it would duplicate the key)',
      text: note('Patient: R.M.', 'pateint: R.M.', 'date: 2026-11-20'),
      findings: [
        { message: unknown('Patient', 'patient'), line: 2, column: 1 },
        { message: unknown('pateint', 'patient'), line: 3, column: 1 },
      ],
      output: null,
    },
  ],
});

test('the patient value is never echoed', () => {
  const secret = 'Johnathan Q. Example';
  const texts = [
    note(`patient: ${secret}`, 'date: 2026-13-01', `visit: ${secret}`, `template: ${secret}`),
    note(`patient: ${secret}`, `pateint: ${secret}`, 'date: x'),
    note(`patient: [${secret}`, 'date: 2026-11-20'),
    `---\npatient: ${secret}\ndate: 2026-11-20\n`,
  ];
  for (const text of texts) {
    const { findings } = lintText(text, { only: [ID] });
    assert.ok(findings.length > 0);
    for (const f of findings) assert.ok(!f.message.includes('Johnathan') && !f.message.includes('Example'), f.message);
  }
});
