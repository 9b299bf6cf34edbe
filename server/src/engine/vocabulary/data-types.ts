/** The shapes of the vocabulary data files (data/*.json). */

export interface MedicationName {
  /** Generic name, as offered (`Sertraline`). */
  name: string;
  /** Brand and other names that map to the generic (`Zoloft`, `Lustral`). */
  brands: string[];
  /** Class, shown as completion detail (`SSRI antidepressant`). */
  class: string;
}

export interface ListData {
  description: string;
  terms: string[];
}

export interface VocabularyData {
  symptoms: ListData;
  diagnoses: ListData;
  jargon: ListData;
  formulaic: ListData;
  pressure: ListData;
  medications: { description: string; medications: MedicationName[] };
}
