/**
 * dist/cli.js: the `visitnotes` command (bin/visitnotes.js loads it), a bundle of its own:
 * the engine and the CLI without the language server (vscode-languageserver), so that a
 * lint of one note (a pre-commit hook) loads only what it needs. `visitnotes lsp` loads
 * the language server from dist/visitnotes.js on demand (lsp-from-core.ts).
 *
 * The CLI's worker threads load this file too (cli/lint/pool.ts starts the bundle it runs
 * in), so it exports the worker tasks and starts the command only in the main thread.
 */
import { isMainThread } from 'node:worker_threads';
import type { LintBatch, NoteOutput, ProbeTask } from '../cli/lint/core.ts';

/** The worker-thread task of large lint runs (piscina calls it by name). */
export async function lintInWorker(batch: LintBatch): Promise<NoteOutput[]> {
  return (await import('../cli/lint/worker.ts')).default(batch);
}

/** The watchdog task (pool.ts names it beside lintInWorker; the language server's pool uses visitnotes.js). */
export async function probeInWorker(task: ProbeTask): Promise<void> {
  (await import('../cli/lint/worker.ts')).probeInWorker(task);
}

if (isMainThread) await import('../cli/entry.ts');
