/**
 * The watchdog, the CLI's last line of defence (issue 16): no note may take
 * longer than a time budget to parse and lint. The limits (engine/limits.ts)
 * and the fast parser keep every known input linear; the watchdog is for what
 * they do not foresee. A note past the budget gets one fatal finding
 * (`TOO_SLOW`) and every other note is linted as usual.
 *
 * Only a worker thread can be stopped, so:
 *
 * - Runs with worker threads: each batch gets the budget (a batch is a few
 *   dozen ordinary notes, milliseconds each). A batch past it, or one whose
 *   worker failed, is run again one note at a time in the watchdog's own
 *   worker, each note with the budget; a note alone past it is the slow one.
 *   Splitting changes nothing in the findings: the run re-lints any note whose
 *   batch gave it another history (run-lint.ts).
 * - Runs in the main thread (few notes): notes over LARGE_NOTE_CHARS go to a
 *   one-thread pool of their own with the budget; smaller notes are linted in
 *   the main thread, where the limits bound them (a 256 KB note of the worst
 *   known kind lints in about a second) and a worker's start-up (0.1–0.3 s)
 *   would cost more than the note.
 *
 * Without worker threads (no bundle, a platform without them) notes are linted
 * in the main thread without a budget, as before.
 */
import { TOO_SLOW } from '../../engine/index.ts';
import { lintBatch, type CoreEnv, type LintBatch, type NoteInput, type NoteOutput } from './core.ts';
import { createPool, type LintPool } from './pool.ts';

/** The default budget per note (s): a 4 MB note of ordinary prose lints in about 12 s on a busy 2-core machine; CI may be slower. */
export const DEFAULT_BUDGET_SECONDS = 60;

/** Notes longer than this (UTF-16 code units) are not linted in the main thread when a worker can take them. */
export const LARGE_NOTE_CHARS = 256 * 1024;

/**
 * The budget in seconds: VISITNOTES_NOTE_TIMEOUT (seconds, > 0; the tests set a
 * small one), else DEFAULT_BUDGET_SECONDS. An unusable value is ignored.
 */
export function budgetSeconds(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.VISITNOTES_NOTE_TIMEOUT;
  const value = raw === undefined || raw.trim() === '' ? NaN : Number(raw);
  return Number.isFinite(value) && value > 0 ? value : DEFAULT_BUDGET_SECONDS;
}

export function isAbort(err: unknown): boolean {
  return (err as Error | undefined)?.name === 'AbortError';
}

export class Watchdog {
  private guard: Promise<LintPool | undefined> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  /** Pools to close at the end (the guard may have been given up on). */
  private readonly started: LintPool[] = [];
  readonly seconds: number;

  constructor(
    private readonly env: CoreEnv,
    seconds = budgetSeconds(),
  ) {
    this.seconds = seconds;
  }

  private get budgetMs(): number {
    return Math.max(1, Math.round(this.seconds * 1000));
  }

  private tooSlow(note: NoteInput): NoteOutput {
    return { kind: 'fatal', path: note.path, reason: TOO_SLOW(this.seconds) };
  }

  /**
   * A batch in `pool` with the budget. Past it, or if the worker failed, each
   * note again on its own in the watchdog's worker: a worker runs two tasks at
   * once, so a batch may have run out of time waiting for a slow neighbour.
   */
  async inPool(pool: LintPool, batch: LintBatch): Promise<NoteOutput[]> {
    try {
      return await pool.run(batch, this.budgetMs);
    } catch {
      const outputs: NoteOutput[] = [];
      for (const note of batch.notes) outputs.push(...(await this.alone({ ...batch, notes: [note] })));
      return outputs;
    }
  }

  /** A batch the main thread takes: its large notes go to the watchdog's worker. */
  async inMainThread(batch: LintBatch): Promise<NoteOutput[]> {
    if (!batch.notes.some((n) => n.text.length > LARGE_NOTE_CHARS)) return lintBatch(batch, this.env);
    const outputs = new Map<string, NoteOutput>();
    const small = batch.notes.filter((n) => n.text.length <= LARGE_NOTE_CHARS);
    if (small.length > 0) for (const out of await lintBatch({ ...batch, notes: small }, this.env)) outputs.set(out.path, out);
    for (const note of batch.notes) {
      if (note.text.length <= LARGE_NOTE_CHARS) continue;
      for (const out of await this.alone({ ...batch, notes: [note] })) outputs.set(out.path, out);
      this.env.onStep?.();
      this.env.onStep?.();
    }
    return batch.notes.map((n) => outputs.get(n.path)!);
  }

  /**
   * One note in the watchdog's worker, one task at a time (the budget's clock
   * starts when the task is handed over, so tasks must not queue there). Past
   * the budget: the fatal finding. If the worker fails otherwise (or none can
   * be had), the main thread lints the note.
   */
  private alone(batch: LintBatch): Promise<NoteOutput[]> {
    const task = this.queue.then(async () => {
      const guard = await this.guardPool();
      if (!guard) return lintBatch(batch, this.env);
      try {
        return await guard.run(batch, this.budgetMs);
      } catch (err) {
        if (isAbort(err)) return [this.tooSlow(batch.notes[0]!)];
        // A worker that fails without running out of time (no lint function in this
        // bundle, out of memory) is not tried again: the main thread lints from now on.
        this.guard = Promise.resolve(undefined);
        return lintBatch(batch, this.env);
      }
    });
    this.queue = task.catch(() => undefined);
    return task;
  }

  /** One worker with Node's default memory limit (large notes need more than the pool's workers have). */
  private guardPool(): Promise<LintPool | undefined> {
    this.guard ??= createPool(1, { memoryMb: false, tasksPerWorker: 1 }).then((c) => {
      if (c.pool) this.started.push(c.pool);
      return c.pool;
    });
    return this.guard;
  }

  async close(): Promise<void> {
    const pools = [...this.started];
    this.guard = undefined;
    this.started.length = 0;
    await Promise.all(pools.map((p) => p.close()));
  }
}
