/**
 * The pseudonymous patient key: front matter `patient-key`, a random code that
 * tells apart people who share a pseudonym or initials (docs/format.md). It is
 * generated, never derived: not from a name, a birth date or a record number,
 * so the key itself identifies no one. New Note and `visitnotes init` write one;
 * later notes of the same person copy it.
 */
import { forText, onFirstUse, replaceNonLettersOrDigits } from '../letters.ts';

/** Crockford's base 32 without the letters that read as digits (i, l, o, u), lower case. */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** A new key, `xxxx-xxxx` (40 random bits: a collision in a program of 10,000 patients is about 1 in 20,000). */
export function newPatientKey(random: (bytes: Uint8Array) => Uint8Array = (b) => globalThis.crypto.getRandomValues(b)): string {
  const bytes = random(new Uint8Array(8));
  let out = '';
  for (let i = 0; i < 8; i++) {
    if (i === 4) out += '-';
    out += ALPHABET[bytes[i]! & 31];
  }
  return out;
}

/** Compared ignoring case and separators: `K7F3-Q9MR` and `k7f3q9mr` are one key. */
export function normalizePatientKey(value: string): string {
  return replaceNonLettersOrDigits(value.toLowerCase(), '');
}

/** Two capitalised words (`Maria Lopez`, `J. Smith` does not count): a name, not a code. */
const TWO_NAMES = onFirstUse(() => /\p{Lu}\p{Ll}+[\s.]+\p{Lu}\p{Ll}+/u);
const TWO_NAMES_ASCII = /[A-Z][a-z]+[\s.]+[A-Z][a-z]+/;

export type PatientKeyProblem = 'date' | 'record-number' | 'name' | 'patient-value' | 'too-short' | 'not-text';

/**
 * Why a written key could identify the person, or cannot tell people apart;
 * undefined for a usable key. Program study codes ("P-017") are fine.
 */
export function patientKeyProblem(value: unknown, patient: string | undefined): PatientKeyProblem | undefined {
  if (typeof value === 'number') value = String(value);
  if (typeof value !== 'string') return 'not-text';
  const v = value.trim();
  if (/^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$|^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}$|^(?:19|20)\d{6}$/.test(v)) return 'date';
  if (/^\d{6,}$/.test(v.replace(/[\s-]/g, ''))) return 'record-number';
  if (forText(v, TWO_NAMES_ASCII, TWO_NAMES).test(v)) return 'name';
  if (patient && normalizePatientKey(v) === normalizePatientKey(patient)) return 'patient-value';
  if (normalizePatientKey(v).length < 4) return 'too-short';
  return undefined;
}

export const PATIENT_KEY_ADVICE: Record<PatientKeyProblem, string> = {
  date: 'looks like a date; a key made from a birth date identifies the person',
  'record-number': 'looks like a record number, which identifies the person',
  name: 'looks like a name',
  'patient-value': 'repeats the patient value, so it cannot tell apart people who share it',
  'too-short': 'is too short to tell people apart',
  'not-text': 'should be a short code, not a list or mapping',
};
