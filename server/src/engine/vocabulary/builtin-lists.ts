/**
 * Term lists the engine's modules build from their own words (what a countertransference
 * sentence "ties" to acting, what a self-report reacts with): each named, so that the build
 * compiles them with the vocabulary (vocabulary/precompiled.ts) and a cold run restores them
 * instead of tokenizing some 500 terms as the bundle starts (issue 12, goal 4). From source
 * (tests, tsx) nothing is precompiled and each list is built from its words, as before.
 */
import { PRECOMPILED_TERM_LISTS } from './precompiled.ts';
import { TermList, type CompiledTerms } from './terms.ts';

const registered = new Map<string, readonly string[]>();

/** The list `terms`, named `name` (unique across the engine): restored when the build compiled it. */
export function builtinTermList(name: string, terms: readonly string[]): TermList {
  if (registered.has(name)) throw new Error(`two built-in term lists named ${name}`);
  registered.set(name, terms);
  return new TermList(terms, PRECOMPILED_TERM_LISTS?.[name]);
}

/** Every built-in list made so far, by name (the modules that make them being loaded). */
export function builtinTermLists(): ReadonlyMap<string, readonly string[]> {
  return registered;
}

/** Every built-in list made so far, compiled (what the build embeds, once the modules that make them are loaded). */
export function compileBuiltinTermLists(): Record<string, CompiledTerms> {
  return Object.fromEntries([...registered].map(([name, terms]) => [name, new TermList(terms).compile()]));
}
