/**
 * Tells the command's loader (dist/cli-run.cjs, server/src/bundle/cli.ts) that this run
 * linted notes. The loader writes V8's code cache only after such a run: the cache is
 * written once and then reused until the bundle changes, so one written by
 * `visitnotes --version` (a fifth of the code) would leave every later lint compiling
 * the engine afresh (~15 ms of a one-note run).
 */
let onLinted: (() => void) | undefined;

/** The loader's callback (runCli); none when the CLI runs from the ES module build. */
export function setOnLinted(f: (() => void) | undefined): void {
  onLinted = f;
}

/** Called once a run has linted its notes. */
export function linted(): void {
  onLinted?.();
}
