/**
 * Hashes that decide whether a lint result can be reused (`--cache`) and whether
 * a result computed speculatively (a worker thread linting one patient's notes)
 * saw exactly the history the whole run sees. Shared by the main thread and the
 * worker threads, so both compute them the same way.
 *
 * A note's findings are a function of its text, its resolved config and its
 * history (the summaries of the patient's earlier visits): the rules read
 * nothing else. So the three hashes below, plus the tool itself (cache.ts),
 * identify a result completely.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { LoadedConfig, VisitHistory, VisitSummary } from '../../engine/index.ts';

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The note's bytes as read (BOM, line endings and all). */
export function contentHash(bytes: Uint8Array): string {
  return sha256(bytes);
}

/**
 * The resolved config (as JSON) plus the text of every config file it was made
 * from. Memoized per loaded config (the loader returns one object per config file).
 */
export class ConfigHasher {
  private readonly memo = new WeakMap<LoadedConfig, Promise<string>>();

  hash(loaded: LoadedConfig): Promise<string> {
    let h = this.memo.get(loaded);
    if (!h) {
      h = (async () => {
        const hash = createHash('sha256').update(JSON.stringify(loaded.config));
        const files = [...new Set([...(loaded.config.sources ?? []), ...(loaded.file ? [loaded.file] : [])])].sort();
        for (const file of files) {
          const text = await readFile(file).catch(() => undefined);
          hash.update(`\0${file}\0`).update(text ?? '<unreadable>');
        }
        return hash.digest('hex');
      })();
      this.memo.set(loaded, h);
    }
    return h;
  }
}

/**
 * Summaries travel as JSON (to and from worker threads, into the cache), so every
 * summary is normalised to its JSON form once: whichever way it came, the rules
 * see the same objects and the hashes agree.
 */
export function normalizeSummary(summary: VisitSummary): VisitSummary {
  return JSON.parse(JSON.stringify(summary)) as VisitSummary;
}

const summaryHashes = new WeakMap<VisitSummary, string>();

export function summaryHash(summary: VisitSummary): string {
  let h = summaryHashes.get(summary);
  if (h === undefined) {
    h = sha256(JSON.stringify(summary));
    summaryHashes.set(summary, h);
  }
  return h;
}

/** What a note's cross-visit findings depend on besides its own text and config. */
export function historyHash(history: VisitHistory | undefined): string {
  if (!history) return 'none';
  return sha256(JSON.stringify([history.key, history.date, history.patientKey ?? null, history.identity ?? null, history.previous.map(summaryHash)]));
}
