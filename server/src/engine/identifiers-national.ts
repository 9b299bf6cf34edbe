/**
 * Identifier formats of English-speaking countries beyond the US ones in
 * identifiers.ts: national phone numbers written with the trunk prefix 0 (UK, Ireland,
 * Australia, New Zealand), and health numbers read as medical-record-like
 * identifiers — the UK NHS number, Canadian health card numbers (Ontario,
 * British Columbia, Quebec) and the Australian Medicare number.
 *
 * Bare digit runs are only taken when their own check digit agrees (NHS
 * mod 11, Ontario Luhn, BC mod 11, Medicare weighted sum), so a ten-digit
 * count or order number is not mistaken for one more than rarely; labelled
 * numbers ("OHIP", "PHN", "Medicare no.") are taken as written. Doses, dates,
 * times and years never match: every pattern needs nine or more digits in the
 * grouping its format uses.
 */
import type { IdentifierKind } from './model/note.ts';
import { charCode } from './char-code.ts';

/**
 * Cheap pre-checks, each something the pattern cannot match without:
 * `requires`, a substring; `precheck`, a simpler pattern (without the costly
 * part, such as a capitalised word tried at every capital letter) that must
 * match somewhere in the text. Besides time on long text, a pre-check spares a
 * cold run compiling the pattern at all for the many notes it cannot match.
 */
export interface PhiDetector {
  kind: IdentifierKind;
  re: RegExp;
  accept?: (m: RegExpExecArray) => boolean;
  requires?: string;
  precheck?: RegExp;
  /**
   * The fewest digits any match of `re` holds within one run of digits and ` -.()+/`
   * (longestDigitRun): a text without so long a run is not searched. A count the pattern
   * itself needs, not its `accept`: where a detector is skipped, it has no match at all
   * (identifiers-incremental.ts keeps rejected matches too).
   */
  digits?: number;
  /** `re` for plain text (letters.ts), without its Unicode classes: the same matches there, and much cheaper to compile. */
  plain?: RegExp;
}

/** The pre-checks for one text, as a test per detector (the text's longest digit run is counted once, when first needed). */
export function prechecksOf(text: string): (d: PhiDetector) => boolean {
  let run: number | undefined;
  return (d) => {
    if (d.requires && !text.includes(d.requires)) return false;
    if (d.digits !== undefined && (run ??= longestDigitRun(text)) < d.digits) return false;
    return !d.precheck || d.precheck.test(text);
  };
}

/**
 * The most digits in one run of digits and the characters the number formats put between
 * them (space, `-`, `.`, `(`, `)`, `+`, `/`). A visit date gives 8; a phone or health number 9 or more.
 */
export function longestDigitRun(text: string): number {
  let best = 0;
  let run = 0;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const c = charCode(text, i);
    if (c >= 48 && c <= 57) {
      if (++run > best) best = run;
    } else if (c !== 32 && c !== 45 && c !== 46 && c !== 40 && c !== 41 && c !== 43 && c !== 47) run = 0;
  }
  return best;
}

const digits = (s: string) => s.replace(/\D/g, '');

