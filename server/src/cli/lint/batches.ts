/**
 * How the notes a run must lint are split into batches: whole (guessed) patient
 * groups, sized by the threads that take them (main thread and workers alike).
 */
import type { LoadedConfig, VisitSummary } from '../../engine/index.ts';
import type { CacheEntry } from './cache.ts';
import type { LintBatch, NoteInput, NoteOutput } from './core.ts';
import { guessGroupKey } from './groups.ts';
import { MIN_NOTES_FOR_POOL } from './pool.ts';
import type { Decoded } from '../../node/read-note.ts';

/** A file named by the run, read, with its config. */
export interface Entry {
  file: string;
  decoded: Decoded;
  loaded: LoadedConfig;
}

export interface Slot {
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

export interface LintStats {
  cached: number;
  linted: number;
  relinted: number;
  threads: number;
  note?: string;
  /** The loader tuned V8 for a short run (short-run.ts). */
  shortRun?: boolean;
}

/**
 * Worker threads for `notes` notes to lint with `threads` threads in all: the
 * main thread lints too, so one fewer, and at least half MIN_NOTES_FOR_POOL
 * notes each.
 */
export function poolSize(threads: number, notes: number): number {
  return Math.max(0, Math.min(threads - 1, Math.ceil(notes / (MIN_NOTES_FOR_POOL / 2)) - 1));
}

/**
 * Notes per batch (whole patient groups are never split, so a batch may hold
 * more). A batch holds its parsed notes until it is done (about 0.1 MB each),
 * and V8 sizes the old generation to several times the live data it last
 * found: in one thread, batches of 16 instead of 256 took the peak RSS of
 * 2,000 notes from 316–346 MB to 291–298 MB for the same CPU
 * (docs/performance.md). With worker
 * threads: several batches per thread, so the threads finish together without
 * too many round trips.
 */
export const MAIN_THREAD_BATCH = 16;

export function batchSize(notes: number, threads: number): number {
  return threads === 1 ? MAIN_THREAD_BATCH : Math.min(64, Math.max(8, Math.ceil(notes / (threads * 16))));
}

/**
 * Batches of whole (guessed) patient groups, largest first, each with the cached
 * summaries of its groups.
 */
export function planBatches(dirty: Slot[], slots: Slot[], base: Omit<LintBatch, 'notes' | 'known'>, threads: number): LintBatch[] {
  if (dirty.length === 0) return [];
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

