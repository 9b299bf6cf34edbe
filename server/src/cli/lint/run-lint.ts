/**
 * The `lint` pipeline: collect files → read them and find their configs →
 * (--shard: keep this part) → answer what --cache can → parse, summarise and
 * lint the rest in batches of patient groups (worker threads for large runs) →
 * check every note saw the history the whole run gives it, re-lint those that
 * did not → write fixes → sort → format → exit code. See lintEntries.
 *
 * Exit code (fixed): 1 when any error remains (a file that could not be linted
 * counts as one) or warnings exceed --max-warnings; else 0. Counts come from the
 * unfiltered results, so --quiet never hides a failure. Infos never count.
 */
import { mkdir, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { historyFor, printConfig, RULES, ruleDocsUrl, VisitIndex, type LoadedConfig, type VisitSummary } from '../../engine/index.ts';
import { useColor } from '../color.ts';
import { FORMATTERS, type FormatName, type FormatterMeta, type RuleInfo } from '../formatters/index.ts';
import { EXIT_LINT, EXIT_OK, FatalError, UsageError, type Io } from '../io.ts';
import { errorsOnly, fatalResult, makeResult, sortResults, totals, type FileResult, type Totals } from '../results.ts';
import { toolVersion } from '../version.ts';
import { DEFAULT_CACHE_LOCATION, LintCache, type CacheEntry } from './cache.ts';
import { CliConfigs } from './config.ts';
import { lintBatch, type CoreEnv, type LintBatch, type NoteInput, type NoteOutput } from './core.ts';
import { collectTargets } from './files.ts';
import { crossVisitRulesOn, guessGroupKey, inShard, shardKey, type Shard } from './groups.ts';
import { ConfigHasher, contentHash, historyHash } from './keys.ts';
import { createPool, MIN_NOTES_FOR_POOL, type LintPool } from './pool.ts';
import { Progress, progressWanted } from './progress.ts';
import { decodeNote, encodeFixed, readNote, type Decoded } from './read.ts';
import { OUTCOME_MESSAGES, writeFixed, type WriteOutcome } from './write.ts';

export interface LintRunOptions {
  patterns: string[];
  format: FormatName;
  maxWarnings: number | undefined;
  quiet: boolean;
  fix: boolean;
  fixDryRun: boolean;
  configFile: string | undefined;
  noIgnore: boolean;
  stdin: boolean;
  stdinFilename: string | undefined;
  printConfig: string | undefined;
  color: boolean | undefined;
  outputFile: string | undefined;
  /** Worker threads for large runs (1: none). */
  threads: number;
  /** --cache, and where (default `.visitnotes-cache` in the current folder). */
  cache: boolean;
  cacheLocation?: string | undefined;
  /** --shard i/n. */
  shard?: Shard | undefined;
  /** --debug: a line of statistics on stderr. */
  debug?: boolean;
  /** Test seams (not reachable from the command line). */
  hooks?: {
    /** Called just before a fixed file is written. */
    beforeWrite?(file: string): void | Promise<void>;
  };
}

export const DIR_NAMED_LIKE_NOTE = 'Is a folder named like a note (*.visit.md), not a note file; the notes inside it are linted on their own.';
export const CHANGED_ON_DISK = OUTCOME_MESSAGES['changed-on-disk'];

/** The linted tree, for --fix: the current folder and every folder named (or holding a file named) on the command line. */
function lintedRoots(patterns: readonly string[], cwd: string): string[] {
  const roots = [cwd];
  for (const p of patterns) {
    const abs = path.resolve(cwd, p);
    roots.push(/\.md$/i.test(abs) ? path.dirname(abs) : abs);
  }
  return roots;
}

export async function runLint(options: LintRunOptions, io: Io): Promise<number> {
  const configs = new CliConfigs(io.cwd, options.configFile, (line) => io.stderr.write(line));
  if (options.configFile) await configs.forFile(path.join(io.cwd, 'x.visit.md')); // a bad --config fails before anything else

  if (options.printConfig !== undefined) {
    // A typo must not print a plausible config for a file that is not there. A folder
    // stands for a note not written yet: the config a note in it would get.
    const target = path.resolve(io.cwd, options.printConfig);
    const st = await stat(target).catch(() => undefined);
    if (!st) throw new UsageError(`--print-config: no such file or folder: ${options.printConfig} (give a folder for a note not written yet)`);
    await emit(io, options, printConfig(await configs.forFile(st.isDirectory() ? path.join(target, 'new.visit.md') : target)));
    return EXIT_OK;
  }

  let results: FileResult[];
  if (options.stdin) {
    const filePath = path.resolve(io.cwd, options.stdinFilename ?? '<stdin>');
    const input = await io.readStdin();
    const decoded = decodeNote(input);
    const { result, fixedText } = await lintStdin(filePath, decoded, options, configs);
    results = [result];
    if (options.fix) {
      // The note goes to stdout (fixed, or exactly as it came when nothing changed
      // or it could not be decoded), so piping a buffer through never loses it;
      // the report goes to -o or stderr.
      io.stdout.write(fixedText ?? input);
      return finish(results, options, io, io.stderr);
    }
  } else {
    results = await lintFiles(options, configs, io);
  }
  return finish(results, options, io);
}

interface Entry {
  file: string;
  decoded: Decoded;
  loaded: LoadedConfig;
}

/** Lints the files `options.patterns` name (unsorted results). Also the package API's `lintFiles` and the Action. */
export async function lintFiles(options: LintRunOptions, configs: CliConfigs, io: Io): Promise<FileResult[]> {
  const started = performance.now();
  const targets = await collectTargets(options.patterns, { cwd: io.cwd, configs, noIgnore: options.noIgnore });
  for (const file of targets.ignoredExplicit) {
    io.stderr.write(`visitnotes: ${path.relative(io.cwd, file) || file} is ignored by the config's "ignore" (use --no-ignore to lint it).\n`);
  }
  await removeStaleTemporaries(targets.staleTemporaries, io);
  // Without --cache every note is linted: with enough of them, the worker threads
  // start now and load the engine while the files are read.
  const earlyPool =
    poolSize(options.threads, targets.files.length) > 0 && !options.cache && !options.shard && targets.files.length >= MIN_NOTES_FOR_POOL
      ? createPool(poolSize(options.threads, targets.files.length))
      : undefined;
  let entries: Entry[] = await mapLimit(targets.files, 32, async (file) => ({ file, decoded: await readNote(file), loaded: await configs.forFile(file) }));
  let dirs = targets.noteNamedDirs;

  if (options.shard) {
    // Keep each patient's notes in one shard when cross-visit rules may need them.
    const shard = options.shard;
    const byGroup = crossVisitRulesOn(entries.map((e) => e.loaded));
    const keyOf = (e: Entry) =>
      shardKey(io.cwd, e.file, byGroup && e.decoded.ok ? guessGroupKey(e.file, e.decoded.text, e.loaded.config) : undefined);
    entries = entries.filter((e) => inShard(keyOf(e), shard));
    dirs = dirs.filter((d) => inShard(shardKey(io.cwd, d, undefined), shard));
  }

  const results: FileResult[] = dirs.map((dir) => fatalResult(dir, DIR_NAMED_LIKE_NOTE));
  for (const { dir, code } of targets.unreadableDirs) {
    results.push(fatalResult(dir, `Cannot read this folder (${code}); the notes in it were not linted.`));
  }
  let stats: LintStats;
  try {
    stats = await lintEntries(entries, options, configs, io, results, earlyPool);
  } catch (err) {
    // Never leave worker threads running (they would keep the process alive).
    await earlyPool?.then((c) => c.pool?.close()).catch(() => undefined);
    throw err;
  }
  if (options.debug) {
    const ms = Math.round(performance.now() - started);
    io.stderr.write(
      `visitnotes: debug: ${entries.length} files${options.shard ? ` (shard ${options.shard.index}/${options.shard.count})` : ''}: ` +
        `${stats.cached} from the cache, ${stats.linted} linted in ${stats.threads === 1 ? 'the main thread' : `${stats.threads} worker threads`}, ` +
        `${stats.relinted} linted again with their full history; ${ms} ms${stats.note ? ` (${stats.note})` : ''}\n`,
    );
  }
  return results;
}

/**
 * Temporary files of a --fix run that was killed may hold partial note text
 * (health data): removed, and said so, whenever a run comes across them.
 */
async function removeStaleTemporaries(files: readonly string[], io: Io): Promise<void> {
  let removed = 0;
  for (const file of files) if (await unlink(file).then(() => true, () => false)) removed++;
  if (removed > 0) {
    io.stderr.write(`visitnotes: removed ${removed} temporary file${removed === 1 ? '' : 's'} left by an interrupted --fix (they held partial note text).\n`);
  }
}

interface Slot {
  entry: Entry & { decoded: Extract<Decoded, { ok: true }> };
  contentHash: string;
  configHash: string;
  /** A cache entry for the same bytes and config. */
  hit?: CacheEntry;
  /** What linting produced (absent while only the cache answered). */
  out?: NoteOutput;
  /** The history hash the whole run gives the note. */
  history?: string;
}

interface LintStats {
  cached: number;
  linted: number;
  relinted: number;
  threads: number;
  note?: string;
}

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
/**
 * Worker threads for `notes` notes to lint with `threads` threads in all: the
 * main thread lints too, so one fewer, and at least half MIN_NOTES_FOR_POOL
 * notes each.
 */
function poolSize(threads: number, notes: number): number {
  return Math.max(0, Math.min(threads - 1, Math.ceil(notes / (MIN_NOTES_FOR_POOL / 2)) - 1));
}

async function lintEntries(
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
  const run = async (batch: LintBatch): Promise<NoteOutput[]> => {
    if (pool) {
      try {
        const out = await pool.run(batch);
        done += batch.notes.length;
        progress.update(done + (steps >> 1));
        return out;
      } catch {
        // A worker failed (out of memory, killed...): do the batch here instead.
      }
    }
    return lintBatch(batch, env);
  };

  // Batches in the main thread one after the other (each holds its parsed notes until
  // it is done). With worker threads, the main thread takes batches from the same queue
  // as the workers, and yields between batches so that a worker that finished one gets
  // the next; each worker has two batches in flight, so it never waits for the main thread.
  const runAll = async (batches: LintBatch[]): Promise<NoteOutput[]> => {
    const out: NoteOutput[] = [];
    const queue = [...batches];
    const take = async (lint: (batch: LintBatch) => Promise<NoteOutput[]>, yields: boolean) => {
      for (let batch = queue.shift(); batch; batch = queue.shift()) {
        out.push(...(await lint(batch)));
        if (yields) await new Promise((resolve) => setImmediate(resolve));
      }
    };
    const workers = pool ? Array.from({ length: 2 * pool.size }, () => take(run, false)) : [];
    await Promise.all([...workers, take((batch) => lintBatch(batch, env), workers.length > 0)]);
    return out;
  };

  const bySlot = new Map<string, Slot>(slots.map((s) => [s.entry.file, s]));
  try {
    if (pool) stats.threads = pool.size + 1;
    // 2. Parse and lint what the cache could not answer.
    const outputs = await runAll(planBatches(dirty, slots, mode, options.configFile, io.cwd, pool ? pool.size + 1 : 1));
    for (const out of outputs) bySlot.get(out.path)!.out = out;
    stats.linted = outputs.length;

    // 3. The run's index, and each note's history in it.
    const index = new VisitIndex();
    for (const s of slots) {
      const summary = s.out ? (s.out.kind === 'linted' ? s.out.summary : undefined) : s.hit!.summary;
      if (summary) index.updateSummary(summary);
    }
    const again: NoteInput[] = [];
    for (const s of slots) {
      if (s.out && s.out.kind !== 'linted') continue;
      const history = historyFor(index, s.entry.file);
      s.history = historyHash(history);
      const reusable = s.out
        ? s.out.historyHash === s.history
        : s.hit!.history === s.history && (mode === 'lint' || !s.hit!.messages.some((m) => m.fixable));
      if (reusable) {
        if (!s.out) stats.cached++;
        continue;
      }
      again.push({ path: s.entry.file, text: s.entry.decoded.text, history: history ?? null });
    }
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

  const linted = new Set<string>(entries.map((e) => e.file));
  for (const s of slots) {
    const { file, decoded } = s.entry;
    const out = s.out;
    if (out?.kind === 'fatal') {
      results.push(fatalResult(file, out.reason));
      cache?.delete(file);
      continue;
    }
    const messages = out?.kind === 'linted' ? out.messages : s.hit!.messages;
    if (out?.kind === 'linted') {
      cache?.set(file, { content: s.contentHash, config: out.configHash, history: out.historyHash, summary: out.summary, messages });
    }
    const fixed = out?.kind === 'linted' ? out.fixed : undefined;
    if (!fixed) {
      results.push(makeResult(file, messages));
      continue;
    }
    if (!options.fix) {
      results.push(makeResult(file, fixed.messages)); // --fix-dry-run
      continue;
    }
    let outcome: WriteOutcome | { failed: string };
    try {
      await options.hooks?.beforeWrite?.(file);
      outcome = await writeFixed(file, decoded.bytes, Buffer.from(encodeFixed(decoded, fixed.text), 'utf8'), { roots: lintedRoots(options.patterns, io.cwd) });
    } catch (err) {
      outcome = { failed: `Cannot write the fixes to this file (${(err as NodeJS.ErrnoException).code ?? (err as Error).name}); nothing was changed.` };
    }
    if (outcome === 'written') {
      cache?.delete(file); // its bytes changed; the next run lints it afresh
      results.push(makeResult(file, fixed.messages));
      continue;
    }
    results.push(
      makeResult(file, [
        ...messages,
        {
          ruleId: null,
          severity: 2,
          message: typeof outcome === 'string' ? OUTCOME_MESSAGES[outcome] : outcome.failed,
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 1,
          fatal: true,
        },
      ]),
    );
  }

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

/**
 * Notes per batch. A batch holds its parsed notes until it is done, so batches
 * bound memory (a parsed 180-line note holds about 0.1 MB). With worker threads:
 * several batches per thread, so the threads finish together without too many
 * round trips.
 */
function batchSize(notes: number, threads: number): number {
  return threads === 1 ? 256 : Math.min(64, Math.max(8, Math.ceil(notes / (threads * 16))));
}

/**
 * Batches of whole (guessed) patient groups, largest first, each with the cached
 * summaries of its groups.
 */
function planBatches(dirty: Slot[], slots: Slot[], mode: 'lint' | 'fix', configFile: string | undefined, cwd: string, threads: number): LintBatch[] {
  if (dirty.length === 0) return [];
  const base = { mode, cwd, ...(configFile ? { configFile } : {}) };
  const input = (s: Slot): NoteInput => ({ path: s.entry.file, text: s.entry.decoded.text });
  const hits = slots.filter((s) => s.hit);
  const known = new Map<string, VisitSummary[]>();
  for (const s of hits) {
    const key = s.hit!.summary.key;
    if (key === undefined) continue;
    let list = known.get(key);
    if (!list) known.set(key, (list = []));
    list.push(s.hit!.summary);
  }
  const groups = new Map<string, Slot[]>();
  for (const s of dirty) {
    const key = guessGroupKey(s.entry.file, s.entry.decoded.text, s.entry.loaded.config) ?? `file:${s.entry.file}`;
    let list = groups.get(key);
    if (!list) groups.set(key, (list = []));
    list.push(s);
  }
  // Largest groups first (by text length: parse time follows it), so a long note or
  // a big group does not start last and keep one thread busy alone at the end.
  const weight = (members: Slot[]) => members.reduce((n, s) => n + s.entry.decoded.text.length, 0);
  const ordered = [...groups]
    .map(([key, members]) => ({ key, members, weight: weight(members) }))
    .sort((a, b) => b.weight - a.weight || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const size = batchSize(dirty.length, threads);
  const batches: LintBatch[] = [];
  let current: LintBatch | undefined;
  for (const { key, members } of ordered) {
    current ??= { ...base, notes: [], known: [] };
    current.notes.push(...members.map(input));
    current.known.push(...(known.get(key) ?? []));
    if (current.notes.length >= size) {
      batches.push(current);
      current = undefined;
    }
  }
  if (current) batches.push(current);
  return batches;
}

/**
 * The `--stdin` note: linted (or fixed) on its own, without history. `fixedText`
 * is the complete new content (BOM and line breaks kept) when fixing changed
 * something, else undefined.
 */
export async function lintStdin(
  filePath: string,
  decoded: Decoded,
  options: Pick<LintRunOptions, 'fix' | 'fixDryRun'>,
  configs: CliConfigs,
): Promise<{ result: FileResult; fixedText: string | undefined }> {
  await configs.forFile(filePath); // config errors and warnings, as for files
  if (!decoded.ok) return { result: fatalResult(filePath, decoded.reason), fixedText: undefined };
  const hasher = new ConfigHasher();
  const [out] = await lintBatch(
    { mode: options.fix || options.fixDryRun ? 'fix' : 'lint', cwd: path.dirname(filePath), notes: [{ path: filePath, text: decoded.text, history: null }], known: [] },
    { loadConfig: (file) => configs.forFile(file), configHash: (loaded) => hasher.hash(loaded) },
  );
  if (out!.kind === 'fatal') return { result: fatalResult(filePath, out!.reason), fixedText: undefined };
  if (out!.kind === 'error') throw new NoteProcessingError(filePath, Object.assign(new Error(out!.name), { name: out!.name, stack: out!.stack }));
  const fixed = out!.fixed;
  if (fixed) return { result: makeResult(filePath, fixed.messages), fixedText: encodeFixed(decoded, fixed.text) };
  return { result: makeResult(filePath, out!.messages), fixedText: undefined };
}

async function finish(results: FileResult[], options: LintRunOptions, io: Io, reportTo = io.stdout): Promise<number> {
  const sorted = sortResults(results);
  const all = totals(sorted);
  const shown = options.quiet ? errorsOnly(sorted) : sorted;
  const toFile = options.outputFile !== undefined;
  const meta: FormatterMeta = {
    cwd: io.cwd,
    color: useColor(options.color, { env: io.env, isTTY: reportTo === io.stdout && io.isTTY }, toFile),
    version: toolVersion(),
    rules: ruleInfos(),
    ...(options.fixDryRun ? { suggestions: true } : {}),
  };
  const text = FORMATTERS[options.format](shown, meta);
  if (toFile) await emit(io, options, text);
  else reportTo.write(text);

  const code = lintExitCode(all, options.maxWarnings);
  if (code === EXIT_LINT && all.errorCount === 0) {
    io.stderr.write(`visitnotes found too many warnings (${all.warningCount}; maximum: ${options.maxWarnings}).\n`);
  }
  return code;
}

/** The exit code (fixed): 1 for any error or more warnings than `maxWarnings` (undefined: no limit), else 0. */
export function lintExitCode(all: Totals, maxWarnings: number | undefined): number {
  if (all.errorCount > 0) return EXIT_LINT;
  if (maxWarnings !== undefined && maxWarnings >= 0 && all.warningCount > maxWarnings) return EXIT_LINT;
  return EXIT_OK;
}

export function ruleInfos(): RuleInfo[] {
  return RULES.map((r) => ({
    id: r.id,
    description: r.description,
    defaultSeverity: r.defaultSeverity,
    fixable: r.fixable,
    docsUrl: ruleDocsUrl(r.id),
  }));
}

/** Writes to -o (creating its folder) or stdout. */
async function emit(io: Io, options: Pick<LintRunOptions, 'outputFile'>, text: string): Promise<void> {
  if (options.outputFile === undefined) {
    io.stdout.write(text);
    return;
  }
  const out = path.resolve(io.cwd, options.outputFile);
  try {
    await mkdir(path.dirname(out), { recursive: true });
    await writeFile(out, text);
  } catch (err) {
    throw new FatalError(`cannot write the output file ${options.outputFile} (${(err as NodeJS.ErrnoException).code ?? (err as Error).name}).`);
  }
}

/**
 * An engine failure on one note: named by file and error type only. Engine error
 * messages could quote note text, so the details (stack, cause) need --debug.
 */
export class NoteProcessingError extends Error {
  constructor(file: string, cause: unknown) {
    super(`failed while linting ${file} (${(cause as Error)?.name ?? 'Error'})`, { cause });
    this.name = 'NoteProcessingError';
  }
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
