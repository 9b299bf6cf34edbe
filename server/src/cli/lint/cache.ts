/**
 * `--cache`: lint results per file, in one JSON file, reused while nothing they
 * depend on changed. An entry is reused only when all of these match:
 *
 * - the file's bytes (SHA-256),
 * - its resolved config and the text of its config files (keys.ts),
 * - its history: the summaries of the patient's earlier visits in this run
 *   (keys.ts), so cross-visit findings are recomputed when another visit of the
 *   same patient changed, appeared or went away,
 * - the tool: the whole file is discarded when the version, the rule set or the
 *   code itself (a fingerprint of the bundle that is running) differs.
 *
 * Each entry also keeps the note's visit summary, so a warm run builds the
 * cross-visit index without parsing anything.
 *
 * The cache can never make results wrong: the file is validated in full when
 * read (stamp, checksum, structure, types), and on any doubt (unreadable JSON, a
 * truncated or foreign file, a flipped byte, one malformed entry) it is ignored
 * as a whole, every note is linted, and a fresh file replaces it. It is written
 * atomically (temporary file + rename), so a crash or a concurrent run leaves the
 * old file or the new one. It holds parts of the notes (the summaries), so it is
 * written with mode 0600.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RULES, RULES_BY_ID, type CachedLint, type LintCacheStore, type VisitSummary } from '../../engine/index.ts';
import { nodeCrypto } from '../../node/crypto.ts';
import type { LintMessage } from '../results.ts';
import { toolVersion } from '../version.ts';
import { isUndigestedHistoryKey, sha256 } from './keys.ts';

export const DEFAULT_CACHE_LOCATION = '.visitnotes-cache';
const TOOL = 'visitnotes-cache';
const FORMAT = 1;

/**
 * One file's entry: `content` is contentHash of its bytes, `config` the
 * ConfigHasher hash of its config, `history` the historyHash its messages were
 * computed with (keys.ts).
 */
export type CacheEntry = CachedLint<LintMessage>;

interface Stamp {
  version: string;
  engine: string;
  rules: string;
}

interface CacheFile extends Stamp {
  tool: typeof TOOL;
  format: typeof FORMAT;
  /** SHA-256 of `JSON.stringify(entries)`: a flipped byte anywhere discards the file. */
  checksum: string;
  entries: Record<string, CacheEntry>;
}

export type CacheStatus = 'loaded' | 'missing' | 'discarded';

/** The engine's `LintCacheStore`, on disk. */
export class LintCache implements LintCacheStore<LintMessage> {
  private dirty = false;

  private constructor(
    readonly file: string,
    private readonly stamp: Stamp,
    private readonly entries: Map<string, CacheEntry>,
    /** How the file was found: `discarded` means it existed but was not trusted. */
    readonly status: CacheStatus,
    /** Why it was discarded. */
    readonly reason?: string,
  ) {
    // A discarded file is replaced even if every note turns out unchanged.
    if (status === 'discarded') this.dirty = true;
  }

