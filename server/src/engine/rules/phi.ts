/**
 * phi: text that looks like a direct identifier. Notes are health records kept in
 * plain files (often in Git), so identifiers should not be in them at all.
 *
 * Scans the whole note text: front matter, prose, code blocks and HTML comments
 * (an identifier hidden in a comment is still in the file). The detectors live
 * in ../identifiers.ts (the model masks what they find in every output); the
 * parse runs them once per note and this rule reports the hits. Kinds:
 * - `ssn`: 123-45-6789 (dashes required), or "SSN" followed by nine digits.
 * - `phone`: US numbers with separators ("555-201-7788", "(555) 201-7788",
 *   "+1 555 201 7788"), international numbers written with "+" (E.164, 8–15
 *   digits, with or without spaces), and national numbers written with the
 *   trunk prefix 0 in the UK, Ireland, Australia and New Zealand ("07700
 *   900123", "0161 496 0000", "(02) 9876 5432"; ../identifiers-national.ts). US toll-free
 *   numbers (800, 888, 877, 866, 855, 844, 833) are public service lines, not
 *   identifiers, and are skipped.
 * - `email`: name@domain.tld.
 * - `address`: house number, one to three capitalised words and a street suffix
 *   ("42 Elm Street", "7 Rue Garibaldi Ave"), or a German-style "Hauptstraße 12".
 * - `mrn`: "MRN", "MR#", "medical record number" or "NHS number" followed by
 *   digits; health numbers read as record numbers: a UK NHS number, Canadian
 *   health card numbers (Ontario, BC, Quebec), an Australian Medicare number,
 *   labelled ("OHIP", "PHN", "Medicare no.") or bare when the format's check
 *   digit agrees (../identifiers-national.ts).
 * - `dob`: a full date (day, month and year) after "DOB", "date of birth",
 *   "born" or "birth date". A year alone ("born in 1985") is not a full date of birth,
 *   and the visit's `date:` is never one.
 * - `patient-name`: the front matter `patient:` value has two or more capitalised
 *   words of two or more letters ("Robert Miller"); initials ("R.M.") and a
 *   single-word pseudonym are fine.
 * Messages name the kind only and never repeat the matched text.
 */
import { defineRule, type Fix, type RuleReport } from './types.ts';
import type { Range } from '../model/text.ts';
import { identifiersOf, PHI_KINDS, type PhiKind } from '../identifiers.ts';
import { startsUpper } from '../letters.ts';

export { findPhi, looksLikeFullName, PHI_KINDS, MONTH, type PhiKind, type PhiHit, type PhiDetector } from '../identifiers.ts';

const LABEL: Record<PhiKind, string> = {
  ssn: 'a Social Security number',
  phone: 'a phone number',
  email: 'an e-mail address',
  address: 'a street address',
  mrn: 'a medical record number',
  dob: 'a full date of birth',
  'patient-name': 'a full name',
};

const ADVICE: Record<PhiKind, string> = {
  ssn: 'Remove it; the note does not need it.',
  phone: 'Keep contact details in the record system, not in the note.',
  email: 'Keep contact details in the record system, not in the note.',
  address: 'A neighbourhood or town usually tells the story well enough.',
  mrn: 'Link records outside the note instead.',
  dob: 'An age or a year is usually enough.',
  'patient-name': 'Use initials or a pseudonym.',
};

export default defineRule({
  id: 'phi',
  description:
    'Text looks like a direct identifier: SSN, phone, e-mail, street address, record number, date of birth or a full name.',
  defaultSeverity: 'warning',
  defaultOptions: { ignore: [], allow: [] },
  optionsSchema: {
    type: 'object',
    properties: {
      ignore: {
        type: 'array',
        items: { enum: [...PHI_KINDS] },
        description: 'Kinds of identifier not to look for.',
      },
      allow: {
        type: 'array',
        items: { type: 'string' },
        description: 'Exact strings never reported, such as a clinic’s public phone number.',
      },
    },
    additionalProperties: false,
  },
  fixable: false,
  check({ note, options, report }) {
    // The parse found them already (with this config's options) to mask them in every output.
    for (const hit of identifiersOf(note, options)) {
      if (hit.kind !== 'patient-name') {
        reportHit(hit.kind, hit.range, report);
        continue;
      }
      const value = String(note.frontMatter?.entries.find((e) => e.key === 'patient')?.value ?? '');
      reportHit('patient-name', hit.range, report, [
        { title: 'Replace the name with its initials', edits: [{ range: hit.range, newText: initials(value) }] },
      ]);
    }
  },
});

function reportHit(kind: PhiKind, range: Range, report: (r: RuleReport) => void, suggestions?: Fix[]): void {
  const placeholder = `[${kind === 'patient-name' ? 'initials' : kind}]`;
  const subject = kind === 'patient-name' ? 'The patient value looks like' : 'This looks like';
  report({
    range,
    message: `${subject} ${LABEL[kind]}, a direct identifier. ${ADVICE[kind]}`,
    suggestions: suggestions ?? [{ title: `Replace with ${placeholder}`, edits: [{ range, newText: placeholder }] }],
  });
}

function initials(name: string): string {
  return name
    .trim()
    .split(/[\s,]+/)
    .filter((w) => startsUpper(w))
    .map((w) => `${w[0]}.`)
    .join('');
}