/** NHS number: 10 digits, weights 10..2 on the first nine, 11 − (sum mod 11) is the tenth (11 → 0; 10 invalid). */
export function validNhs(s: string): boolean {
  const d = digits(s);
  if (d.length !== 10 || /^(\d)\1{9}$/.test(d)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(d[i]) * (10 - i);
  const check = 11 - (sum % 11);
  return check !== 10 && (check === 11 ? 0 : check) === Number(d[9]);
}

/** Luhn, as Ontario health card numbers use. */
export function validLuhn(s: string): boolean {
  const d = digits(s);
  let sum = 0;
  for (let i = 0; i < d.length; i++) {
    let n = Number(d[d.length - 1 - i]);
    if (i % 2 === 1) n = n * 2 > 9 ? n * 2 - 9 : n * 2;
    sum += n;
  }
  return d.length >= 10 && sum % 10 === 0 && !/^(\d)\1+$/.test(d);
}

/** BC Personal Health Number: 10 digits starting with 9; weights 2,4,8,5,10,9,7,3 on digits 2–9, 11 − (sum mod 11) is the tenth. */
export function validBcPhn(s: string): boolean {
  const d = digits(s);
  if (d.length !== 10 || d[0] !== '9') return false;
  const weights = [2, 4, 8, 5, 10, 9, 7, 3];
  const sum = weights.reduce((acc, w, i) => acc + ((Number(d[i + 1]) * w) % 11), 0);
  const check = 11 - (sum % 11);
  return check < 10 && check === Number(d[9]);
}

/** Australian Medicare: first digit 2–6; weights 1,3,7,9,1,3,7,9 on the first eight, sum mod 10 is the ninth. */
export function validMedicare(s: string): boolean {
  const d = digits(s);
  if (d.length < 10 || d.length > 11 || !/^[2-6]/.test(d)) return false;
  const weights = [1, 3, 7, 9, 1, 3, 7, 9];
  const sum = weights.reduce((acc, w, i) => acc + Number(d[i]) * w, 0);
  return sum % 10 === Number(d[8]);
}

/** 9–11 digits in all: the length of a national number with its trunk prefix. */
const nationalLength = (m: RegExpExecArray) => {
  const n = digits(m[0]).length;
  return n >= 9 && n <= 11;
};

/**
 * NHS number without a label: 3-3-4 with spaces (as the NHS writes it), or ten
 * digits, when its check digit agrees. Tried before the US phone formats, which
 * a spaced 3-3-4 number also fits; US numbers are usually written with dashes
 * or brackets, and either way the number is reported.
 */
export const NHS_DETECTOR: PhiDetector = {
  kind: 'mrn',
  re: /(?<![\w+\-/.])\d{3} \d{3} \d{4}(?![\w-]|[.:/]\d)|(?<![\w+\-/.])\d{10}(?![\w-]|[.:/]\d)/g,
  digits: 10,
  accept: (m) => validNhs(m[0]),
};

export const NATIONAL_DETECTORS: PhiDetector[] = [
  // UK mobile, unbroken or 5-6 / 5-3-3: 07700 900123, 07700900123, 07700 900 123.
  { kind: 'phone', re: /(?<![\w+\-/.])07\d{3}[ -]?(?:\d{6}|\d{3}[ -]\d{3})(?![\w-])/g, digits: 11 },
  // Trunk-prefixed national numbers: 0161 496 0000, 020 7946 0000, (02) 9876 5432, 0412 345 678, 087 123 4567, 01632 960123.
  {
    kind: 'phone',
    re: /(?<![\w+\-/.:])(?:\(0\d{1,4}\)|0\d{1,4})(?:[ -]\d{6}|[ -]\d{3,4}(?:[ -]\d{3,4})?)(?![\w-]|[.:/]\d)/g,
    digits: 5,
    accept: nationalLength,
  },
  // Labelled health numbers (Canada, Australia, Scotland, New Zealand) and a hospital number.
  {
    kind: 'mrn',
    re: /\b(?:OHIP|PHN|HCN|RAMQ|CHI|NHI|IHI|health card|health insurance|personal health|medicare|hospital)(?:\s+(?:number|no\.?|#|card))?\s*[:#]?\s*(?:no\.?\s*)?[A-Z]{0,4}\s?\d[\d -]{5,14}\d(?:[ -]?[A-Z]{1,2}\b)?/gi,
    precheck: /\b(?:ohip|phn|hcn|ramq|chi|nhi|ihi|health|medicare|hospital)/i,
    // Seven digits or more, and not a list of years ("hospital 2019 2020").
    accept: (m) => digits(m[0]).length >= 7 && !/^\D*(?:(?:19|20)\d\d\D+)+(?:19|20)\d\d\D*$/.test(m[0]),
  },
  // Ontario: 4-3-3 with a version code (1234-567-890-AB), or without one when the Luhn digit agrees.
  {
    kind: 'mrn',
    re: /(?<![\w+\-/.])\d{4}[ -]\d{3}[ -]\d{3}(?:[ -]?[A-Z]{2})?(?![\w-])/g,
    digits: 10,
    accept: (m) => /[A-Z]{2}$/.test(m[0]) || validLuhn(m[0]),
  },
  // British Columbia PHN: 9xxx xxx xxx, check digit mod 11.
  { kind: 'mrn', re: /(?<![\w+\-/.])9\d{3} ?\d{3} ?\d{3}(?![\w-])/g, digits: 10, accept: (m) => validBcPhn(m[0]) },
  // Quebec RAMQ: four letters and eight digits (ABCD 1234 5678).
  { kind: 'mrn', re: /\b[A-Z]{4} ?\d{4} ?\d{4}\b/g, digits: 8 },
  // Australian Medicare: 4-5-1 (and the 1-digit IRN), check digit by weighted sum.
  { kind: 'mrn', re: /(?<![\w+\-/.])[2-6]\d{3} ?\d{5} ?\d(?:[ /-]?\d)?(?![\w-])/g, digits: 10, accept: (m) => validMedicare(m[0]) },
];
