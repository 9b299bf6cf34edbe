/**
 * Medication-name completions. The list itself is the engine's `medications`
 * vocabulary (engine/vocabulary/data/medications.json): generic names of
 * psychotropic and commonly co-prescribed medications, each with brand and
 * other names that map to it. Offline by design — no network, no dosing data.
 */
import { medicationNames, type MedicationName } from '../engine/index.ts';

export { medicationNames, type MedicationName };

export interface MedicationMatch {
  medication: MedicationName;
  /** The brand the prefix matched, when it did not match the generic name. */
  viaBrand?: string;
}

/**
 * Medications whose generic name, or one of whose brand names, starts with
 * `prefix` (case-insensitive). Generic matches come first, then brand matches,
 * each alphabetical; an empty prefix lists every generic.
 */
export function matchMedications(prefix: string): MedicationMatch[] {
  const p = prefix.trim().toLowerCase();
  if (!p) return medicationNames().map((medication) => ({ medication }));
  const generic: MedicationMatch[] = [];
  const brand: MedicationMatch[] = [];
  for (const m of medicationNames()) {
    if (m.name.toLowerCase().startsWith(p)) generic.push({ medication: m });
    else {
      const b = m.brands.find((x) => x.toLowerCase().startsWith(p));
      if (b) brand.push({ medication: m, viaBrand: b });
    }
  }
  return [...generic, ...brand];
}
