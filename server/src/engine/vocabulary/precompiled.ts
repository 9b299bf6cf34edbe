/**
 * The built-in vocabulary compiled at build time: `compileVocabulary()`'s text
 * (terms tokenized, folded, keyed and sorted), so a cold run restores the lists
 * instead of tokenizing some 3,400 terms. scripts/build.mjs replaces this module
 * in the CLI and server bundles; from source (tests, tsx) it is undefined and
 * buildVocabulary builds the lists from the data files.
 */
import type { CompiledVocabulary } from './index.ts';

export const PRECOMPILED_VOCABULARY: CompiledVocabulary | undefined = undefined;
