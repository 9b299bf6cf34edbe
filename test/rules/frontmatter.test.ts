import { test } from 'vitest';
import assert from 'node:assert/strict';
import { applyFixes, fixAll, lintText, mergeConfig, RECOMMENDED, type Finding } from '../../server/src/engine/index.ts';

const ID = 'frontmatter';
const lint = (text: string, config = RECOMMENDED) => lintText(text, { only: [ID], config }).findings;
const fixOne = (text: string, f: Finding) => applyFixes(text, [f.fix!]).text;
const at = (text: string, f: Finding) => {
  const { note } = lintText(text, { only: [] });
  const s = note.lines.toLineColumn(f.range.start);
  const e = note.lines.toLineColumn(f.range.end);
  return `${s.line}:${s.column}-${e.line}:${e.column}`;
};
const BODY = '\n## Story\nShe paints again.\n';
const note = (...yaml: string[]) => `---\n${yaml.join('\n')}\n---\n${BODY}`;

test('valid front matter produces nothing', () => {
  assert.deepEqual(lint(note('patient: R.M.', 'date: 2026-11-20', 'clinician: A. Okafor', 'visit: crisis', 'template: intake')), []);
  assert.deepEqual(lint(note('patient: R.M.', "date: '2026-11-20'")), []);
  assert.deepEqual(lint(note('patient: R.M.', 'date: 2000-02-29', 'visit: Transfer')), []);
  assert.deepEqual(lint(`\ufeff${note('patient: R.M.', 'date: 2026-11-20')}`), []);
  assert.deepEqual(lint(note('patient: R.M.', 'date: 2026-11-20').replace(/\n/g, '\r\n')), []);
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
    const findings = lint(text);
    assert.ok(findings.length > 0);
    for (const f of findings) assert.ok(!f.message.includes('Johnathan') && !f.message.includes('Example'), f.message);
  }
});

test('calendar validity', () => {
  for (const d of ['2026-02-30', '2026-02-29', '1900-02-29', '2026-04-31', '2026-00-10', '2026-01-00']) {
    const [f] = lint(note('patient: R.M.', `date: ${d}`));
    assert.match(f!.message, /not a real calendar date/, d);
  }
  for (const d of ['2024-02-29', '2000-02-29', '2026-12-31']) assert.deepEqual(lint(note('patient: R.M.', `date: ${d}`)), [], d);
});

test('year-first dates are rewritten to ISO; ambiguous ones are not', () => {
  const text = note('patient: R.M.', 'date: 2026/3/4');
  const [f] = lint(text);
  assert.equal(at(text, f!), '3:7-3:15');
  assert.equal(fixOne(text, f!), note('patient: R.M.', 'date: 2026-03-04'));
  const [g] = lint(note('patient: R.M.', 'date: 04/03/2026'));
  assert.equal(g!.fix, undefined);
  const [h] = lint(note('patient: R.M.', 'date: 2026/2/30'));
  assert.equal(h!.fix, undefined);
  const [n] = lint(note('patient: R.M.', 'date: 20261120'));
  assert.match(n!.message, /YYYY-MM-DD/);
});

test('unknown keys: a rename fix only for exactly one close, unused candidate', () => {
  const text = note('patient: R.M.', 'date: 2026-11-20', 'clincian: A. Okafor');
  const [f] = lint(text);
  assert.equal(f!.message, 'Unknown front-matter key "clincian" is ignored — did you mean "clinician"?');
  assert.equal(fixOne(text, f!), note('patient: R.M.', 'date: 2026-11-20', 'clinician: A. Okafor'));
  // The candidate is already present: renaming would create a duplicate.
  const [g] = lint(note('patient: R.M.', 'date: 2026-11-20', 'clinician: A', 'clincian: B'));
  assert.equal(g!.fix, undefined);
  // Nothing close.
  const [h] = lint(note('patient: R.M.', 'date: 2026-11-20', 'supervisor: B'));
  assert.equal(h!.fix, undefined);
  assert.match(h!.message, /known keys: patient, date, clinician, visit, template/);
});

