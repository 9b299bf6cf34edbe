/**
 * Direct identifiers in text: the detectors behind the `phi` rule, and the
 * masking every output applies. Notes are health records, so a finding, a
 * hover, a symbol, a report or an export never repeats text the `phi` rule
 * flags; it shows MASK instead. The rule reports; this module finds and masks.
 *
 * Detectors, each a `kind` that the `phi` rule's `ignore` option can switch off:
 * - `ssn`: 123-45-6789 (dashes required), or "SSN" followed by nine digits.
 * - `phone`: US numbers with separators ("555-201-7788", "(555) 201-7788",
 *   "+1 555 201 7788"), international numbers written with "+" (E.164, 8–15
 *   digits), and national numbers written with the trunk prefix 0 in the UK,
 *   Ireland, Australia and New Zealand (identifiers-national.ts). US toll-free
 *   numbers (800, 888, 877, 866, 855, 844, 833) are public service lines, not
 *   identifiers, and are skipped.
 * - `email`: name@domain.tld.
 * - `address`: house number, one to three capitalised words and a street suffix
 *   ("42 Elm Street", "7 Rue Garibaldi Ave"), or a German-style "Hauptstraße 12".
 * - `mrn`: "MRN", "MR#", "medical record number" or "NHS number" followed by
 *   digits; UK NHS, Canadian health card and Australian Medicare numbers,
 *   labelled or with a valid check digit (identifiers-national.ts).
 * - `dob`: a full date (day, month and year) after "DOB", "date of birth",
 *   "born" or "birth date". A year alone ("born in 1985") is not a full date of birth,
 *   and the visit's `date:` is never one.
 * - `patient-name`: the front matter `patient:` value has two or more capitalised
 *   words of two or more letters ("Robert Miller"); initials ("R.M.") and a
 *   single-word pseudonym are fine.
 */
import type { FrontMatter, IdentifierHit, IdentifierKind, Note, NoteIdentifiers } from './model/note.ts';
import { NATIONAL_DETECTORS, NHS_DETECTOR, prechecksOf, type PhiDetector } from './identifiers-national.ts';
import { isCapitalisedName } from './model/word-edges.ts';
import { isPlain, lettersOf, onFirstUse } from './letters.ts';

export type { PhiDetector } from './identifiers-national.ts';

export type { IdentifierHit, NoteIdentifiers } from './model/note.ts';

/** What replaces an identifier wherever a tool would otherwise quote it. */
export const MASK = '[identifier]';

export type PhiKind = IdentifierKind;
export const PHI_KINDS: readonly PhiKind[] = ['ssn', 'phone', 'email', 'address', 'mrn', 'dob', 'patient-name'];

export interface PhiHit {
  kind: PhiKind;
  start: number;
  end: number;
}

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
// Made on first use (letters.ts, onFirstUse): most notes are plain text, read by each detector's `plain` pattern.
const US_ADDRESS = onFirstUse(() => new RegExp(`(?<![\\w.,/-])\\d{1,5}[A-Za-z]?(?:\\s+(?:N|S|E|W|North|South|East|West)\\.?)?(?:\\s+\\p{Lu}[\\p{L}'’.-]*){1,3}\\s+${STREET_SUFFIX}`, 'gu'));
const GERMAN_ADDRESS = onFirstUse(() => /\b\p{Lu}\p{L}+(?:straße|strasse|gasse|weg|platz|allee)\s+\d{1,4}[a-z]?\b/gu);
const TOLL_FREE = new Set(['800', '888', '877', '866', '855', '844', '833']);

