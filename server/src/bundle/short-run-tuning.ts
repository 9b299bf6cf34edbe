/**
 * V8 for a short run (issue 12, goal 4): the command's loader turns V8's optimising
 * compilers off when the CLI says the run lints little text, all of it in this thread
 * (cli/lint/short-run.ts).
 *
 * Why: such a run is over in a few tens of milliseconds, about when TurboFan's code for its
 * hottest functions would be ready. Compiling it costs more than it earns, and on the
 * 2-core machines of CI the compiler's thread takes a core from the lint: a one-note lint
 * used 20 % less CPU without it, 4 typical notes 10 % less wall time (docs/performance.md).
 * Sparkplug, V8's baseline compiler, stays: it is cheap and pays for itself within a note
 * (without it a one-note lint executes 3 % more instructions).
 *
 * Safety:
 * - Flags are V8's, process-wide and never reset: only the command's loader sets them,
 *   after V8 has checked the code cache against them, and only in a run without worker
 *   threads (a pool would inherit them) and with little text (a long note needs TurboFan).
 * - V8 stamps a code cache with a hash of its flags and rejects one whose stamp differs
 *   from the flags of the run reading it, which start as Node's defaults. So a run that
 *   will write the command's cache (none yet, or V8 rejected it) keeps the defaults, and
 *   a bundle loaded after the change has a cache for these flags (compile-cache.ts).
 *   A worker thread's cache needs none: a short run has no worker threads.
 * - Node keeps V8's flags unfrozen for `v8.setFlagsFromString`. The flags exist in every
 *   Node this package supports (V8 11.3 on); an unknown one would be an error line on
 *   stderr (test/cli/short-run.test.ts checks this Node's answer).
 */
import { setFlagVariant } from './compile-cache.ts';

// The bundles are CommonJS (dist/cli.cjs) or carry a require (dist/visitnotes.js's banner).
declare const require: (id: string) => unknown;

/**
 * Maglev is off by default on Node 20 and on from Node 22. Without the regexp tier-up, a
 * pattern run twice is compiled once, to machine code, instead of first to bytecode for
 * its first run (a one-note lint: 1 % fewer instructions).
 */
export const SHORT_RUN_V8_FLAGS = '--no-turbofan --no-maglev --no-regexp-tier-up';

/**
 * Sets SHORT_RUN_V8_FLAGS unless this run writes the command's code cache (`savesCache`,
 * compile-cache.ts); whether it did. Only a speed-up: a runtime without them (an exotic
 * `node:v8`) runs as it is.
 */
export function tuneForShortRun(savesCache: boolean, setFlags: (flags: string) => void = setV8Flags): boolean {
  if (savesCache) return false;
  try {
    setFlags(SHORT_RUN_V8_FLAGS);
  } catch {
    return false;
  }
  // A bundle loaded from now on (the cold section) keeps a cache for these flags.
  setFlagVariant('short-run');
  return true;
}

/** What node:v8's setFlagsFromString calls, less its check that `flags` is a string. */
interface V8Binding {
  setFlagsFromString?: (flags: string) => void;
}

/** Where V8's flags can be set from: `process` (@types/node leaves out its deprecated `binding`), and node:v8. */
export interface FlagSetters {
  process: { binding?(name: string): unknown; noDeprecation?: boolean };
  nodeV8(): Pick<typeof import('node:v8'), 'setFlagsFromString'>;
}

const NODE: FlagSetters = {
  process: process as FlagSetters['process'],
  nodeV8: () => require('node:v8') as typeof import('node:v8'),
};

/**
 * Sets V8 flags through Node's V8 binding, which is what node:v8 calls, or through node:v8
 * where the binding is not offered. Why not node:v8 alone: loading it loads Node's stream
 * modules, 3.4 ms and 114 page faults of a one-note run (the binding: 0.5 ms and 12).
 * `process.binding` is runtime-deprecated (DEP0111) for code that would break without it;
 * this has node:v8 to fall back on, so the warning is silenced for the one call
 * (`noDeprecation` is read as a warning is emitted, before --throw-deprecation).
 */
export function setV8Flags(flags: string, from: FlagSetters = NODE): void {
  const quiet = from.process.noDeprecation;
  let binding: V8Binding | undefined;
  try {
    from.process.noDeprecation = true;
    binding = from.process.binding?.('v8') as V8Binding | undefined;
  } catch {
    binding = undefined; // refused (Node's permission model): node:v8 below
  } finally {
    // As found: the property is Node's only under --no-deprecation.
    if (quiet === undefined) delete from.process.noDeprecation;
    else from.process.noDeprecation = quiet;
  }
  if (typeof binding?.setFlagsFromString === 'function') binding.setFlagsFromString(flags);
  else from.nodeV8().setFlagsFromString(flags);
}