  /** The cache file at `location` (a folder gets `.visitnotes-cache` inside it). */
  static async open(location: string): Promise<LintCache> {
    const file = await resolveLocation(location);
    const stamp = await currentStamp();
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      return new LintCache(file, stamp, new Map(), 'missing');
    }
    const entries = parseCacheFile(text, stamp);
    if (typeof entries === 'string') return new LintCache(file, stamp, new Map(), 'discarded', entries);
    return new LintCache(file, stamp, entries, 'loaded');
  }

  get(file: string): CacheEntry | undefined {
    return this.entries.get(file);
  }

  put(file: string, entry: CacheEntry): void {
    const prev = this.entries.get(file);
    if (prev && sameEntry(prev, entry)) return;
    this.entries.set(file, entry);
    this.dirty = true;
  }

  delete(file: string): void {
    if (this.entries.delete(file)) this.dirty = true;
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * Writes the cache if anything changed. Entries of files that no longer exist
   * are dropped; entries of other files not linted this time are kept (a run
   * over one folder does not forget the rest).
   */
  async save(linted: ReadonlySet<string>): Promise<void> {
    for (const file of [...this.entries.keys()]) {
      if (!linted.has(file) && !existsSync(file)) this.delete(file);
    }
    if (!this.dirty) return;
    const entries = Object.fromEntries(this.entries);
    const data: CacheFile = { tool: TOOL, format: FORMAT, ...this.stamp, checksum: sha256(JSON.stringify(entries)), entries };
    await mkdir(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}-${nodeCrypto().randomBytes(4).toString('hex')}.tmp`;
    try {
      await writeFile(tmp, JSON.stringify(data), { mode: 0o600 }); // it holds parts of the notes
      await rename(tmp, this.file);
    } catch (err) {
      await unlink(tmp).catch(() => {});
      throw err;
    }
    this.dirty = false;
  }
}

async function resolveLocation(location: string): Promise<string> {
  const st = await stat(location).catch(() => undefined);
  if (st?.isDirectory() || /[\\/]$/.test(location)) return path.join(location, DEFAULT_CACHE_LOCATION);
  return location;
}

function sameEntry(a: CacheEntry, b: CacheEntry): boolean {
  return a.content === b.content && a.config === b.config && a.history === b.history && JSON.stringify(a.messages) === JSON.stringify(b.messages);
}

// ---------------------------------------------------------------------------
// The stamp: which tool wrote the cache.

let stampPromise: Promise<Stamp> | undefined;

function currentStamp(): Promise<Stamp> {
  stampPromise ??= (async () => ({ version: toolVersion(), engine: await codeFingerprint(), rules: ruleSetHash() }))();
  return stampPromise;
}

/** Every rule with its defaults: a rule added, removed or changed invalidates the cache. */
function ruleSetHash(): string {
  return sha256(JSON.stringify(RULES.map((r) => [r.id, r.defaultSeverity, r.fixable, r.crossVisit === true, r.defaultOptions, r.description])));
}

/**
 * The code that is running, so a rebuilt tool with the same version number does
 * not reuse results of the old code. In the bundle: the contents of this chunk
 * and of every chunk it imports statically (the engine among them). From the
 * sources (tests, tsx): the path, size and modification time of every engine and
 * CLI source file.
 */
async function codeFingerprint(): Promise<string> {
  const here = fileURLToPath(import.meta.url);
  const hash: string[] = [];
  if (here.endsWith('.ts')) {
    const src = path.resolve(path.dirname(here), '../..');
    for (const dir of ['engine', 'cli']) {
      for (const file of walk(path.join(src, dir))) {
        const st = statSync(file);
        hash.push(`${path.relative(src, file)}:${st.size}:${st.mtimeMs}`);
      }
    }
    return sha256(hash.sort().join('\n'));
  }
  const seen = new Set<string>();
  const stack = [here];
  while (stack.length) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = await readFile(file, 'utf8').catch(() => '');
    hash.push(`${path.basename(file)}:${sha256(code)}`);
    // Static imports only (`import ... from "./x.js"`, `import "./x.js"`), not `import("./x.js")`.
    for (const m of code.matchAll(/(?:\bfrom|\bimport)\s*["'](\.\.?\/[^"']+\.js)["']/g)) stack.push(path.resolve(path.dirname(file), m[1]!));
  }
  return sha256(hash.sort().join('\n'));
}

function walk(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

// ---------------------------------------------------------------------------
// Validation: anything unexpected discards the whole file.

/** The entries of a valid cache file for `stamp`, or why it is not one. */
export function parseCacheFile(text: string, stamp: Stamp): Map<string, CacheEntry> | string {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return 'not JSON';
  }
  if (!isRecord(data) || data.tool !== TOOL || data.format !== FORMAT) return 'not a visitnotes cache file';
  if (data.version !== stamp.version) return 'written by another version';
  if (data.engine !== stamp.engine) return 'written by another build';
  if (data.rules !== stamp.rules) return 'written with other rules';
  if (!isRecord(data.entries)) return 'malformed';
  if (data.checksum !== sha256(JSON.stringify(data.entries))) return 'checksum mismatch';
  const entries = new Map<string, CacheEntry>();
  for (const [file, entry] of Object.entries(data.entries)) {
    if (!path.isAbsolute(file) || !validEntry(file, entry)) return 'malformed';
    entries.set(file, entry);
  }
  return entries;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
const isString = (x: unknown): x is string => typeof x === 'string';
const isOptString = (x: unknown) => x === undefined || typeof x === 'string';
const isBool = (x: unknown) => typeof x === 'boolean';
const isStrings = (x: unknown) => Array.isArray(x) && x.every(isString);
const isHash = (x: unknown) => typeof x === 'string' && (/^[0-9a-f]{64}$/.test(x) || x === 'none');
const isPosition = (x: unknown) => Number.isSafeInteger(x) && (x as number) >= 1;

function validEntry(file: string, e: unknown): e is CacheEntry {
  return (
    isRecord(e) &&
    isHash(e.content) &&
    e.content !== 'none' &&
    isHash(e.config) &&
    e.config !== 'none' &&
    (isHash(e.history) || isUndigestedHistoryKey(e.history)) &&
    validSummary(file, e.summary) &&
    Array.isArray(e.messages) &&
    e.messages.every(validMessage)
  );
}

function validMessage(m: unknown): m is LintMessage {
  return (
    isRecord(m) &&
    isString(m.ruleId) &&
    RULES_BY_ID.has(m.ruleId) &&
    (m.severity === 0 || m.severity === 1 || m.severity === 2) &&
    isString(m.message) &&
    isPosition(m.line) &&
    isPosition(m.column) &&
    isPosition(m.endLine) &&
    isPosition(m.endColumn) &&
    m.fatal === undefined &&
    (m.fixable === undefined || m.fixable === true)
  );
}

function validSummary(file: string, s: unknown): s is VisitSummary {
  if (!isRecord(s) || s.path !== file) return false;
  if (![s.key, s.patient, s.date, s.clinician, s.visit].every(isOptString)) return false;
  if (!['absent', 'empty', 'formulaic', 'written'].includes(s.countertransference as string)) return false;
  if (!isStrings(s.goalMentions) || !Array.isArray(s.goals) || !Array.isArray(s.medications)) return false;
  const goalsOk = s.goals.every(
    (g) => isRecord(g) && isString(g.id) && isString(g.text) && isOptString(g.status) && isString(g.reason) && isStrings(g.medications),
  );
  const medsOk = s.medications.every(
    (m) =>
      isRecord(m) &&
      isString(m.key) &&
      isString(m.title) &&
      isOptString(m.change) &&
      isBool(m.hasRationale) &&
      isBool(m.goalLinked) &&
      isStrings(m.goals) &&
      isStrings(m.words),
  );
  return goalsOk && medsOk;
}
