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
import { readFile } from 'node:fs/promises';
import type { LoadedConfig, VisitHistory, VisitSummary } from '../../engine/index.ts';
import { nodeCrypto } from '../../node/crypto.ts';

export function sha256(data: string | Uint8Array): string {
  return nodeCrypto().createHash('sha256').update(data).digest('hex');
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
        const hash = nodeCrypto().createHash('sha256').update(JSON.stringify(loaded.config));
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
  return jsonShape(summary) as VisitSummary;
}

/**
 * What `JSON.parse(JSON.stringify(value))` gives for plain data (objects,
 * arrays, strings, numbers, booleans, null, undefined), without the text in
 * between: a third of the cost, for a function that runs once per note.
 * Properties that are undefined (or functions, symbols) are dropped, and
 * become null in arrays; NaN, ±Infinity and -0 become null, null and 0.
 * Anything else with a `toJSON` (a Date) goes the JSON way.
 */
export function jsonShape(value: unknown): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value + 0 : null;
    case 'object': {
      if (value === null) return null;
      if (Array.isArray(value)) {
        const out = new Array<unknown>(value.length);
        for (let i = 0; i < value.length; i++) out[i] = omitted(value[i]) ? null : jsonShape(value[i]);
        return out;
      }
      if (Object.getPrototypeOf(value) !== Object.prototype) return JSON.parse(JSON.stringify(value) ?? 'null') as unknown;
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(value)) {
        const v = (value as Record<string, unknown>)[key];
        if (!omitted(v)) out[key] = jsonShape(v);
      }
      return out;
    }
    default:
      return undefined;
  }
}

function omitted(v: unknown): boolean {
  return v === undefined || typeof v === 'function' || typeof v === 'symbol';
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

/**
 * What a note's cross-visit findings depend on besides its own text and config. A
 * history without earlier visits is its own key (as short as a digest, and it cannot
 * look like one): a run of one note then hashes nothing, and never loads node:crypto.
 */
export function historyHash(history: VisitHistory | undefined): string {
  if (!history) return 'none';
  const head = [history.key, history.date, history.patientKey ?? null, history.identity ?? null];
  if (history.previous.length === 0) return JSON.stringify([...head, []]);
  return sha256(JSON.stringify([...head, history.previous.map(summaryHash)]));
}

/** Whether a cached history key is one historyHash leaves undigested (a JSON array). */
export function isUndigestedHistoryKey(x: unknown): boolean {
  if (typeof x !== 'string' || !x.startsWith('[')) return false;
  try {
    return Array.isArray(JSON.parse(x));
  } catch {
    return false;
  }
}