const DETECTORS: PhiDetector[] = [
  NHS_DETECTOR,
  { kind: 'ssn', re: /(?<![\w-])\d{3}-\d{2}-\d{4}(?![\w-])/g, digits: 9 },
  { kind: 'ssn', re: /\b(?:SSN|SS#|social security (?:number|no\.?|#))\s*[:#]?\s*\d{3}[\s-]?\d{2}[\s-]?\d{4}(?!\d)/gi, precheck: /ss[n#]|social security/i },
  {
    kind: 'phone',
    re: /(?<![\w+\-/.])(?:\+?1[ .-]?)?(?:\(([2-9]\d{2})\)[ .-]?|([2-9]\d{2})[ .-])[2-9]\d{2}[ .-]\d{4}(?![\w-])/g,
    digits: 10,
    accept: (m) => !TOLL_FREE.has(m[1] ?? m[2] ?? ''),
  },
  {
    kind: 'phone',
    re: /(?<![\w+])\+(?!1[ .-]?\(?[2-9]\d{2})\d[\d ().-]{6,20}\d(?![\w-])/g,
    requires: '+',
    accept: (m) => {
      const digits = m[0].replace(/\D/g, '').length;
      return digits >= 8 && digits <= 15;
    },
  },
  // The pattern tries every character; notes rarely hold an '@', so check for one first.
  { kind: 'email', requires: '@', re: /(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b/g },
  {
    kind: 'address',
    get re() {
      return US_ADDRESS();
    },
    plain: new RegExp(`(?<![\\w.,/-])\\d{1,5}[A-Za-z]?(?:\\s+(?:N|S|E|W|North|South|East|West)\\.?)?(?:\\s+[A-Z][A-Za-z'’.-]*){1,3}\\s+${STREET_SUFFIX}`, 'g'),
    precheck: new RegExp(`\\s${STREET_SUFFIX}`),
  },
  {
    kind: 'address',
    get re() {
      return GERMAN_ADDRESS();
    },
    plain: /\b[A-Z][A-Za-z]+(?:strasse|gasse|weg|platz|allee)\s+\d{1,4}[a-z]?\b/g,
    // Tried at every capital letter the pattern is slow; the suffix and house number are quick to look for.
    precheck: /(?:straße|strasse|gasse|weg|platz|allee)\s+\d/,
  },
  {
    kind: 'mrn',
    re: /(?:\bMRN\b|\bMR#|\bmedical record (?:number|no\.?|#)|\bNHS (?:number|no\.?))\s*[:#]?\s*(?:no\.?\s*)?[A-Z]{0,3}-?\d(?:[\d -]{2,14}\d)(?!\d)/gi,
    precheck: /mrn|mr#|medical record|nhs /i,
  },
  {
    kind: 'dob',
    re: new RegExp(`(?:\\bDOB\\b|\\bD\\.O\\.B\\.?|\\bdate of birth\\b|\\bbirth ?date\\b|\\bborn(?:\\s+on)?\\b)\\s*[:\\-–]?\\s*${FULL_DATE}`, 'gi'),
    precheck: /dob|d\.o\.b|birth|born/i,
  },
  // After the US formats, so a number both could be keeps the US reading (identifiers-national.ts).
  ...NATIONAL_DETECTORS,
];

/** The detectors, in the order `findPhi` runs them (identifiers-incremental.ts re-runs them near an edit). */
export const PHI_DETECTORS: readonly PhiDetector[] = DETECTORS;

/** Every identifier-looking span in `text`, left to right, overlaps removed. */
export function findPhi(text: string, ignore: ReadonlySet<string> = new Set()): PhiHit[] {
  const hits: PhiHit[] = [];
  const plain = isPlain(text);
  const allows = prechecksOf(text);
  for (const d of DETECTORS) {
    if (ignore.has(d.kind)) continue;
    if (!allows(d)) continue;
    const re = plain && d.plain ? d.plain : d.re;
    // exec with lastIndex rather than matchAll, which clones the regex on every
    // call: this runs for the note and for each display string that has a digit.
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m[0] === '') re.lastIndex++; // none of today's patterns matches nothing; never loop if one did
      if (d.accept && !d.accept(m)) continue;
      hits.push({ kind: d.kind, start: m.index, end: m.index + m[0].length });
    }
  }
  return firstOfOverlapping(hits);
}

/** The hits in text order, dropping any that overlaps one before it (the longer wins at the same start). */
export function firstOfOverlapping(hits: PhiHit[]): PhiHit[] {
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
  if (words.some((w) => GENERIC.has(lettersOf(w.toLowerCase())))) return false;
  const names = words.filter(isCapitalisedName);
  return names.length >= 2;
}


/** Which identifiers to look for: the `phi` rule's options. */
export interface IdentifierOptions {
  ignore?: readonly string[];
  allow?: readonly string[];
}

/**
 * Every identifier the `phi` rule flags in a note: the detectors over the
 * whole text (front matter, prose, code, comments), minus allowed strings, and
 * a `patient:` value that looks like a full name.
 */
export function findIdentifiers(
  text: string,
  frontMatter: FrontMatter | undefined,
  options: IdentifierOptions = {},
  /** `findPhi(text, ignore)` when the caller has it already (an incremental re-scan). */
  phi?: readonly PhiHit[],
): IdentifierHit[] {
  const ignore = new Set((options.ignore ?? []).map(String));
  const allow = new Set((options.allow ?? []).map((s) => String(s).trim()));
  const hits: IdentifierHit[] = [];
  for (const h of phi ?? findPhi(text, ignore)) {
    if (allow.has(text.slice(h.start, h.end).trim())) continue;
    hits.push({ kind: h.kind, range: { start: h.start, end: h.end } });
  }
  if (!ignore.has('patient-name')) {
    const entry = frontMatter?.entries.find((e) => e.key === 'patient');
    if (entry && typeof entry.value === 'string' && !allow.has(entry.value.trim()) && looksLikeFullName(entry.value)) {
      hits.push({ kind: 'patient-name', range: entry.valueRange });
    }
  }
  return hits;
}

/** Cheap test: every detector needs a digit or an '@' (patient names are masked by value). */
const MAYBE_IDENTIFIER = /[\d@]/;

/**
 * A function that masks, in any string derived from the note, the text of
 * `hits` (as written in the note) and anything the detectors find in the
 * string itself (markup can split an identifier in the source, `555-**201**-7788`).
 */
export function identifierMask(text: string, hits: readonly IdentifierHit[]): (s: string) => string {
  const flagged = [...new Set(hits.map((h) => text.slice(h.range.start, h.range.end).trim()).filter((s) => s.length > 0))].sort(
    (a, b) => b.length - a.length,
  );
  return (s) => {
    if (!s) return s;
    let out = s;
    for (const f of flagged) if (out.includes(f)) out = out.split(f).join(MASK);
    return maskIdentifiersIn(out);
  };
}

/** Masks what the detectors find in a string on its own (for text whose note is not at hand). */
export function maskIdentifiersIn(s: string): string {
  if (!s || !MAYBE_IDENTIFIER.test(s)) return s;
  const hits = findPhi(s);
  if (hits.length === 0) return s;
  let out = '';
  let at = 0;
  for (const h of hits) {
    out += s.slice(at, h.start) + MASK;
    at = h.end;
  }
  return out + s.slice(at);
}

/** A patient value for display: masked whole when it looks like a full name. */
export function displayPatient(patient: string): string {
  return looksLikeFullName(patient) ? MASK : maskIdentifiersIn(patient);
}

/** The options as a cache key (order-insensitive). */
export function identifierOptionsKey(options: IdentifierOptions): string {
  const list = (xs: readonly string[] | undefined) => JSON.stringify([...(xs ?? [])].map(String).sort());
  return `${list(options.ignore)}|${list(options.allow)}`;
}

/** The note's identifiers under `options`: the parse's own list when it used the same options. */
export function identifiersOf(note: { text: string; frontMatter: FrontMatter | undefined; identifiers: NoteIdentifiers }, options: IdentifierOptions): IdentifierHit[] {
  const ignore = Array.isArray(options.ignore) ? options.ignore : [];
  const allow = Array.isArray(options.allow) ? options.allow : [];
  if (note.identifiers.optionsKey === identifierOptionsKey({ ignore, allow })) return note.identifiers.hits;
  return findIdentifiers(note.text, note.frontMatter, { ignore, allow });
}

/**
 * Finds the note's identifiers and masks the model's display strings in place:
 * section titles, goal text, medication titles and field values, front-matter
 * keys. Section bodies (read by rules, never shown whole) lose only the flagged
 * text itself. Ranges still point into the real text, so fixes edit it as written.
 */
export function attachIdentifiers(note: Omit<Note, 'identifiers'>, options: IdentifierOptions = {}, phi?: readonly PhiHit[]): Note {
  const hits = findIdentifiers(note.text, note.frontMatter, options, phi);
  const full = note as Note;
  full.identifiers = { optionsKey: identifierOptionsKey(options), hits };
  const mask = identifierMask(note.text, hits);
  for (const s of note.sections) {
    s.title = mask(s.title);
    if (hits.length) s.text = maskFlagged(note.text, hits, s.text);
  }
  for (const g of note.goals) g.text = mask(g.text);
  for (const g of note.unidentifiedGoals) g.text = mask(g.text);
  for (const m of note.medications) {
    m.title = mask(m.title);
    for (const f of m.fields) f.value = mask(f.value);
  }
  for (const e of note.frontMatter?.entries ?? []) e.key = mask(e.key);
  return full;
}

function maskFlagged(text: string, hits: readonly IdentifierHit[], s: string): string {
  let out = s;
  for (const h of hits) {
    const flagged = text.slice(h.range.start, h.range.end).trim();
    if (flagged && out.includes(flagged)) out = out.split(flagged).join(MASK);
  }
  return out;
}
