/**
 * Which known field a medication field name stands for. A near miss
 * (`Rationle:`, `Rational:`, `Plna:`, `Meanign:`) or a clinician's synonym
 * (`Reason:` in an entry without a Rationale) is read as that field by every
 * rule, so one typo is one finding (medication-fields') instead of a cascade
 * (a goal cited in `Rational:` counted as unlinked, say).
 */
import { closeNames } from './spelling.ts';
import { MEDICATION_FIELDS, type MedicationField } from './note.ts';

/** Ordinary words one letter away from a field name: prose, not typos. */
export const NOT_TYPOS: ReadonlySet<string> = new Set([
  'pain', 'plain', 'plane', 'plant', 'plank', 'play', 'clan', 'flan', 'pan', 'chance', 'charge', 'leaning',
]);

/** Names clinicians write for a field, read as that field only when the entry lacks it. */
export const FIELD_SYNONYMS: Readonly<Record<string, string>> = {
  reason: 'Rationale',
  reasons: 'Rationale',
  indication: 'Rationale',
  indications: 'Rationale',
  purpose: 'Rationale',
  why: 'Rationale',
  'what it means': 'Meaning',
};

/** Known names a written field name is a near miss for (tighter than a plain edit distance for short names). */
export function fieldCandidates(name: string, known: readonly string[]): string[] {
  const key = name.toLowerCase();
  if (key.length < 3 || NOT_TYPOS.has(key)) return [];
  return closeNames(key, known, key.length >= 8 ? 2 : 1);
}

const BUILT_IN = new Set(MEDICATION_FIELDS.map((f) => f.toLowerCase()));

/**
 * Sets `meant` on each field of one entry: its own key when it is a built-in
 * field; the field a near miss or synonym stands for, when exactly one fits
 * and the entry does not already have that field; otherwise undefined.
 */
export function resolveFieldNames(fields: MedicationField[]): void {
  const present = new Set(fields.filter((f) => BUILT_IN.has(f.key)).map((f) => f.key));
  for (const f of fields) {
    if (BUILT_IN.has(f.key)) {
      f.meant = f.key;
      continue;
    }
    const synonym = FIELD_SYNONYMS[f.key]?.toLowerCase();
    const candidates = synonym ? [synonym] : fieldCandidates(f.name, MEDICATION_FIELDS).map((c) => c.toLowerCase());
    f.meant = candidates.length === 1 && !present.has(candidates[0]!) ? candidates[0] : undefined;
  }
}
