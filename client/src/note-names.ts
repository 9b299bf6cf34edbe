/**
 * Pure helpers for New Note (no vscode import, so they are unit-tested in node).
 */

/** A local calendar date as YYYY-MM-DD. */
export function today(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** Pseudonyms, not names: initials or a code. A message when the input looks like a full name. */
export function checkPseudonym(value: string): string | undefined {
  const v = value.trim();
  if (!v) return 'Enter initials or a pseudonym (e.g. R.M.).';
  if (v.length > 40) return 'Keep the pseudonym short (initials or a code).';
  if (/^\p{Lu}\p{Ll}{2,}(?:[\s-]+\p{Lu}\p{Ll}{2,})+$/u.test(v)) return 'This looks like a full name. Notes use initials or a pseudonym (e.g. R.M.).';
  if (/[\r\n:#]/.test(v)) return 'Avoid line breaks, ":" and "#" in the pseudonym.';
  return undefined;
}

/** `2026-11-21-r-m.visit.md` */
export function fileNameFor(date: string, patient: string): string {
  const slug = patient
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
  return `${date}-${slug || 'note'}.visit.md`;
}

/** A YAML scalar for the front matter: plain when safe, else JSON-quoted (valid YAML). */
export function yamlScalar(value: string): string {
  return /^[\p{L}\p{N}][\p{L}\p{N} .'_-]*$/u.test(value) ? value : JSON.stringify(value);
}

/** The smallest single replacement turning `before` into `after`: the engine's (one for every face), never splitting CRLF or a surrogate pair. */
export { minimalEdit } from '../../server/src/engine/text-diff.ts';

/** A patient key earlier notes with the same pseudonym carry (visitNotes/patientKeys). */
export interface KnownPatientKey {
  key: string;
  notes: number;
}

export interface PatientKeyChoice {
  label: string;
  description: string;
  detail: string;
  /** The key to write; undefined: generate a new one. */
  key: string | undefined;
}

/**
 * What New Note asks when earlier notes share the pseudonym: the same person
 * (copy their key) or a different person with the same initials (a new key).
 * Nothing to ask when no earlier note carries a key.
 */
export function patientKeyChoices(known: readonly KnownPatientKey[], pseudonym: string): PatientKeyChoice[] {
  if (known.length === 0) return [];
  const same = known.map((k) => ({
    label: `The same person as the earlier ${pseudonym} notes`,
    description: `patient-key ${k.key}`,
    detail: `${k.notes} earlier note${k.notes === 1 ? '' : 's'} carr${k.notes === 1 ? 'ies' : 'y'} this key; the new note continues that course of care.`,
    key: k.key,
  }));
  return [
    ...same,
    {
      label: 'A different person with the same initials',
      description: 'a new random patient-key',
      detail: 'The new note starts its own course of care; nothing is compared with the other notes.',
      key: undefined,
    },
  ];
}

/** Without prompts (tests, other extensions): the one key in use, else a new one. */
export function defaultPatientKey(known: readonly KnownPatientKey[]): string | undefined {
  return known.length === 1 ? known[0]!.key : undefined;
}
