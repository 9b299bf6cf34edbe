/**
 * Term lists the engine's modules build from their own words (what a countertransference
 * sentence "ties" to acting, what a self-report reacts with): each named, so that the build
 * compiles them with the vocabulary (vocabulary/precompiled.ts) and a cold run restores them
 * instead of tokenizing some 500 terms as the bundle starts (issue 12, goal 4). From source
 * (tests, tsx) nothing is precompiled and each list is built from its words, as before.
 */
import { PRECOMPILED_TERM_KEYS, PRECOMPILED_TERM_LISTS } from './precompiled.ts';
import { TermList, termKey, type CompiledTerms } from './terms.ts';

const registered = new Map<string, readonly string[]>();

/** The named lists by their terms' array: a rule option left at its default is that same array. */
const byTerms = new WeakMap<readonly string[], TermList>();

/** The list `terms`, named `name` (unique across the engine): restored when the build compiled it. */
export function builtinTermList(name: string, terms: readonly string[]): TermList {
  if (registered.has(name)) throw new Error(`two built-in term lists named ${name}`);
  registered.set(name, terms);
  const list = new TermList(terms, PRECOMPILED_TERM_LISTS?.[name]);
  byTerms.set(terms, list);
  return list;
}

/** The named list made from this very array (a rule's default option), if any. */
export function builtinListOf(terms: readonly string[]): TermList | undefined {
  return byTerms.get(terms);
}

/** Every built-in list made so far, by name (the modules that make them being loaded). */
export function builtinTermLists(): ReadonlyMap<string, readonly string[]> {
  return registered;
}

/** Every built-in list made so far, compiled (what the build embeds, once the modules that make them are loaded). */
export function compileBuiltinTermLists(): Record<string, CompiledTerms> {
  return Object.fromEntries([...registered].map(([name, terms]) => [name, new TermList(terms).compile()]));
}

const registeredKeys = new Map<string, readonly string[]>();

/**
 * The keys (termKey) of `terms`, named `name` (unique across the engine): restored when the
 * build compiled them (a line each), instead of tokenizing the terms as the module loads.
 */
export function builtinTermKeys(name: string, terms: readonly string[]): ReadonlySet<string> {
  if (registeredKeys.has(name)) throw new Error(`two built-in key sets named ${name}`);
  registeredKeys.set(name, terms);
  const compiled = PRECOMPILED_TERM_KEYS?.[name];
  return new Set(compiled !== undefined ? compiled.split('\n') : terms.map(termKey));
}

/** Every built-in key set made so far, by name. */
export function builtinTermKeySets(): ReadonlyMap<string, readonly string[]> {
  return registeredKeys;
}

/** Every built-in key set made so far, compiled: its keys, a line each (no key holds a line break: tokens never do). */
export function compileBuiltinTermKeys(): Record<string, string> {
  return Object.fromEntries([...registeredKeys].map(([name, terms]) => [name, terms.map(termKey).join('\n')]));
}
