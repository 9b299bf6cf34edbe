/**
 * Linting the read files of a run: cache, batches (worker threads for large
 * runs), history reconciliation, then each note's result (settle.ts).
 */
import path from 'node:path';
import { reconcileHistories, runBatchQueue, type BatchLane } from '../../engine/workspace/index.ts';
import type { Io } from '../io.ts';
import { fatalResult, type FileResult } from '../results.ts';
import { batchSize, planBatches, poolSize, type Entry, type LintStats, type Slot } from './batches.ts';
import { DEFAULT_CACHE_LOCATION, LintCache } from './cache.ts';
import type { CliConfigs } from './config.ts';
import type { CoreEnv, LintBatch, NoteInput, NoteOutput } from './core.ts';
import { ConfigHasher, contentHash, historyHash } from './keys.ts';
import { createPool, MIN_NOTES_FOR_POOL, type LintPool } from './pool.ts';
import { NoteProcessingError } from './note-error.ts';
import { Progress, progressWanted } from './progress.ts';
import type { LintRunOptions } from './run-lint.ts';
import { settleResults } from './settle.ts';
import { Watchdog } from './watchdog.ts';

/**
 * Lints the read files into `results`. Every note ends up linted with exactly the
 * history the whole run gives it (`historyFor` over an index of every note), as
 * if the notes were indexed first and linted one by one, whichever way the work
 * was split:
 *
 * 1. Notes whose bytes and config match a cache entry contribute its summary.
 * 2. The others are parsed, summarised and linted in batches of whole patient
 *    groups (worker threads for large runs), each batch deriving histories from
 *    the notes it holds.
 * 3. The run's index is built from every summary; a note whose history differs
 *    from the one its batch (or the cache) used is linted again with the right
 *    history, given explicitly.
 */
