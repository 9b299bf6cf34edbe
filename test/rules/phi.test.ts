import { test } from 'vitest';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { lintText, mergeConfig, RECOMMENDED, type RawConfig } from '../../server/src/engine/index.ts';
import { findPhi, looksLikeFullName } from '../../server/src/engine/rules/phi.ts';
import { RuleTester } from '../helpers/rule-tester.ts';

const ID = 'phi';
const FM = '---\npatient: R.M.\ndate: 2026-11-21\n---\n\n';
const lint = (text: string, raw?: RawConfig) =>
  lintText(text, { only: [ID], ...(raw ? { config: mergeConfig(RECOMMENDED, raw) } : {}) }).findings;
const kinds = (s: string) => findPhi(s).map((h) => [h.kind, s.slice(h.start, h.end)]);

test('detects each kind of identifier', () => {
  assert.deepEqual(kinds('SSN on file: 123-45-6789.'), [['ssn', '123-45-6789']]);
  assert.deepEqual(kinds('ssn 123456789'), [['ssn', 'ssn 123456789']]);
  for (const p of ['555-201-7788', '(555) 201-7788', '555.201.7788', '555 201 7788', '+1 555 201 7788', '1-555-201-7788', '+44 20 7946 0958', '+49 (0)30 1234567', '+33 6 12 34 56 78']) {
    assert.deepEqual(kinds(`Call ${p} later.`), [['phone', p]], p);
  }
  assert.deepEqual(kinds('Write to r.miller+notes@mail.example.org.'), [['email', 'r.miller+notes@mail.example.org']]);
  for (const a of ['42 Elm Street', '7 Old Mill Rd', '1200 N Lake Shore Drive', '15b Rue Garibaldi Ave', '3 St Mary Lane']) {
    assert.deepEqual(kinds(`She lives at ${a} now.`), [['address', a]], a);
  }
  assert.deepEqual(kinds('the flat on Hauptstraße 12 in Köln'), [['address', 'Hauptstraße 12']]);
  for (const m of ['MRN: 4417302', 'MRN 12345678', 'mrn#A-123456', 'Medical record number 0042117', 'NHS number 943 476 5919']) {
    assert.deepEqual(kinds(`${m}.`).map((k) => k[0]), ['mrn'], m);
  }
  for (const d of ['DOB 03/14/1985', 'DOB: 1985-03-14', 'D.O.B. 14.03.85', 'date of birth: 14 March 1985', 'born 14 March 1985', 'born on March 14th, 1985', 'birth date 3-14-1985']) {
    assert.deepEqual(kinds(`${d}.`).map((k) => k[0]), ['dob'], d);
  }
});

test('national phone formats beyond the US, and E.164', () => {
  for (const p of ['07700 900123', '07700900123', '07700 900 123', '0161 496 0000', '020 7946 0000', '(0161) 496 0000', '01632 960123', '(02) 9876 5432', '0412 345 678', '087 123 4567', '09 123 4567', '+447700900123', '+44 7700 900123', '+61 412 345 678']) {
    assert.deepEqual(kinds(`Her daughter is on ${p} most evenings.`), [['phone', p]], p);
  }
});

test('health numbers as record numbers: NHS, Canadian health cards, Australian Medicare', () => {
  for (const m of [
    'NHS number 943 476 5919', 'NHS no 9434765919', '9434765919', 'OHIP 1234-567-890-AB', '1234-567-890-AB', '1234 567 890 AB', '1234-567-806',
    'PHN 9123 456 789', '9698 658 215', 'RAMQ TREM 1234 5678', 'TREM 1234 5678', 'Medicare 2123 45670 1', '2123 45670 1', '2123456701',
    'hospital number 1234567', 'CHI 0101011234',
  ]) {
    assert.deepEqual(kinds(`Card: ${m}.`).map((k) => k[0]), ['mrn'], m);
  }
  // Bare numbers whose check digit does not agree are left alone (a count, an order number).
  for (const n of ['9434765918', '1234-567-807', '9698 658 216', '2123 45671 1']) assert.deepEqual(kinds(`ref ${n}`), [], n);
});

