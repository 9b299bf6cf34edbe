/**
 * dist/cli.cjs: the `visitnotes` command and the engine as one CommonJS bundle, run
 * with V8's code cache (see compile-cache.ts) by dist/cli-run.cjs (the command), which calls `runCli`,
 * and by worker threads (piscina-worker.ts), which call the worker tasks. Loading it
 * runs no command. `visitnotes lsp` starts the language server from dist/visitnotes.js
 * (lsp-from-esm.ts), through the import() dist/cli-run.cjs lends; the build points the code's
 * `import.meta.url` at dist/visitnotes.js (scripts/build.mjs).
 */
import type { LintBatch, NoteOutput, ProbeTask } from '../cli/lint/core.ts';
import type { Finding } from '../engine/index.ts';
import { setImportModule } from './esm-host.ts';
import { setLoaderHooks, type LoaderHooks } from '../cli/loader-hooks.ts';

/**
 * Runs the `visitnotes` command line on process.argv (sets process.exitCode).
 * `onLinted`, `onShortRun`: what the loader wants to hear from the run (cli/loader-hooks.ts).
 */
export async function runCli(host: { importModule?: (url: string) => Promise<unknown> } & LoaderHooks = {}): Promise<void> {
  setImportModule(host.importModule);
  setLoaderHooks(host);
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
