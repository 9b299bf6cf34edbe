/**
 * phi: text that looks like a direct identifier. Notes are health records kept in
 * plain files (often in Git), so identifiers should not be in them at all.
 *
 * Scans the whole note text: front matter, prose, code blocks and HTML comments
 * (an identifier hidden in a comment is still in the file). Detectors, each a
 * `kind` that the `ignore` option can switch off:
 * - `ssn`: 123-45-6789 (dashes required), or "SSN" followed by nine digits.
 * - `phone`: US numbers with separators ("555-201-7788", "(555) 201-7788",
 *   "+1 555 201 7788"), international numbers written with "+" (E.164, 8–15
 *   digits, with or without spaces), and national numbers written with the
 *   trunk prefix 0 in the UK, Ireland, Australia and New Zealand ("07700
 *   900123", "0161 496 0000", "(02) 9876 5432"; phi-national.ts). US toll-free
 *   numbers (800, 888, 877, 866, 855, 844, 833) are public service lines, not
 *   identifiers, and are skipped.
 * - `email`: name@domain.tld.
 * - `address`: house number, one to three capitalised words and a street suffix
 *   ("42 Elm Street", "7 Rue Garibaldi Ave"), or a German-style "Hauptstraße 12".
 * - `mrn`: "MRN", "MR#", "medical record number" or "NHS number" followed by
 *   digits; health numbers read as record numbers: a UK NHS number, Canadian
 *   health card numbers (Ontario, BC, Quebec), an Australian Medicare number,
 *   labelled ("OHIP", "PHN", "Medicare no.") or bare when the format's check
 *   digit agrees (phi-national.ts).
 * - `dob`: a full date (day, month and year) after "DOB", "date of birth",
 *   "born" or "birth date". A year alone ("born in 1985") is not a full date of birth,
 *   and the visit's `date:` is never one.
 * - `patient-name`: the front matter `patient:` value has two or more capitalised
 *   words of two or more letters ("Robert Miller"); initials ("R.M.") and a
 *   single-word pseudonym are fine.
 * Messages name the kind only and never repeat the matched text.
 */
import { defineRule, type Fix, type RuleReport } from './types.ts';
import { NATIONAL_DETECTORS, NHS_DETECTOR } from './phi-national.ts';
import type { Range } from '../model/text.ts';

export type PhiKind = 'ssn' | 'phone' | 'email' | 'address' | 'mrn' | 'dob' | 'patient-name';
export const PHI_KINDS: readonly PhiKind[] = ['ssn', 'phone', 'email', 'address', 'mrn', 'dob', 'patient-name'];

export interface PhiOptions extends Record<string, unknown> {
  /** Kinds of identifier not to look for. */
  ignore: PhiKind[];
  /** Exact strings never reported (e.g. a clinic's public phone number). */
  allow: string[];
}

export interface PhiHit {
  kind: PhiKind;
  start: number;
  end: number;
}

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

export const MONTH =
  '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)';
const FULL_DATE =
  `(?:\\d{1,2}[/.\\-]\\d{1,2}[/.\\-](?:\\d{4}|\\d{2})(?!\\d)|\\d{4}-\\d{1,2}-\\d{1,2}(?!\\d)|` +
  `\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}\\.?,?\\s+\\d{4}(?!\\d)|` +
  `${MONTH}\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}(?!\\d))`;
/** Full street words, or abbreviations that may carry a dot ("St."); a sentence's own full stop is not taken. */
const STREET_SUFFIX =
  '(?:(?:Street|Avenue|Road|Boulevard|Lane|Drive|Court|Place|Terrace|Crescent|Parkway|Highway|Circle|Square|Way)\\b|' +
  '(?:St|Ave|Rd|Blvd|Ln|Dr|Ct|Pl|Pkwy|Hwy)\\b\\.?)';
const TOLL_FREE = new Set(['800', '888', '877', '866', '855', '844', '833']);

/** `requires`: a substring the pattern cannot match without (a cheap pre-check). */
export interface PhiDetector {
  kind: PhiKind;
  re: RegExp;
  accept?: (m: RegExpExecArray) => boolean;
  requires?: string;
}

