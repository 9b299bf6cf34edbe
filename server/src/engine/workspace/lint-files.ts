/**
 * `lintFiles`: linting the read notes of a run, as ESLint's `lintFiles` sits
 * under its CLI. The engine owns what decides every note's result — the cache's
 * rules for reuse, batches through the face's lanes, history reconciliation and
 * the writing of fixes — and takes injected what touches the machine:
 *
 * - a cache store (`LintCacheStore`: the CLI's file on disk, a map in tests),
 * - the hashes that key it (the CLI's SHA-256 in Node),
 * - the lanes that lint a batch (the CLI's worker threads and main thread),
 * - the batch planner (the CLI's patient-group batches, cli/lint/batches.ts),
 * - the writer of fixed notes (`outputFixes`), and a progress callback.
 *
 * Every note ends up linted with exactly the history the whole run gives it, as
 * if the notes were indexed first and linted one by one, however the work was
 * split:
 *
 * 1. Notes whose bytes and config match a cache entry contribute its summary.
 * 2. The others are linted in batches; each batch derives histories from the
 *    notes it holds (and the cached summaries it is given).
 * 3. The run's index is built from every summary; a note whose history in it
 *    differs from the one its batch (or the cache) used is linted again with the
 *    right history, given explicitly (`reconcileHistories`).
 */
import type { LoadedConfig } from '../config/loader-types.ts';
import type { VisitHistory, VisitSummary } from '../visits/types.ts';
import { NoteProcessingError } from './note-error.ts';
import { outputFixes, type FixWriter } from './output-fixes.ts';
import { reconcileHistories, runBatchQueue, type BatchLane } from './lint-run.ts';

/** A note of the run as the face read it: its text, or why it cannot be linted. */
export interface ReadNote {
  file: string;
  decoded: { ok: true; text: string } | { ok: false; reason: string };
  loaded: LoadedConfig;
}

/** The part of a finding the run itself reads (the face's message type carries the rest). */
export interface RunMessage {
  /** The finding has a safe fix: a cached result with one must be linted again under --fix. */
  fixable?: true;
}

/** A cached result: reused while the note's bytes, config and history are the same. */
export interface CachedLint<M> {
  content: string;
  config: string;
  history: string;
  summary: VisitSummary;
  messages: M[];
}

/** Where cached results live (the CLI: a file on disk; tests: a map). */
export interface LintCacheStore<M> {
  get(file: string): CachedLint<M> | undefined;
  put(file: string, entry: CachedLint<M>): void;
  delete(file: string): void;
  /** Persists the store; `linted`: every file of this run (others' entries may be dropped if gone). */
  save(linted: ReadonlySet<string>): Promise<void>;
}

/** What a lane returns for each note of a batch. */
export type NoteLintOutput<M> =
  | {
      kind: 'linted';
      path: string;
      configHash: string;
      summary: VisitSummary;
      /** The key of the history the findings were computed with (`LintFilesDeps.historyKey`). */
      historyHash: string;
      messages: M[];
      /** When fixing changed the text: the fixed text and what remains in it. */
      fixed?: { text: string; messages: M[] };
    }
  /** The note cannot be linted (e.g. nested too deeply): one fatal message. */
  | { kind: 'fatal'; path: string; reason: string }
  /** A bug: the engine threw. Named by error type only. */
  | { kind: 'error'; path: string; name: string; stack?: string };

/** A readable note of the run, with what the cache and the lanes said about it. */
export interface NoteSlot<E extends ReadNote, M> {
  entry: E & { decoded: { ok: true; text: string } };
  contentHash: string;
  configHash: string;
  /** A cache entry for the same bytes and config. */
  hit?: CachedLint<M>;
  /** What linting produced (absent while only the cache answered). */
  out?: NoteLintOutput<M>;
  /** The history key the whole run gives the note. */
  history?: string;
}

/** A note to lint again, with the history the whole run gives it (`null`: none). */
export interface RelintNote {
  path: string;
  text: string;
  history: VisitHistory | null;
}

/** The lanes a face offers for this run, once it knows how many notes need linting. */
export interface LintLanes<B, M> {
  lanes: BatchLane<B, NoteLintOutput<M>>[];
  /** Threads linting (for statistics). */
  threads: number;
  /** Why fewer lanes than asked for (e.g. no worker threads), for --debug. */
  note?: string;
  /** Called once the lanes are done (or the run failed). */
  close(): Promise<void>;
}

