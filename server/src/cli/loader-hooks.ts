/**
 * What the command's loader (dist/cli-run.cjs, server/src/bundle/cli.ts) wants to hear
 * from a run. The loader owns V8's code cache, and with it what V8 may be told:
 *
 * - `linted`: this run linted notes in this thread. The loader writes the code cache
 *   only after such a run: the cache is written once and then reused until the bundle
 *   changes, so one written by `visitnotes --version` (a fifth of the code), or by a run
 *   whose notes all went to worker threads (two thirds of it), would leave every later
 *   lint compiling the rest of the engine afresh (15–16 ms of a one-note run, measured).
 * - `shortRun`: this run lints little text, all of it in this thread (short-run.ts). The
 *   loader may turn V8's optimising compilers off: their code would be ready about when
 *   the lint ends. It answers whether it did.
 *
 * None of these is set when the CLI runs from the ES module build or the package API.
 */
export interface LoaderHooks {
  onLinted?(): void;
  onShortRun?(): boolean;
}

let hooks: LoaderHooks = {};

/** The loader's callbacks (runCli). */
export function setLoaderHooks(given: LoaderHooks): void {
  hooks = given;
}

/** Called once a run has linted notes in this thread. */
export function linted(): void {
  hooks.onLinted?.();
}

/** Called before a short run lints (short-run.ts); whether the loader tuned V8 for it. */
export function shortRun(): boolean {
  return hooks.onShortRun?.() ?? false;
}