test('an unknown key is a warning that never fails CI; a misspelt required key stays an error', () => {
  const [supervisor] = lint(note('patient: R.M.', 'date: 2026-11-20', 'supervisor: B. Adams'));
  assert.equal(supervisor!.severity, 'warning');
  assert.match(supervisor!.message, /a program can accept it with the frontmatter rule's `allowKeys`/);
  const [typo] = lint(note('patient: R.M.', 'date: 2026-11-20', 'clincian: A. Okafor'));
  assert.equal(typo!.severity, 'warning');
  const [required] = lint(note('pateint: R.M.', 'date: 2026-11-20'));
  assert.equal(required!.severity, 'error');
  assert.match(required!.message, /did you mean "patient"/);
  // Configured milder or stricter: never above the configured severity, never above warning for a plain unknown key.
  const info = mergeConfig(RECOMMENDED, { rules: { frontmatter: 'info' } });
  assert.equal(lint(note('patient: R.M.', 'date: 2026-11-20', 'supervisor: B'), info)[0]!.severity, 'info');
  const allowed = mergeConfig(RECOMMENDED, { rules: { frontmatter: { allowKeys: ['supervisor'] } } });
  assert.deepEqual(lint(note('patient: R.M.', 'date: 2026-11-20', 'supervisor: B'), allowed), []);
  // Transposed letters are a typo too.
  assert.match(lint(note('patient: R.M.', 'date: 2026-11-20', 'vistit: intake', 'tempalte: intake'))[1]!.message, /did you mean "template"/);
});

test('a misspelled required key is one finding, not two', () => {
  const text = note('Patient: R.M.', 'dat: 2026-11-20');
  const findings = lint(text);
  assert.deepEqual(findings.map((f) => f.fix?.edits[0]?.newText), ['patient', 'date']);
  assert.equal(fixAll(text, { only: [ID] }).text, note('patient: R.M.', 'date: 2026-11-20'));
});

test('a quoted key is renamed as a whole', () => {
  const text = note('patient: R.M.', 'date: 2026-11-20', '"visti": intake');
  const [f] = lint(text);
  assert.equal(fixOne(text, f!), note('patient: R.M.', 'date: 2026-11-20', 'visit: intake'));
});

test('keys that do not look like keys are not echoed; positions count UTF-16 units', () => {
  const text = note('patient: R.M.', 'date: 2026-11-20', '😀 ok: yes');
  const [f] = lint(text);
  assert.equal(f!.message.startsWith('Unknown front-matter key (this one)'), true);
  assert.equal(at(text, f!), '4:1-4:6'); // the emoji is two code units
});

test('options: allowKeys and requireKeys', () => {
  const config = mergeConfig(RECOMMENDED, { rules: { frontmatter: { allowKeys: ['supervisor'], requireKeys: ['clinician'] } } });
  const text = note('patient: R.M.', 'date: 2026-11-20', 'supervisor: Dr. B');
  const findings = lint(text, config);
  assert.deepEqual(findings.map((f) => f.message), ['Front matter has no "clinician" (who saw the person).']);
  assert.equal(at(text, findings[0]!), '1:1-1:4');
  // A near-miss of an allowed key gets the allowed key as suggestion.
  const [g] = lint(note('patient: R.M.', 'date: 2026-11-20', 'clinician: A', 'supervsor: B'), config);
  assert.equal(g!.fix!.edits[0]!.newText, 'supervisor');
});

test('visit and template: case, did-you-mean fixes, config templates', () => {
  const text = note('patient: R.M.', 'date: 2026-11-20', 'visit: folow-up', 'template: Intake');
  assert.equal(fixAll(text, { only: [ID] }).text, note('patient: R.M.', 'date: 2026-11-20', 'visit: follow-up', 'template: intake'));
  const config = mergeConfig(RECOMMENDED, { templates: { weekly: { extends: 'follow-up' } } });
  assert.deepEqual(lint(note('patient: R.M.', 'date: 2026-11-20', 'template: weekly'), config), []);
  const [f] = lint(note('patient: R.M.', 'date: 2026-11-20', 'template: weekly'));
  assert.match(f!.message, /"follow-up" applies instead/);
  assert.equal(f!.fix, undefined);
});

test('unterminated front matter: closing fence inserted with the note\'s line endings', () => {
  const open = '---\r\npatient: R.M.\r\ndate: 2026-11-20\r\n\r\n## Story\r\nShe paints again.\r\n';
  const [f] = lint(open);
  assert.equal(at(open, f!), '1:1-1:4');
  assert.equal(fixOne(open, f!), '---\r\npatient: R.M.\r\ndate: 2026-11-20\r\n---\r\n\r\n## Story\r\nShe paints again.\r\n');
  // Heading straight after the keys: a blank line is added too.
  const tight = '---\npatient: R.M.\ndate: 2026-11-20\n## Story\nx\n';
  assert.equal(fixOne(tight, lint(tight)[0]!), '---\npatient: R.M.\ndate: 2026-11-20\n---\n\n## Story\nx\n');
  // Keys to the end of the file, no final line break.
  const bare = '---\npatient: R.M.\ndate: 2026-11-20';
  assert.equal(fixOne(bare, lint(bare)[0]!), `${bare}\n---\n`);
  // Prose right after the keys: no guess.
  const prose = '---\npatient: R.M.\nShe paints again.\n';
  assert.equal(lint(prose)[0]!.fix, undefined);
});

test('front matter closed by a later thematic break', () => {
  const text = '---\npatient: R.M.\ndate: 2026-11-20\n\n## Story\nShe paints again.\n\n---\n\nMore.\n';
  const findings = lint(text);
  assert.equal(findings.length, 1);
  assert.match(findings[0]!.message, /not closed before the note begins/);
  const fixed = fixAll(text, { only: [ID] });
  assert.equal(fixed.text, '---\npatient: R.M.\ndate: 2026-11-20\n---\n\n## Story\nShe paints again.\n\n---\n\nMore.\n');
  assert.deepEqual(fixed.findings, []);
});

test('YAML errors: at the YAML position, one per line, never a crash', () => {
  const text = note('patient: R.M.', 'date: 2026-11-20', '  bad: indent');
  const findings = lint(text);
  assert.ok(findings.length >= 1);
  for (const f of findings) assert.match(f.message, /^Front matter is not valid YAML: /);
  const lines = findings.map((f) => at(text, f).split(':')[0]);
  assert.equal(new Set(lines).size, lines.length);
  // Alias bombs and unresolved aliases are findings too.
  const bomb = note('a: &a [x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]', 'patient: R.M.', 'date: 2026-11-20');
  assert.doesNotThrow(() => lint(bomb));
  const [u] = lint(note('patient: *nobody', 'date: 2026-11-20'));
  assert.match(u!.message, /not valid YAML/);
  assert.ok(!u!.message.includes('nobody'));
});

test('missing front matter and blank lines above it', () => {
  const [f] = lint('## Story\nShe paints again.\n');
  assert.match(f!.message, /^No front matter/);
  assert.equal(f!.fix, undefined);
  const [g] = lint('');
  assert.deepEqual(g!.range, { start: 0, end: 0 });
  const text = `\n\n${note('patient: R.M.', 'date: 2026-11-20')}`;
  const [h] = lint(text);
  assert.equal(at(text, h!), '3:1-3:4');
  assert.equal(fixOne(text, h!), note('patient: R.M.', 'date: 2026-11-20'));
});

test('empty and non-mapping front matter', () => {
  assert.match(lint('---\n---\n')[0]!.message, /Front matter is empty/);
  assert.match(lint('---\n- a\n---\n')[0]!.message, /key: value/);
  assert.match(lint('---\njust words\n---\n')[0]!.message, /key: value/);
});

test('two unknown keys that both look like one known key: no rename fix (it would duplicate the key)', () => {
  const findings = lint(note('Patient: R.M.', 'pateint: R.M.', 'date: 2026-11-20'));
  assert.equal(findings.length, 2);
  for (const f of findings) assert.equal(f.fix, undefined);
});