test('international formats leave doses, dates, times and years alone', () => {
  const text = [
    'Sertraline 0.5 mg; 12.5 mg; 0.25 mg at 08:30 and 0830; 14:00; sleep 0100-0700.',
    'Seen 2026-11-20, 20/11/2026, 20.11.2026 and 20 11 2026; born in 1985; 1998-2003; 2019 2020 2021.',
    'In hospital 2019 2020 2021; PHQ-9 0-27, score 0 10; BP 128/82; 0 5 10 15 20; from 0 to 100 mg; Tai chi 3 times.',
  ].join('\n');
  assert.deepEqual(kinds(text), []);
});

test('leaves doses, dates, times, years, scores, codes and public lines alone', () => {
  const text = [
    'Sertraline 100 mg; 12.5-25 mg hydroxyzine; lithium 0.6-0.8 mmol/L.',
    'Seen 2026-11-01 and 11/14/2026 at 06:00-22:00; BP 128/82; PHQ-9 from 14 to 9 over 12 weeks.',
    'Born in 1985; at the depot since 1998; F41.1 and 296.32; room 3, bus 42, gate 7-11.',
    'Crisis lines: 988, 1-800-273-8255, (888) 555-0100; goal [G12]; 3 Dr visits; in 2019 Dr Patel left.',
    'He is 40; she turned 41 on 14 March; the 1990s; score 20/30; 2 tablets at 8 pm; version 1.2.3.4.',
    'Email her? He said @home. Route 66 Highway is a song.',
  ].join('\n');
  assert.deepEqual(kinds(text), []);
});

test('patient front matter: full names fire, initials and pseudonyms do not', () => {
  for (const n of ['Robert Miller', 'José Núñez', 'Mary-Jane O’Brien', 'Anna van der Berg', 'ROBERT MILLER', 'Mr Miller']) {
    assert.ok(looksLikeFullName(n), n);
  }
  for (const n of ['R.M.', 'RM', 'R. M.', 'Robin', 'Robert M.', 'Patient A', 'Client Seven', 'J.-P. N.', 'K']) {
    assert.ok(!looksLikeFullName(n), n);
  }
});

// The rule's findings: each names the kind, never the matched text (the messages
// are fixed sentences), and offers a placeholder as a suggestion, never a fix.
const NAME = 'The patient value looks like a full name, a direct identifier. Use initials or a pseudonym.';
const PHONE = 'This looks like a phone number, a direct identifier. Keep contact details in the record system, not in the note.';
const EMAIL = 'This looks like an e-mail address, a direct identifier. Keep contact details in the record system, not in the note.';
const MRN = 'This looks like a medical record number, a direct identifier. Link records outside the note instead.';
const DOB = 'This looks like a full date of birth, a direct identifier. An age or a year is usually enough.';
const identifiers = `---\npatient: Robert Miller\ndate: 2026-11-21\n---\n\n## Story\nCall 555-201-7788 or robert.miller@example.com; MRN 4417302; DOB 03/14/1985.\n`;
const phones = `---\npatient: Robert Miller\ndate: 2026-11-21\n---\n\n## Story\nClinic line 555-201-7788; her cell 555-201-9999.\n`;
const config = (raw: RawConfig) => mergeConfig(RECOMMENDED, raw);

