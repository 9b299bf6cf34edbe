/**
 * The language server's watchdog (issue 16): a large note is parsed and linted
 * once in a worker thread, with the CLI's time budget, before the server
 * parses it on its own thread. If the worker finishes in time, its findings
 * (the same engine's, for the same text, config and history) are the note's
 * first diagnostics, and the note is then parsed on the main thread as every
 * note is (every other feature needs the model, which cannot cross threads);
 * if not, the worker is stopped and the note gets one fatal diagnostic
 * (`TOO_SLOW`) and an empty model, so no request on it can block the server.
 * Meanwhile the main thread answers every other request.
 *
 * Only notes over LARGE_NOTE_CHARS (256 KB; notes are a few KB) take this
 * path: a keystroke in an ordinary note never leaves the main thread. Notes
 * over the size or nesting limits are not parsed at all and need no worker.
 * Probes run one at a time (the budget's clock starts when a probe is handed
 * to the worker); a probe for a version that is no longer current is skipped.
 * Without worker threads (no bundle) notes are analysed as before.
 */
import { MAX_NOTE_BYTES, noteLimitProblem, TOO_SLOW, type Finding, type ResolvedConfig } from '../engine/index.ts';
import type { ProbeTask } from '../cli/lint/core.ts';
import { createPool, type LintPool } from '../cli/lint/pool.ts';
import { budgetSeconds, isAbort, LARGE_NOTE_CHARS } from '../cli/lint/watchdog.ts';

export type WatchdogVerdict = { stopped: string } | { findings: Finding[] };

export class ServerWatchdog {
  private pool: Promise<LintPool | undefined> | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly seconds = budgetSeconds()) {}

  /** Whether `text` is probed at all. */
  wants(text: string): boolean {
    return text.length > LARGE_NOTE_CHARS && !noteLimitProblem(text);
  }

  /**
   * A document of this length arrived: a large one will likely be probed, so the
   * worker starts now, while the server loads the note's config, rather than after.
   * (Only the length: `wants` scans the text, and the pool stays up once started.)
   */
  prepare(length: number): void {
    if (length > LARGE_NOTE_CHARS && length <= MAX_NOTE_BYTES) void this.workerPool();
  }

  /**
   * The worker's verdict: `stopped` with the reason when the note took too long
   * (it must not be analysed), `findings` when it finished in time, or undefined
   * when there was no answer (the version was no longer wanted, no worker, the
   * worker failed otherwise): the main thread then decides, as without a watchdog.
   * `current`: whether the version is still wanted when its turn comes.
   */
  check(text: string, config: ResolvedConfig, current: () => boolean, visits?: ProbeTask['visits']): Promise<WatchdogVerdict | undefined> {
    const verdict = this.queue.then(async (): Promise<WatchdogVerdict | undefined> => {
      if (!current()) return undefined;
      const pool = await this.workerPool();
      if (!pool) return undefined;
      try {
        const findings = await pool.probe({ text, config, ...(visits ? { visits } : {}) }, Math.max(1, Math.round(this.seconds * 1000)));
        return findings ? { findings } : undefined;
      } catch (err) {
        // Any other failure (the worker ran out of memory, say): the main thread decides, as before.
        return isAbort(err) ? { stopped: TOO_SLOW(this.seconds) } : undefined;
      }
    });
    this.queue = verdict.catch(() => undefined);
    return verdict;
  }

  private workerPool(): Promise<LintPool | undefined> {
    this.pool ??= createPool(1, { memoryMb: false, tasksPerWorker: 1 }).then((c) => c.pool);
    return this.pool;
  }

  async close(): Promise<void> {
    const pool = await this.pool;
    this.pool = undefined;
    await pool?.close();
  }
}
