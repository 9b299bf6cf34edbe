/**
 * Worker threads for large runs (piscina). The pool is only worth its start-up
 * (each worker loads the engine: ~0.1–0.3 s) when there are many notes to parse,
 * so callers use it from MIN_NOTES_FOR_POOL notes up, and lint in the main thread
 * otherwise. If the pool cannot start (piscina or the worker bundle missing, a
 * platform without worker threads), or a task fails in a worker, the work is done
 * in the main thread instead: results never depend on where they were computed.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LintBatch, NoteOutput } from './core.ts';

/** Old-generation limit of each worker thread (MB). */
const WORKER_OLD_GENERATION_MB = 128;

/** Below this many notes to parse, one thread is faster than starting a pool. */
export const MIN_NOTES_FOR_POOL = 50;

export interface LintPool {
  readonly size: number;
  run(batch: LintBatch): Promise<NoteOutput[]>;
  close(): Promise<void>;
}

/**
 * The worker module and the function piscina calls in it: the TypeScript source
 * when running from sources, else the bundle itself (dist/visitnotes.js, which
 * exports `lintInWorker`): one file fewer in the npm package.
 */
function workerModule(): { filename: string; name: string } | undefined {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) return { filename: path.join(path.dirname(here), 'worker.ts'), name: 'default' };
  return existsSync(here) ? { filename: here, name: 'lintInWorker' } : undefined;
}

/** A pool of `size` workers, or undefined (with the reason) when one cannot be had. */
export async function createPool(size: number): Promise<{ pool?: LintPool; reason?: string }> {
  const worker = workerModule();
  if (!worker) return { reason: 'the bundle (dist/visitnotes.js) is missing' };
  let Piscina: typeof import('piscina').Piscina;
  try {
    ({ Piscina } = await import('piscina'));
  } catch (err) {
    return { reason: `piscina could not be loaded (${(err as Error).name})` };
  }
  try {
    // A worker's old generation is kept small: its notes die young, and V8 would
    // otherwise let garbage grow the heap (and the process's peak memory) for
    // a while before collecting it. A batch that needs more memory fails in the
    // worker and is linted in the main thread instead.
    const old = WORKER_OLD_GENERATION_MB;
    const piscina = new Piscina({
      filename: worker.filename,
      name: worker.name,
      minThreads: size,
      maxThreads: size,
      idleTimeout: 60_000,
      concurrentTasksPerWorker: 2,
      resourceLimits: { maxOldGenerationSizeMb: old },
    });
    return {
      pool: {
        size,
        run: (batch) => piscina.run(batch) as Promise<NoteOutput[]>,
        close: () => piscina.destroy(),
      },
    };
  } catch (err) {
    return { reason: `worker threads could not start (${(err as Error).name})` };
  }
}
