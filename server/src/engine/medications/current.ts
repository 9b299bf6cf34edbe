/**
 * The prose medications that count: mentioned as a prescription of this visit
 * (not quiet, see clause.ts) and without a `###` entry of their own. Shared by
 * `prose-medication` (which asks for the entry) and the cross-visit summary
 * (so continuity rules see a medication stopped or started in prose).
 */
import type { Note } from '../model/note.ts';
import type { MedicationLexicon } from '../vocabulary/medications.ts';
import { proseMedications, type ProseMedication } from './prose.ts';
import { trimToLettersAndDigits } from '../model/word-edges.ts';

/** Medication identity across visits: first word of the heading, lowercased. */
export function medicationKey(title: string): string {
  const first = title.trim().split(/\s+/)[0] ?? '';
  return trimToLettersAndDigits(first.toLowerCase());
}

/** Identities of the note's `###` entries, brand names read as their generic. */
export function entryKeys(note: Note, lexicon: MedicationLexicon): Set<string> {
  const keys = new Set<string>();
  for (const m of note.medications) {
    const key = medicationKey(m.title);
    keys.add(key);
    const generic = lexicon.lookup(key);
    if (generic) keys.add(generic.key);
  }
  return keys;
}

export function currentProseMedications(note: Note, lexicon: MedicationLexicon): ProseMedication[] {
  const withEntry = entryKeys(note, lexicon);
  return proseMedications(note, lexicon).filter((m) => !m.quiet && !withEntry.has(m.mention.key));
}