export async function lintEntries(
  entries: Entry[],
  options: LintRunOptions,
  configs: CliConfigs,
  io: Io,
  results: FileResult[],
  /** A pool started while the files were read (its workers load the engine meanwhile). */
  earlyPool?: Promise<{ pool?: LintPool; reason?: string }>,
): Promise<LintStats> {
  const mode = options.fix || options.fixDryRun ? 'fix' : 'lint';
  const stats: LintStats = { cached: 0, linted: 0, relinted: 0, threads: 1 };
  const hasher = new ConfigHasher();
  let cache: LintCache | undefined;
  if (options.cache) {
    cache = await LintCache.open(path.resolve(io.cwd, options.cacheLocation ?? DEFAULT_CACHE_LOCATION));
    if (cache.status === 'discarded') stats.note = `the cache file was discarded (${cache.reason}) and replaced`;
  }

  const slots: Slot[] = [];
  for (const entry of entries) {
    const decoded = entry.decoded;
    if (!decoded.ok) {
      results.push(fatalResult(entry.file, decoded.reason));
      cache?.delete(entry.file);
      continue;
    }
    // The bytes' hash identifies a note in the cache only: without --cache it is not needed.
    const slot: Slot = { entry: { ...entry, decoded }, contentHash: cache ? contentHash(decoded.bytes) : '', configHash: await hasher.hash(entry.loaded) };
    const cached = cache?.get(entry.file);
    if (cached && cached.content === slot.contentHash && cached.config === slot.configHash) slot.hit = cached;
    slots.push(slot);
  }

  const dirty = slots.filter((s) => !s.hit);
  const progress = new Progress(io.stderr, entries.length, progressWanted(io));
  // Progress: notes answered by the cache, plus finished batches, plus half a note
  // per step (parse, lint) in the main thread.
  let done = entries.length - dirty.length;
  let steps = 0;
  const env: CoreEnv = {
    loadConfig: (file) => configs.forFile(file),
    configHash: (loaded) => hasher.hash(loaded),
    onStep: () => progress.update(done + (++steps >> 1)),
  };

  let pool: LintPool | undefined;
  const wanted = poolSize(options.threads, dirty.length) > 0 && dirty.length >= MIN_NOTES_FOR_POOL;
  const created = await (earlyPool ?? (wanted ? createPool(poolSize(options.threads, dirty.length)) : undefined));
  if (created && !wanted) await created.pool?.close();
  else if (created) {
    pool = created.pool;
    if (created.reason) stats.note = `no worker threads: ${created.reason}`;
  }
  // Every note within the watchdog's time budget (watchdog.ts).
  const watchdog = new Watchdog(env);
  const run = async (batch: LintBatch): Promise<NoteOutput[]> => {
    const out = await watchdog.inPool(pool!, batch);
    done += batch.notes.length;
    progress.update(done + (steps >> 1));
    return out;
  };
  const inMainThread = (batch: LintBatch) => watchdog.inMainThread(batch);

  // Batches in the main thread one after the other (each holds its parsed notes until
  // it is done). With worker threads, the main thread takes batches from the same queue
  // as the workers, and yields between batches so that a worker that finished one gets
  // the next; each worker has two batches in flight, so it never waits for the main thread.
  const runAll = (batches: LintBatch[]): Promise<NoteOutput[]> => {
    const workers: BatchLane<LintBatch, NoteOutput>[] = pool ? Array.from({ length: 2 * pool.size }, () => ({ lint: run })) : [];
    const here: BatchLane<LintBatch, NoteOutput> = {
      lint: inMainThread,
      ...(workers.length > 0 ? { yieldAfterEach: () => new Promise<void>((resolve) => setImmediate(resolve)) } : {}),
    };
    return runBatchQueue(batches, [...workers, here]);
  };

  const bySlot = new Map<string, Slot>(slots.map((s) => [s.entry.file, s]));
  try {
    if (pool) stats.threads = pool.size + 1;
    // 2. Parse and lint what the cache could not answer.
    const outputs = await runAll(planBatches(dirty, slots, mode, options.configFile, io.cwd, pool ? pool.size + 1 : 1));
    for (const out of outputs) bySlot.get(out.path)!.out = out;
    stats.linted = outputs.length;

    // 3. The run's index, and each note's history in it (the engine's reconcileHistories).
    const reconciled = reconcileHistories(
      slots.map((s) => {
        const linted = s.out?.kind === 'linted' ? s.out : undefined;
        return {
          file: s.entry.file,
          summary: s.out ? linted?.summary : s.hit!.summary,
          lintedWith: s.out ? linted?.historyHash : s.hit!.history,
          stale: !s.out && mode === 'fix' && s.hit!.messages.some((m) => m.fixable),
        };
      }),
      historyHash,
    );
    for (const s of slots) s.history = reconciled.keys.get(s.entry.file) ?? s.history;
    const relint = new Set(reconciled.again.map((a) => a.file));
    stats.cached += slots.filter((s) => !s.out && !relint.has(s.entry.file)).length;
    const again: NoteInput[] = reconciled.again.map(({ file, history }) => ({ path: file, text: bySlot.get(file)!.entry.decoded.text, history: history ?? null }));
    stats.relinted = again.length;
    const size = batchSize(again.length, pool ? pool.size + 1 : 1);
    const batches: LintBatch[] = [];
    for (let i = 0; i < again.length; i += size) batches.push({ mode, cwd: io.cwd, ...(options.configFile ? { configFile: options.configFile } : {}), notes: again.slice(i, i + size), known: [] });
    for (const out of await runAll(batches)) {
      const s = bySlot.get(out.path)!;
      if (out.kind === 'linted' && out.historyHash !== s.history) throw new Error(`internal inconsistency: ${out.path} was linted with another history`);
      s.out = out;
    }
  } finally {
    progress.clear();
    await pool?.close();
    await watchdog.close();
  }

  // Failures inside the engine are bugs: exit 2, naming the file and the error type only.
  for (const s of slots) {
    if (s.out?.kind === 'error') {
      const cause = new Error(`${s.out.name} in the engine`);
      cause.name = s.out.name;
      if (s.out.stack) cause.stack = s.out.stack;
      throw new NoteProcessingError(s.entry.file, cause);
    }
  }

  await settleResults(slots, options, io, cache, results);
  const linted = new Set<string>(entries.map((e) => e.file));
  if (cache) {
    try {
      await cache.save(linted);
    } catch (err) {
      io.stderr.write(
        `visitnotes: cannot write the cache file ${path.relative(io.cwd, cache.file) || cache.file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).name}); the results are not affected.\n`,
      );
    }
  }
  return stats;
}

