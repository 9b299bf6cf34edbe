/**
 * data-provider.ts for the bundles (scripts/bundle-options.mjs substitutes this file):
 * the data files are required on first use, which a lint that restores its lists from
 * the build's compiled copy never makes.
 */
import type { VocabularyData } from './data-types.ts';

declare const require: (id: string) => unknown;

let data: VocabularyData | undefined;

export function getVocabularyData(): VocabularyData {
  data ??= {
    symptoms: require('./data/symptoms.json'),
    diagnoses: require('./data/diagnoses.json'),
    jargon: require('./data/jargon.json'),
    formulaic: require('./data/formulaic.json'),
    pressure: require('./data/pressure.json'),
    medications: require('./data/medications.json'),
  } as VocabularyData;
  return data;
}