/** How the run reports progress: each lane may call these. */
export interface LaneProgress {
  /** Half a note done in the current thread (parsed, or linted). */
  step(): void;
  /** A batch of `notes` notes finished elsewhere (a worker thread). */
  finished(notes: number): void;
}

export interface LintFilesDeps<E extends ReadNote, B, M extends RunMessage> {
  /** `apply`: write the fixed notes (--fix); `dry-run`: report what would remain (--fix-dry-run). */
  fix?: 'apply' | 'dry-run';
  cache?: LintCacheStore<M>;
  /** The note's bytes as read; asked for only with a cache. */
  contentHash(entry: E): string;
  configHash(loaded: LoadedConfig): Promise<string>;
  /** Must be the key the lanes put into `historyHash`. */
  historyKey(history: VisitHistory | undefined): string;
  /** Lanes for `dirty` notes to lint. */
  startLanes(dirty: number, progress: LaneProgress): Promise<LintLanes<B, M>>;
  /** Batches of the notes the cache could not answer (`all`: every readable note, for cached summaries). */
  planBatches(dirty: NoteSlot<E, M>[], all: NoteSlot<E, M>[], threads: number): B[];
  /** Batches of notes to lint again with their history given. */
  relintBatches(notes: RelintNote[], threads: number): B[];
  /** Writes a fixed note (with `fix: 'apply'`); its data is the note's entry. */
  writeFix?: FixWriter<E>;
  /** Notes done so far (cached, or linted). */
  onProgress?(done: number): void;
  /** The cache could not be saved: the results are not affected. */
  onCacheNotSaved?(error: unknown): void;
}

/** One note's result. */
export type NoteRunResult<M> =
  | { file: string; messages: M[] }
  /** The note could not be linted (unreadable, nested too deeply, ...). */
  | { file: string; fatal: string }
  /** --fix could not write the fixed note: its findings as it is, and why. */
  | { file: string; messages: M[]; notWritten: string };

export interface LintRunStats {
  cached: number;
  linted: number;
  relinted: number;
  threads: number;
  note?: string;
}

/**
 * Lints the read notes: one result per note (unreadable notes first, then in
 * order, notes whose fixes were written last). Throws a `NoteProcessingError`
 * (before writing anything) when the engine failed on a note.
 */
