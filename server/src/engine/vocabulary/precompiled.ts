/**
 * The built-in vocabulary compiled at build time: `compileVocabulary()`'s text
 * (terms tokenized, folded, keyed and sorted), so a cold run restores the lists
 * instead of tokenizing some 3,400 terms; and the engine's named term lists
 * (builtin-lists.ts) likewise, and its named key sets. scripts/build.mjs replaces this module
 * in the CLI and server bundles; from source (tests, tsx) it is undefined and
 * buildVocabulary builds the lists from the data files.
 */
import type { VocabularyName } from '../config/types.ts';
import type { CompiledLexicon } from './medications.ts';
import type { CompiledTerms } from './terms.ts';

/** The built-in vocabulary as text: what the build embeds. */
export type CompiledVocabulary = Record<Exclude<VocabularyName, 'medications'>, CompiledTerms> & { medications: CompiledLexicon };

export const PRECOMPILED_VOCABULARY: CompiledVocabulary | undefined = undefined;

/** The engine's own named term lists (builtin-lists.ts), compiled the same way. */
export const PRECOMPILED_TERM_LISTS: Record<string, CompiledTerms> | undefined = undefined;

/** The engine's named key sets (builtin-lists.ts, builtinTermKeys): each set's keys, a line each. */
export const PRECOMPILED_TERM_KEYS: Record<string, string> | undefined = undefined;
