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
import type { Finding } from '../../engine/index.ts';
import type { LintBatch, NoteOutput, ProbeTask } from './core.ts';

/** Old-generation limit of each worker thread (MB). */
const WORKER_OLD_GENERATION_MB = 128;
/**
 * Young-generation limit of each worker thread (MB). V8's default lets each
 * worker keep tens of MB of nursery; 8 MB takes about 20 MB off the peak memory
 * of a two-thread run of 600 notes for the same CPU (measured, docs/performance.md).
 */
const WORKER_YOUNG_GENERATION_MB = 8;

/** Below this many notes to parse, one thread is faster than starting a pool. */
export const MIN_NOTES_FOR_POOL = 50;

export interface LintPool {
  readonly size: number;
  /**
   * Lints `batch` in a worker. With `budgetMs`, a task still running after that
   * long is stopped (its worker is terminated and replaced) and the promise
   * rejects with an `AbortError` (see watchdog.ts).
   */
  run(batch: LintBatch, budgetMs?: number): Promise<NoteOutput[]>;
  /** The language server's watchdog: parses and lints one text in a worker, with its findings (see core.ts `probeNote`). */
  probe(task: ProbeTask, budgetMs: number): Promise<Finding[] | undefined>;
  close(): Promise<void>;
}

export interface PoolOptions {
  /** Old-generation limit per worker (MB); default WORKER_OLD_GENERATION_MB. `false`: Node's default (large notes). */
  memoryMb?: number | false;
  /** Tasks each worker runs at once (default 2). */
  tasksPerWorker?: number;
}

/**
 * The worker module and the functions piscina calls in it: the TypeScript source
 * when running from sources, else the worker threads' own script beside the bundle
 * (dist/piscina-worker.cjs, whose tasks run dist/cli.cjs with its code cache; see
 * bundle/piscina-worker.ts).
 */
function workerModule(): { filename: string; name: string; probe: string } | undefined {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) return { filename: path.join(path.dirname(here), 'worker.ts'), name: 'default', probe: 'probeInWorker' };
  const dir = path.dirname(here);
  const script = path.join(dir, 'piscina-worker.cjs');
  return existsSync(script) && existsSync(path.join(dir, 'cli.cjs')) ? { filename: script, name: 'lintInWorker', probe: 'probeInWorker' } : undefined;
}

/** A pool of `size` workers, or undefined (with the reason) when one cannot be had. */
export async function createPool(size: number, options: PoolOptions = {}): Promise<{ pool?: LintPool; reason?: string }> {
  const worker = workerModule();
  if (!worker) return { reason: 'the worker bundles (dist/piscina-worker.cjs, dist/cli.cjs) are missing' };
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
    const old = options.memoryMb ?? WORKER_OLD_GENERATION_MB;
    const piscina = new Piscina({
      filename: worker.filename,
      name: worker.name,
      minThreads: size,
      maxThreads: size,
      idleTimeout: 60_000,
      concurrentTasksPerWorker: options.tasksPerWorker ?? 2,
      ...(old === false ? {} : { resourceLimits: { maxOldGenerationSizeMb: old, maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } }),
    });
    const signal = (budgetMs: number | undefined) => (budgetMs === undefined ? {} : { signal: AbortSignal.timeout(budgetMs) });
    return {
      pool: {
        size,
        run: (batch, budgetMs) => piscina.run(batch, signal(budgetMs)) as Promise<NoteOutput[]>,
        probe: (task, budgetMs) => piscina.run(task, { name: worker.probe, ...signal(budgetMs) }) as Promise<Finding[] | undefined>,
        close: () => piscina.destroy(),
      },
    };
  } catch (err) {
    return { reason: `worker threads could not start (${(err as Error).name})` };
  }
}
