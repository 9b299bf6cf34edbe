/**
 * The extension's pure helpers (client/src/note-names.ts): no VS Code needed.
 * Everything that needs VS Code runs in test/vscode/ (npm run test:vscode).
 */
import { test } from 'vitest';
import assert from 'node:assert/strict';
import { checkPseudonym, defaultPatientKey, fileNameFor, minimalEdit, patientKeyChoices, today, yamlScalar } from '../client/src/note-names.ts';
import { parse } from 'yaml';

test('today() is the local calendar date', () => {
  assert.equal(today(new Date(2026, 0, 5, 23, 59)), '2026-01-05');
  assert.match(today(), /^\d{4}-\d{2}-\d{2}$/);
});

test('pseudonyms: initials pass, full names and YAML breakers do not', () => {
  for (const ok of ['R.M.', 'RM', 'Patient 7', 'K.O.', 'anna b.']) assert.equal(checkPseudonym(ok), undefined, ok);
  assert.match(checkPseudonym('Robert Miller')!, /full name/);
  assert.match(checkPseudonym('Anne-Marie Dupont')!, /full name/);
  assert.match(checkPseudonym('  ')!, /initials/);
  assert.match(checkPseudonym('a: b')!, /Avoid/);
  assert.match(checkPseudonym('x'.repeat(41))!, /short/);
});

test('file names: date, slug of the pseudonym, .visit.md', () => {
  assert.equal(fileNameFor('2026-11-21', 'R.M.'), '2026-11-21-r-m.visit.md');
  assert.equal(fileNameFor('2026-11-21', 'Zoë K'), '2026-11-21-zoe-k.visit.md');
  assert.equal(fileNameFor('2026-11-21', '...'), '2026-11-21-note.visit.md');
});

test('yamlScalar keeps front matter valid YAML', () => {
  for (const v of ['R.M.', "O'Neil", 'a "quoted" - value', '#1', '- dash', '[G1]']) {
    assert.equal(parse(`patient: ${yamlScalar(v)}`).patient, v, v);
  }
});

test('minimalEdit: one replacement turning before into after', () => {
  const cases: [string, string][] = [
    ['abc', 'abc'],
    ['abc', 'abXc'],
    ['## A\n\n## C\n', '## A\n\n## B\n\n## C\n'],
    ['', 'new'],
    ['old', ''],
    ['aaaa', 'aa'],
  ];
  for (const [before, after] of cases) {
    const e = minimalEdit(before, after);
    assert.equal(before.slice(0, e.start) + e.text + before.slice(e.end), after, JSON.stringify([before, after]));
  }
  assert.deepEqual(minimalEdit('## A\n## C\n', '## A\n## B\n## C\n'), { start: 8, end: 8, text: 'B\n## ' });
  // The engine's one minimalEdit: whole surrogate pairs and CRLFs (the client's own copy split them).
  assert.deepEqual(minimalEdit('x🙂y', 'x🙃y'), { start: 1, end: 3, text: '🙃' });
  assert.deepEqual(minimalEdit('a\r\nb', 'a\r\r\nb'), { start: 1, end: 3, text: '\r\r\n' });
});

test('New Note: the same person copies the key earlier notes carry; someone else with the same initials gets a new one', () => {
  assert.deepEqual(patientKeyChoices([], 'R.M.'), [], 'nothing to ask without earlier keys');
  const choices = patientKeyChoices([{ key: 'h3vq-8k2n', notes: 3 }, { key: 'w9dz-4m7c', notes: 1 }], 'R.M.');
  assert.deepEqual(choices.map((c) => c.key), ['h3vq-8k2n', 'w9dz-4m7c', undefined]);
  assert.match(choices[0]!.detail, /^3 earlier notes carry this key/);
  assert.match(choices[1]!.detail, /^1 earlier note carries this key/);
  assert.equal(choices[2]!.label, 'A different person with the same initials');
  // Without prompts: the one key in use, else none (a new random key is written).
  assert.equal(defaultPatientKey([{ key: 'h3vq-8k2n', notes: 3 }]), 'h3vq-8k2n');
  assert.equal(defaultPatientKey([{ key: 'a', notes: 1 }, { key: 'b', notes: 1 }]), undefined);
  assert.equal(defaultPatientKey([]), undefined);
});
