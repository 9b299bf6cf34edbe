/**
 * Linting the read files of a run: the engine's `lintFiles` (cache, batches,
 * history reconciliation, fixes) with the Node pieces plugged in — the cache
 * file (cache.ts), SHA-256 keys (keys.ts), worker threads and the main thread
 * as lanes (pool.ts, watchdog.ts), patient-group batches (batches.ts), the
 * atomic fix writer (settle.ts) and the progress line.
 */
import path from 'node:path';
import { lintFiles, type BatchLane, type LintLanes, type LoadedConfig, type NoteLintOutput } from '../../engine/index.ts';
import type { Io } from '../io.ts';
import type { FileResult, LintMessage } from '../results.ts';
import { batchSize, planBatches, poolSize, type Entry, type LintStats } from './batches.ts';
import { DEFAULT_CACHE_LOCATION, LintCache } from './cache.ts';
import type { CliConfigs } from './config.ts';
import type { CoreEnv, LintBatch } from './core.ts';
import { ConfigHasher, contentHash, historyHash } from './keys.ts';
import { createPool, MIN_NOTES_FOR_POOL, type LintPool } from './pool.ts';
import { Progress, progressWanted } from './progress.ts';
import type { LintRunOptions } from './run-lint.ts';
import { nodeFixWriter, toFileResult } from './settle.ts';
import { beforeLint } from './short-run.ts';
import { Watchdog } from './watchdog.ts';

type Lanes = LintLanes<LintBatch, LintMessage>;
type Lane = BatchLane<LintBatch, NoteLintOutput<LintMessage>>;

/** Lints the read files into `results` through the engine's `lintFiles`. */
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
  let cache: LintCache | undefined;
  let cacheNote: string | undefined;
  if (options.cache) {
    cache = await LintCache.open(path.resolve(io.cwd, options.cacheLocation ?? DEFAULT_CACHE_LOCATION));
    if (cache.status === 'discarded') cacheNote = `the cache file was discarded (${cache.reason}) and replaced`;
  }
  // A config's hash keys the cache and nothing else: without one, no config is hashed.
  const hasher = new ConfigHasher();
  const configHash = cache ? (loaded: LoadedConfig) => hasher.hash(loaded) : async () => '';
  const progress = new Progress(io.stderr, entries.length, progressWanted(io));
  // Every read note's text, an upper bound on what this run lints (the cache may hold some).
  const chars = entries.reduce((n, e) => n + (e.decoded.ok ? e.decoded.text.length : 0), 0);
  let shortRun = false;
  const batchBase: Omit<LintBatch, 'notes' | 'known'> = { mode, cwd: io.cwd, ...(options.configFile ? { configFile: options.configFile } : {}), ...(cache ? { hashConfigs: true as const } : {}) };

  // Worker threads for large runs, and the main thread. With workers, the main thread
  // takes batches from the same queue, and yields between batches so that a worker that
  // finished one gets the next; each worker has two batches in flight, so it never
  // waits for the main thread. Every note within the watchdog's budget (watchdog.ts).
  const startLanes = async (dirty: number, steps: { step(): void; finished(notes: number): void }): Promise<Lanes> => {
    const env: CoreEnv = { loadConfig: (file) => configs.forFile(file), configHash, onStep: steps.step };
    const wanted = poolSize(options.threads, dirty) > 0 && dirty >= MIN_NOTES_FOR_POOL;
    const created = await (earlyPool ?? (wanted ? createPool(poolSize(options.threads, dirty)) : undefined));
    let pool: LintPool | undefined;
    if (created && !wanted) await created.pool?.close();
    else pool = created?.pool;
    shortRun = beforeLint(chars, pool !== undefined);
    const watchdog = new Watchdog(env);
    const inPool = async (batch: LintBatch) => {
      const out = await watchdog.inPool(pool!, batch);
      steps.finished(batch.notes.length);
      return out;
    };
    const workers: Lane[] = pool ? Array.from({ length: 2 * pool.size }, () => ({ lint: inPool })) : [];
    const here: Lane = {
      lint: (batch) => watchdog.inMainThread(batch),
      ...(pool ? { yieldAfterEach: () => new Promise<void>((resolve) => setImmediate(resolve)) } : {}),
    };
    const note = wanted && created?.reason ? `no worker threads: ${created.reason}` : undefined;
    return {
      lanes: [...workers, here],
      threads: pool ? pool.size + 1 : 1,
      ...(note ? { note } : {}),
      close: async () => {
        progress.clear();
        await pool?.close();
        await watchdog.close();
      },
    };
  };

  const run = await lintFiles(entries, {
    ...(options.fix ? { fix: 'apply' as const } : options.fixDryRun ? { fix: 'dry-run' as const } : {}),
    ...(cache ? { cache } : {}),
    contentHash: (entry) => {
      if (!entry.decoded.ok) return '';
      if (!entry.decoded.bytes) throw new Error('internal inconsistency: a note read for --cache without its bytes');
      return contentHash(entry.decoded.bytes);
    },
    configHash,
    historyKey: historyHash,
    startLanes,
    planBatches: (dirty, all, threads) => planBatches(dirty, all, batchBase, threads),
    relintBatches: (notes, threads) => {
      const size = batchSize(notes.length, threads);
      const batches: LintBatch[] = [];
      for (let i = 0; i < notes.length; i += size) batches.push({ ...batchBase, notes: notes.slice(i, i + size), known: [] });
      return batches;
    },
    writeFix: nodeFixWriter(options, io),
    onProgress: (done) => progress.update(done),
    onCacheNotSaved: (err) =>
      io.stderr.write(
        `visitnotes: cannot write the cache file ${path.relative(io.cwd, cache!.file) || cache!.file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).name}); the results are not affected.\n`,
      ),
  });
  results.push(...run.results.map(toFileResult));
  const note = run.stats.note ?? cacheNote;
  return { ...run.stats, ...(note ? { note } : {}), ...(shortRun ? { shortRun } : {}) };
}
