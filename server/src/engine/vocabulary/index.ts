/**
 * Term lists shipped as data (vocabulary/data/*.json) and matched on word
 * boundaries. Programs extend or trim them from config (`vocabulary:`).
 * How terms match a text (tokens, case, plurals): vocabulary/terms.ts.
 */
import type { VocabularyName } from '../config/types.ts';
import { getVocabularyData } from './data-provider.ts';
import { MedicationLexicon, medicationsDescription, medicationTerms } from './medications.ts';
import { TermList, termKey } from './terms.ts';
import { builtinListOf } from './builtin-lists.ts';
import { PRECOMPILED_VOCABULARY, type CompiledVocabulary } from './precompiled.ts';

export { TermList, fold, isCaseSensitiveTerm, termKey, tokenize, type TermMatch, type Token } from './terms.ts';
export type { CompiledVocabulary } from './precompiled.ts';

export interface Vocabulary {
  symptoms: TermList;
  diagnoses: TermList;
  jargon: TermList;
  formulaic: TermList;
  pressure: TermList;
  /** Medication names, generic and brand, each mapped to its generic (see medications.ts). */
  medications: MedicationLexicon;
}

export const VOCABULARY_NAMES: readonly VocabularyName[] = ['symptoms', 'diagnoses', 'jargon', 'formulaic', 'pressure', 'medications'];

let builtinMedicationTerms: string[] | undefined;

/** A data file's list, read on first use (data-provider.ts). */
function dataList(name: Exclude<VocabularyName, 'medications'>): { description: string; terms: string[] } {
  return {
    get description() {
      return getVocabularyData()[name].description;
    },
    get terms() {
      return getVocabularyData()[name].terms;
    },
  };
}

/** The lists as shipped, each read from its data file on first use (a lint restores them from the build's compiled copy). */
export const BUILTIN_VOCABULARY: Record<VocabularyName, { description: string; terms: string[] }> = {
  symptoms: dataList('symptoms'),
  diagnoses: dataList('diagnoses'),
  jargon: dataList('jargon'),
  formulaic: dataList('formulaic'),
  pressure: dataList('pressure'),
  // Its terms made once, on first use (medications.ts, medicationTerms).
  medications: {
    get description() {
      return medicationsDescription();
    },
    get terms() {
      return (builtinMedicationTerms ??= [...medicationTerms()]);
    },
  },
};

export type VocabularyChanges = Partial<Record<VocabularyName, { add?: string[]; remove?: string[] }>>;

const cache = new Map<string, Vocabulary>();

type TermListName = Exclude<VocabularyName, 'medications'>;

/** The built-in lists as `buildVocabulary()` makes them from the data files, as data. */
export function compileVocabulary(): CompiledVocabulary {
  const v = makeVocabulary({}, undefined);
  return {
    symptoms: v.symptoms.compile(),
    diagnoses: v.diagnoses.compile(),
    jargon: v.jargon.compile(),
    formulaic: v.formulaic.compile(),
    pressure: v.pressure.compile(),
    medications: v.medications.compile(),
  };
}


/**
 * Builds (and caches per distinct change set) the vocabulary a config asks for.
 * `remove` drops a built-in or added term by its spelling, ignoring case;
 * `add` appends terms (a term both added and removed stays removed).
 * A list the config leaves alone is restored from the build's compiled copy, if any.
 */
export function buildVocabulary(changes: VocabularyChanges = {}): Vocabulary {
  const key = JSON.stringify(changes);
  const hit = cache.get(key);
  if (hit) return hit;
  const vocab = makeVocabulary(changes, PRECOMPILED_VOCABULARY);
  if (cache.size > 32) cache.clear();
  cache.set(key, vocab);
  return vocab;
}

/** No `add` or `remove` with anything in it: the built-in list as shipped. */
function unchanged(change: { add?: unknown; remove?: unknown } | undefined): boolean {
  const empty = (xs: unknown) => xs === undefined || (Array.isArray(xs) && xs.length === 0);
  return !change || (empty(change.add) && empty(change.remove));
}

/** The vocabulary for `changes`; lists the changes leave alone are restored from `compiled` when given. */
export function makeVocabulary(changes: VocabularyChanges, compiled: CompiledVocabulary | undefined): Vocabulary {
  const make = (name: TermListName) => {
    const change = changes[name];
    // The terms themselves only if asked for (TermList.terms): restoring needs none of the data file.
    if (compiled && unchanged(change)) return new TermList(() => BUILTIN_VOCABULARY[name].terms, compiled[name]);
    const remove = new Set((change?.remove ?? []).filter((t) => typeof t === 'string').map(termKey));
    const terms = [...BUILTIN_VOCABULARY[name].terms, ...(change?.add ?? [])].filter(
      (t) => typeof t === 'string' && (remove.size === 0 || !remove.has(termKey(t))),
    );
    return new TermList(terms);
  };
  const medications = changes.medications;
  return {
    symptoms: make('symptoms'),
    diagnoses: make('diagnoses'),
    jargon: make('jargon'),
    formulaic: make('formulaic'),
    pressure: make('pressure'),
    medications:
      compiled && unchanged(medications)
        ? new MedicationLexicon([], [], compiled.medications)
        : new MedicationLexicon(
            (medications?.add ?? []).filter((t) => typeof t === 'string'),
            (medications?.remove ?? []).filter((t) => typeof t === 'string'),
          ),
  };
}

const listCache = new WeakMap<readonly string[], TermList>();

/**
 * A TermList for a rule option's list, built once per list (config objects are
 * resolved once, so the same array comes back on every lint).
 */
export function termListFor(terms: readonly string[]): TermList {
  let list = listCache.get(terms);
  // A rule's default list is one of the engine's named lists, compiled by the build (builtin-lists.ts).
  if (!list) listCache.set(terms, (list = builtinListOf(terms) ?? new TermList(terms)));
  return list;
}
