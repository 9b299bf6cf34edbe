/**
 * dist/cli.cjs: the `visitnotes` command and the engine as one CommonJS bundle, run
 * with V8's code cache (see compile-cache.ts) by dist/cli.js, which calls `runCli`,
 * and by worker threads (piscina-worker.ts), which call the worker tasks. Loading it
 * runs no command. It carries the language server too, for `visitnotes lsp`; the build
 * points the code's `import.meta.url` at dist/visitnotes.js (scripts/build.mjs).
 */
import type { LintBatch, NoteOutput, ProbeTask } from '../cli/lint/core.ts';
import type { Finding } from '../engine/index.ts';

/** Runs the `visitnotes` command line on process.argv (sets process.exitCode). */
export async function runCli(): Promise<void> {
  await import('../cli/entry.ts');
}

/** A worker thread's batch of the CLI's lint run (pool.ts). */
export async function lintInWorker(batch: LintBatch): Promise<NoteOutput[]> {
  return (await import('../cli/lint/worker.ts')).default(batch);
}

/** The language server's watchdog task in a worker thread (lsp/watchdog.ts). */
export async function probeInWorker(task: ProbeTask): Promise<Finding[] | undefined> {
  return (await import('../cli/lint/worker.ts')).probeInWorker(task);
}
