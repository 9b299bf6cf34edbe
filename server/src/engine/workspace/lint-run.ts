/**
 * The run loop of linting many notes, without the ways a face runs a batch:
 * the CLI plugs in its worker threads and its cache, a test plugs in plain
 * functions. Two steps, the two that decide what every note is linted with:
 *
 * - `runBatchQueue`: batches of whole patient groups taken from one queue by
 *   the lanes the face offers (worker threads and the current thread), so no
 *   lane waits while another has work queued.
 * - `reconcileHistories`: the run's visit index from every note's summary, and
 *   the notes whose history in it differs from the history they were linted
 *   with (a batch sees only its own notes; the cache saw an earlier run) — the
 *   face lints exactly those again with the history given.
 *
 * The result: every note ends up linted with exactly the history the whole run
 * gives it, as if the notes were indexed first and linted one by one, however
 * the work was split.
 */
import { historyFor, VisitIndex } from '../visits/index.ts';
import type { VisitHistory, VisitSummary } from '../visits/types.ts';

/** One way of linting a batch (a worker thread, the current thread). */
export interface BatchLane<B, O> {
  lint(batch: B): Promise<O[]>;
  /** Give other lanes a turn between batches (the current thread, when workers share the queue). */
  yieldAfterEach?: () => Promise<void>;
}

/** Lints every batch through the lanes, each lane taking the next batch from one queue. */
export async function runBatchQueue<B, O>(batches: readonly B[], lanes: readonly BatchLane<B, O>[]): Promise<O[]> {
  const out: O[] = [];
  const queue = [...batches];
  const take = async (lane: BatchLane<B, O>) => {
    for (let batch = queue.shift(); batch !== undefined; batch = queue.shift()) {
      out.push(...(await lane.lint(batch)));
      await lane.yieldAfterEach?.();
    }
  };
  await Promise.all(lanes.map(take));
  return out;
}

/** A note of the run as reconciliation sees it. */
export interface LintedNote {
  file: string;
  /** What the note contributes to the run's index (undefined: it has no summary, e.g. unparsable). */
  summary: VisitSummary | undefined;
  /** The key of the history it was linted with; undefined when it was not linted (nothing to reconcile). */
  lintedWith: string | undefined;
  /** The earlier result cannot be kept even with the same history (e.g. a cached result in a --fix run). */
  stale?: boolean;
}

export interface Reconciled {
  index: VisitIndex;
  /** Each reconciled note's history key in the whole run. */
  keys: Map<string, string>;
  /** Notes to lint again, with the history the run gives them. */
  again: { file: string; history: VisitHistory | undefined }[];
}

export function reconcileHistories(notes: readonly LintedNote[], historyKey: (history: VisitHistory | undefined) => string): Reconciled {
  const index = new VisitIndex();
  for (const n of notes) if (n.summary) index.updateSummary(n.summary);
  const keys = new Map<string, string>();
  const again: Reconciled['again'] = [];
  for (const n of notes) {
    if (n.lintedWith === undefined) continue;
    const history = historyFor(index, n.file);
    const key = historyKey(history);
    keys.set(n.file, key);
    if (n.stale || n.lintedWith !== key) again.push({ file: n.file, history });
  }
  return { index, keys, again };
}