const DETECTORS: PhiDetector[] = [
  NHS_DETECTOR,
  { kind: 'ssn', re: /(?<![\w-])\d{3}-\d{2}-\d{4}(?![\w-])/g },
  { kind: 'ssn', re: /\b(?:SSN|SS#|social security (?:number|no\.?|#))\s*[:#]?\s*\d{3}[\s-]?\d{2}[\s-]?\d{4}(?!\d)/gi },
  {
    kind: 'phone',
    re: /(?<![\w+\-/.])(?:\+?1[ .-]?)?(?:\(([2-9]\d{2})\)[ .-]?|([2-9]\d{2})[ .-])[2-9]\d{2}[ .-]\d{4}(?![\w-])/g,
    accept: (m) => !TOLL_FREE.has(m[1] ?? m[2] ?? ''),
  },
  {
    kind: 'phone',
    re: /(?<![\w+])\+(?!1[ .-]?\(?[2-9]\d{2})\d[\d ().-]{6,20}\d(?![\w-])/g,
    accept: (m) => {
      const digits = m[0].replace(/\D/g, '').length;
      return digits >= 8 && digits <= 15;
    },
  },
  // The pattern tries every character; notes rarely hold an '@', so check for one first.
  { kind: 'email', requires: '@', re: /(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b/g },
  {
    kind: 'address',
    re: new RegExp(
      `(?<![\\w.,/-])\\d{1,5}[A-Za-z]?(?:\\s+(?:N|S|E|W|North|South|East|West)\\.?)?(?:\\s+\\p{Lu}[\\p{L}'’.-]*){1,3}\\s+${STREET_SUFFIX}`,
      'gu',
    ),
  },
  { kind: 'address', re: /\b\p{Lu}\p{L}+(?:straße|strasse|gasse|weg|platz|allee)\s+\d{1,4}[a-z]?\b/gu },
  {
    kind: 'mrn',
    re: /(?:\bMRN\b|\bMR#|\bmedical record (?:number|no\.?|#)|\bNHS (?:number|no\.?))\s*[:#]?\s*(?:no\.?\s*)?[A-Z]{0,3}-?\d(?:[\d -]{2,14}\d)(?!\d)/gi,
  },
  {
    kind: 'dob',
    re: new RegExp(`(?:\\bDOB\\b|\\bD\\.O\\.B\\.?|\\bdate of birth\\b|\\bbirth ?date\\b|\\bborn(?:\\s+on)?\\b)\\s*[:\\-–]?\\s*${FULL_DATE}`, 'gi'),
  },
  // After the US formats, so a number both could be keeps the US reading (phi-national.ts).
  ...NATIONAL_DETECTORS,
];

/** Every identifier-looking span in `text`, left to right, overlaps removed. */
export function findPhi(text: string, ignore: ReadonlySet<string> = new Set()): PhiHit[] {
  const hits: PhiHit[] = [];
  for (const d of DETECTORS) {
    if (ignore.has(d.kind)) continue;
    if (d.requires && !text.includes(d.requires)) continue;
    d.re.lastIndex = 0;
    for (const m of text.matchAll(d.re)) {
      if (d.accept && !d.accept(m as RegExpExecArray)) continue;
      hits.push({ kind: d.kind, start: m.index!, end: m.index! + m[0].length });
    }
  }
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: PhiHit[] = [];
  for (const h of hits) {
    const prev = out[out.length - 1];
    if (prev && h.start < prev.end) continue;
    out.push(h);
  }
  return out;
}

/** Words that make a `patient:` value a label, not a name ("Client Seven"). */
const GENERIC = new Set([
  'patient', 'client', 'case', 'person', 'subject', 'anonymous', 'anon', 'pseudonym', 'unknown', 'test', 'example',
  'demo', 'sample', 'redacted', 'withheld', 'participant', 'resident', 'service', 'user', 'member',
]);

/** Two or more capitalised words of two or more letters, not a generic label. */
export function looksLikeFullName(value: string): boolean {
  const words = value.trim().replace(/^["']|["']$/g, '').split(/[\s,]+/).filter(Boolean);
  if (words.some((w) => GENERIC.has(w.toLowerCase().replace(/[^\p{L}]/gu, '')))) return false;
  const names = words.filter((w) => /^\p{Lu}[\p{L}\p{M}'’-]*\p{L}$/u.test(w));
  return names.length >= 2;
}

export default defineRule<PhiOptions>({
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
    const ignore = new Set((Array.isArray(options.ignore) ? options.ignore : []).map(String));
    const allow = new Set((Array.isArray(options.allow) ? options.allow : []).map((s) => String(s).trim()));
    for (const hit of findPhi(note.text, ignore)) {
      if (allow.has(note.text.slice(hit.start, hit.end).trim())) continue;
      reportHit(hit.kind, { start: hit.start, end: hit.end }, report);
    }
    if (!ignore.has('patient-name')) {
      const entry = note.frontMatter?.entries.find((e) => e.key === 'patient');
      if (entry && typeof entry.value === 'string' && !allow.has(entry.value.trim()) && looksLikeFullName(entry.value)) {
        reportHit('patient-name', entry.valueRange, report, [
          {
            title: 'Replace the name with its initials',
            edits: [{ range: entry.valueRange, newText: initials(entry.value) }],
          },
        ]);
      }
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
    .filter((w) => /^\p{Lu}/u.test(w))
    .map((w) => `${w[0]}.`)
    .join('');
}
