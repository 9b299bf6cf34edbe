/**
 * Tells the command's loader (dist/cli-run.cjs, server/src/bundle/cli.ts) that this run
 * linted notes in this thread. The loader writes V8's code cache only after such a run:
 * the cache is written once and then reused until the bundle changes, so one written by
 * `visitnotes --version` (a fifth of the code), or by a run whose notes all went to worker
 * threads (two thirds of it), would leave every later lint compiling the rest of the engine
 * afresh (15–16 ms of a one-note run, measured).
 */
let onLinted: (() => void) | undefined;

/** The loader's callback (runCli); none when the CLI runs from the ES module build. */
export function setOnLinted(f: (() => void) | undefined): void {
  onLinted = f;
}

/** Called once a run has linted notes in this thread. */
export function linted(): void {
  onLinted?.();
}