export async function lintFiles<E extends ReadNote, B, M extends RunMessage>(
  entries: readonly E[],
  deps: LintFilesDeps<E, B, M>,
): Promise<{ results: NoteRunResult<M>[]; stats: LintRunStats }> {
  const { cache } = deps;
  const results: NoteRunResult<M>[] = [];
  const slots: NoteSlot<E, M>[] = [];
  for (const entry of entries) {
    if (!entry.decoded.ok) {
      results.push({ file: entry.file, fatal: entry.decoded.reason });
      cache?.delete(entry.file);
      continue;
    }
    const slot: NoteSlot<E, M> = {
      entry: entry as NoteSlot<E, M>['entry'],
      // The bytes' hash identifies a note in the cache only: without one it is not needed.
      contentHash: cache ? deps.contentHash(entry) : '',
      configHash: await deps.configHash(entry.loaded),
    };
    const cached = cache?.get(entry.file);
    if (cached && cached.content === slot.contentHash && cached.config === slot.configHash) slot.hit = cached;
    slots.push(slot);
  }

  const stats: LintRunStats = { cached: 0, linted: 0, relinted: 0, threads: 1 };
  const dirty = slots.filter((s) => !s.hit);
  // Progress: notes answered by the cache, plus finished batches, plus half a note per step.
  let done = entries.length - dirty.length;
  let steps = 0;
  const progress: LaneProgress = {
    step: () => deps.onProgress?.(done + (++steps >> 1)),
    finished: (notes) => {
      done += notes;
      deps.onProgress?.(done + (steps >> 1));
    },
  };
  const lanes = await deps.startLanes(dirty.length, progress);
  const bySlot = new Map(slots.map((s) => [s.entry.file, s]));
  try {
    stats.threads = lanes.threads;
    if (lanes.note) stats.note = lanes.note;
    const outputs = dirty.length > 0 ? await runBatchQueue(deps.planBatches(dirty, slots, lanes.threads), lanes.lanes) : [];
    for (const out of outputs) bySlot.get(out.path)!.out = out;
    stats.linted = outputs.length;

    const reconciled = reconcileHistories(
      slots.map((s) => {
        const linted = s.out?.kind === 'linted' ? s.out : undefined;
        return {
          file: s.entry.file,
          summary: s.out ? linted?.summary : s.hit!.summary,
          lintedWith: s.out ? linted?.historyHash : s.hit!.history,
          stale: !s.out && deps.fix !== undefined && s.hit!.messages.some((m) => m.fixable),
        };
      }),
      deps.historyKey,
    );
    for (const s of slots) s.history = reconciled.keys.get(s.entry.file) ?? s.history;
    const relint = new Set(reconciled.again.map((a) => a.file));
    stats.cached = slots.filter((s) => !s.out && !relint.has(s.entry.file)).length;
    stats.relinted = reconciled.again.length;
    const again: RelintNote[] = reconciled.again.map(({ file, history }) => ({ path: file, text: bySlot.get(file)!.entry.decoded.text, history: history ?? null }));
    const batches = again.length > 0 ? deps.relintBatches(again, lanes.threads) : [];
    for (const out of await runBatchQueue(batches, lanes.lanes)) {
      const s = bySlot.get(out.path)!;
      if (out.kind === 'linted' && out.historyHash !== s.history) throw new Error(`internal inconsistency: ${out.path} was linted with another history`);
      s.out = out;
    }
  } finally {
    await lanes.close();
  }

  // Failures inside the engine are bugs: named by file and error type only, and nothing is written.
  for (const s of slots) {
    if (s.out?.kind === 'error') {
      const cause = new Error(`${s.out.name} in the engine`);
      cause.name = s.out.name;
      if (s.out.stack) cause.stack = s.out.stack;
      throw new NoteProcessingError(s.entry.file, cause);
    }
  }

  results.push(...(await settle(slots, deps)));
  if (cache) {
    try {
      await cache.save(new Set(entries.map((e) => e.file)));
    } catch (err) {
      deps.onCacheNotSaved?.(err);
    }
  }
  return { results, stats };
}

interface PendingFix<M> {
  /** The findings in the text as it is (kept when the fixes cannot be written). */
  messages: M[];
  /** What remains once the fixes are written. */
  remaining: M[];
}

/** Each slot's result, the cache kept in step; with --fix, the fixed notes written (`outputFixes`). */
async function settle<E extends ReadNote, B, M extends RunMessage>(slots: NoteSlot<E, M>[], deps: LintFilesDeps<E, B, M>): Promise<NoteRunResult<M>[]> {
  const { cache } = deps;
  const results: NoteRunResult<M>[] = [];
  const pending: { file: string; text: string; data: E; fix: PendingFix<M> }[] = [];
  for (const s of slots) {
    const { file } = s.entry;
    const out = s.out;
    if (out?.kind === 'fatal') {
      results.push({ file, fatal: out.reason });
      cache?.delete(file);
      continue;
    }
    const linted = out?.kind === 'linted' ? out : undefined;
    const messages = linted ? linted.messages : s.hit!.messages;
    if (linted) cache?.put(file, { content: s.contentHash, config: linted.configHash, history: linted.historyHash, summary: linted.summary, messages });
    const fixed = linted?.fixed;
    if (!fixed) results.push({ file, messages });
    else if (deps.fix !== 'apply') results.push({ file, messages: fixed.messages }); // --fix-dry-run
    else pending.push({ file, text: fixed.text, data: s.entry, fix: { messages, remaining: fixed.messages } });
  }
  if (pending.length === 0) return results;
  if (!deps.writeFix) throw new Error('lintFiles: fix "apply" needs a writeFix');
  const outcomes = await outputFixes(pending, deps.writeFix);
  outcomes.forEach((outcome, i) => {
    const { file, fix } = pending[i]!;
    if (outcome.written) {
      cache?.delete(file); // its bytes changed; the next run lints it afresh
      results.push({ file, messages: fix.remaining });
    } else {
      results.push({ file, messages: fix.messages, notWritten: outcome.message });
    }
  });
  return results;
}