new RuleTester().run(ID, {
  valid: [
    { name: 'the visit date and other front matter are not identifiers', text: `${FM}## Story\nHe came in on 2026-11-21.\n` },
    { name: 'ignore: every kind found', text: phones, options: { ignore: ['phone', 'patient-name'] } },
    { name: 'off', text: phones, config: config({ rules: { [ID]: 'off' } }) },
    { name: 'inline disable', text: `${FM}## Story\n<!-- visitnotes-disable-next-line phi -->\nCall 555-201-7788.\n` },
  ],
  invalid: [
    {
      name: 'reports name the kind, never the matched text; a suggestion offers a placeholder',
      text: identifiers,
      findings: [
        {
          message: NAME,
          severity: 'warning',
          line: 2,
          column: 10,
          endLine: 2,
          endColumn: 23,
          suggestions: [{ title: 'Replace the name with its initials', output: identifiers.replace('patient: Robert Miller', 'patient: R.M.') }],
        },
        {
          message: PHONE,
          severity: 'warning',
          line: 7,
          column: 6,
          endLine: 7,
          endColumn: 18,
          suggestions: [{ title: 'Replace with [phone]', output: identifiers.replace('Call 555-201-7788 or', 'Call [phone] or') }],
        },
        {
          message: EMAIL,
          severity: 'warning',
          line: 7,
          column: 22,
          endLine: 7,
          endColumn: 47,
          suggestions: [{ title: 'Replace with [email]', output: identifiers.replace('robert.miller@example.com', '[email]') }],
        },
        {
          message: MRN,
          severity: 'warning',
          line: 7,
          column: 49,
          endLine: 7,
          endColumn: 60,
          suggestions: [{ title: 'Replace with [mrn]', output: identifiers.replace('MRN 4417302', '[mrn]') }],
        },
        {
          message: DOB,
          severity: 'warning',
          line: 7,
          column: 62,
          endLine: 7,
          endColumn: 76,
          suggestions: [{ title: 'Replace with [dob]', output: identifiers.replace('DOB 03/14/1985', '[dob]') }],
        },
      ],
      output: null,
    },
    {
      name: 'the whole note is scanned: comments and code blocks too',
      text: `${FM}## Story\nFine.\n<!-- call 555-201-7788 -->\n\`\`\`\nDOB 03/14/1985\n\`\`\`\n`,
      findings: [
        { message: PHONE, line: 8, column: 11, endLine: 8, endColumn: 23 },
        { message: DOB, line: 10, column: 1, endLine: 10, endColumn: 15 },
      ],
      output: null,
    },
    {
      name: 'a full name and two phone numbers',
      text: phones,
      findings: [
        { message: NAME, line: 2, column: 10, endLine: 2, endColumn: 23 },
        { message: PHONE, line: 7, column: 13, endLine: 7, endColumn: 25 },
        { message: PHONE, line: 7, column: 36, endLine: 7, endColumn: 48 },
      ],
      output: null,
    },
    {
      name: 'ignore: a kind',
      text: phones,
      options: { ignore: ['patient-name'] },
      findings: [
        { message: PHONE, line: 7, column: 13, endLine: 7, endColumn: 25 },
        { message: PHONE, line: 7, column: 36, endLine: 7, endColumn: 48 },
      ],
      output: null,
    },
    {
      name: 'allow: exact strings',
      text: phones,
      options: { allow: ['555-201-7788', 'Robert Miller'] },
      findings: [{ message: PHONE, line: 7, column: 36, endLine: 7, endColumn: 48 }],
      output: null,
    },
    {
      name: 'severity from config',
      text: phones,
      config: config({ rules: { [ID]: 'error' } }),
      findings: [
        { severity: 'error', line: 2, column: 10 },
        { severity: 'error', line: 7, column: 13 },
        { severity: 'error', line: 7, column: 36 },
      ],
      output: null,
    },
  ],
});

test('every firing phi fixture keeps the matched text out of its messages', () => {
  const file = path.resolve(import.meta.dirname, '../fixtures/rules/phi/identifiers.visit.md');
  const text = readFileSync(file, 'utf8');
  const f = lint(text);
  assert.ok(f.length >= 9);
  for (const x of f) assert.ok(!x.message.includes(text.slice(x.range.start, x.range.end)), x.message);
});
