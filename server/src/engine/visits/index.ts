/**
 * The workspace index of visits: every note summarized, grouped into courses of
 * care (by patient pseudonym or by folder) and ordered by date. Shared by the
 * language server (fed from open buffers and the file system) and the CLI (fed
 * from the files it was given).
 *
 * Incremental: a note is re-parsed only when its text (content hash) or its
 * config changed. Each update says which other notes' history it changed, so a
 * language server re-lints exactly those. Reading files is the caller's part
 * (engine/workspace/ reads through an injected file system).
 */
import { parseNote } from '../parse.ts';
import { RECOMMENDED } from '../config/resolve.ts';
import { parseOptionsFor } from '../parse-options.ts';
import type { ResolvedConfig } from '../config/types.ts';
import type { Note } from '../model/note.ts';
import { byDate, summarizeNote, type VisitHistory, type VisitSummary } from './summary.ts';
import { courseBefore, loosePseudonym, wholeCourse } from './persons.ts';
import { normalizePatientKey } from './patient-key.ts';
import { textHash } from './text-hash.ts';

export interface IndexUpdate {
  /** Whether the summary of this note changed (false: same text and config, or no relevant change). */
  changed: boolean;
  /** Other notes whose history this change affects (same group, later date), sorted. */
  affected: string[];
  /** The parsed note when this update had to parse (reuse it instead of parsing again). */
  note?: Note;
}

interface Entry {
  hash: string;
  config: ResolvedConfig;
  summary: VisitSummary;
  /**
   * Stable JSON of the summary without its path: what "changed" compares. Made only
   * when a later update compares with it (`fingerprintOf`): a CLI run adds each note
   * once and never compares, and the JSON cost ~20 ms per 600 notes.
   */
  fingerprint?: string;
}

export interface UpdateOptions {
  /** Config that applies to the note (grouping, section aliases). Default: `recommended`. */
  config?: ResolvedConfig;
  /** An already-parsed model of exactly this text (the LSP caches them). */
  note?: Note;
}

export class VisitIndex {
  private readonly entries = new Map<string, Entry>();
  private readonly groups = new Map<string, Set<string>>();
  /** How many notes were parsed (tests check incrementality with it). */
  parses = 0;

  /** Adds or refreshes a note from its text. Cheap when nothing changed. */
  update(notePath: string, text: string, options: UpdateOptions = {}): IndexUpdate {
    const config = options.config ?? RECOMMENDED;
    // With its model given (the language server, after every keystroke), summarising
    // costs less than hashing the text (a 1.6 MB note: 20 ms): the hash only saves a parse.
    const hash = options.note?.text === text ? '' : textHash(text);
    const prev = this.entries.get(notePath);
    if (prev && hash && prev.hash === hash && prev.config === config) return { changed: false, affected: [] };
    let note = options.note;
    if (!note || note.text !== text) {
      note = parseNote(text, parseOptionsFor(config));
      this.parses++;
    }
    const summary = summarizeNote(notePath, note, config);
    const entry: Entry = { hash, config, summary };
    this.entries.set(notePath, entry);
    if (prev && sameSummary(prev, entry)) return { changed: false, affected: [], note };
    if (prev?.summary.key !== summary.key) {
      this.leave(notePath, prev?.summary.key);
      this.join(notePath, summary.key);
    }
    return { changed: true, affected: this.affectedBy(notePath, [prev?.summary, summary]), note };
  }

  /**
   * Adds or refreshes a note from a summary computed elsewhere: by a worker
   * thread, or read back from the CLI's cache. `hash` identifies the text the
   * summary was made from, if known. Equivalent to `update` with that text.
   */
  updateSummary(summary: VisitSummary, options: { hash?: string; config?: ResolvedConfig } = {}): IndexUpdate {
    const notePath = summary.path;
    const prev = this.entries.get(notePath);
    const entry: Entry = { hash: options.hash ?? '', config: options.config ?? RECOMMENDED, summary };
    this.entries.set(notePath, entry);
    if (prev && sameSummary(prev, entry)) return { changed: false, affected: [] };
    if (prev?.summary.key !== summary.key) {
      this.leave(notePath, prev?.summary.key);
      this.join(notePath, summary.key);
    }
    return { changed: true, affected: this.affectedBy(notePath, [prev?.summary, summary]) };
  }

  remove(notePath: string): IndexUpdate {
    const prev = this.entries.get(notePath);
    if (!prev) return { changed: false, affected: [] };
    this.entries.delete(notePath);
    this.leave(notePath, prev.summary.key);
    return { changed: true, affected: this.affectedBy(notePath, [prev.summary]) };
  }

  has(notePath: string): boolean {
    return this.entries.has(notePath);
  }

  get(notePath: string): VisitSummary | undefined {
    return this.entries.get(notePath)?.summary;
  }

  /** The group key of an indexed note. */
  keyOf(notePath: string): string | undefined {
    return this.entries.get(notePath)?.summary.key;
  }

  /** The config a note was indexed with. */
  configOf(notePath: string): ResolvedConfig | undefined {
    return this.entries.get(notePath)?.config;
  }

  /** Every visit in a group, in date order (notes without a valid date last). */
  visitsFor(key: string): VisitSummary[] {
    const paths = this.groups.get(key);
    if (!paths) return [];
    const visits = [...paths].map((p) => this.entries.get(p)!.summary);
    const dated = visits.filter((v) => v.date).sort(byDate);
    const undated = visits.filter((v) => !v.date).sort(byDate);
    return [...dated, ...undated];
  }

  /** Every group key, sorted. */
  keys(): string[] {
    return [...this.groups.keys()].sort();
  }

  /** Every indexed note's summary, in path order. */
  all(): VisitSummary[] {
    return [...this.entries.values()].map((e) => e.summary).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  get size(): number {
    return this.entries.size;
  }

  private join(notePath: string, key: string | undefined): void {
    if (!key) return;
    let set = this.groups.get(key);
    if (!set) this.groups.set(key, (set = new Set()));
    set.add(notePath);
  }

  private leave(notePath: string, key: string | undefined): void {
    if (!key) return;
    const set = this.groups.get(key);
    if (!set) return;
    set.delete(notePath);
    if (set.size === 0) this.groups.delete(key);
  }

  /** Notes in the groups of `versions` dated after the earliest of their dates. */
  private affectedBy(notePath: string, versions: (VisitSummary | undefined)[]): string[] {
    const out = new Set<string>();
    for (const v of versions) {
      if (!v?.key) continue;
      for (const other of this.groups.get(v.key) ?? []) {
        if (other === notePath) continue;
        const date = this.entries.get(other)!.summary.date;
        if (!date) continue;
        const since = versions.map((x) => x?.date).filter((d): d is string => !!d).sort()[0];
        if (since === undefined || date > since) out.add(other);
      }
    }
    return [...out].sort();
  }
}

function fingerprintOf(entry: Entry): string {
  if (entry.fingerprint === undefined) {
    const { path: _path, ...rest } = entry.summary;
    entry.fingerprint = JSON.stringify(rest);
  }
  return entry.fingerprint;
}

/** Whether two entries summarise a note alike (its path aside). */
function sameSummary(prev: Entry, next: Entry): boolean {
  return fingerprintOf(prev) === fingerprintOf(next);
}

/**
 * The earlier visits of the note at `notePath`, for the continuity rules.
 * Pass `note` (and its `config`) for an unsaved buffer: its own front matter then
 * decides its group and date, not the indexed version. Undefined when the note
 * has no group (no `patient`) or no valid date: single-note rules still run.
 */
export function historyFor(index: VisitIndex, notePath: string, note?: Note, config?: ResolvedConfig): VisitHistory | undefined {
  const cfg = config ?? index.configOf(notePath);
  const self = note ? summarizeNote(notePath, note, cfg) : index.get(notePath);
  if (!self?.key || !self.date) return undefined;
  const bucket = index.visitsFor(self.key).filter((v) => v.path !== notePath);
  const course = courseBefore(self, bucket, groupingOfKey(self.key));
  return {
    key: self.key,
    date: self.date,
    ...(self.patientKey ? { patientKey: self.patientKey } : {}),
    previous: course.previous,
    ...(course.notice ? { identity: course.notice } : {}),
  };
}

/**
 * Every visit of the person `notePath` belongs to (itself included), date order:
 * its bucket told apart by patient key and pseudonym (visits/persons.ts). What
 * a timeline draws.
 */
export function courseFor(index: VisitIndex, notePath: string): VisitSummary[] {
  const self = index.get(notePath);
  if (!self?.key) return self ? [self] : [];
  return wholeCourse(self, index.visitsFor(self.key), groupingOfKey(self.key));
}

/**
 * How a bucket was formed, read from its key: the key, not a config, travels
 * with a summary (the CLI indexes summaries from workers and its cache).
 */
function groupingOfKey(key: string): 'patient' | 'folder' {
  return key.startsWith('folder:') ? 'folder' : 'patient';
}

/**
 * The patient keys other notes with this `patient` value (or in this folder)
 * carry, with how many notes carry each: what New Note and key completion offer.
 */
export function patientKeysFor(index: VisitIndex, bucketKey: string | undefined, patient?: string): { key: string; notes: number }[] {
  if (!bucketKey) return [];
  const loose = loosePseudonym(patient);
  const counts = new Map<string, { key: string; notes: number }>();
  for (const v of index.visitsFor(bucketKey)) {
    if (!v.patientKey || (loose !== undefined && loosePseudonym(v.patient) !== loose)) continue;
    const k = normalizePatientKey(v.patientKey);
    const hit = counts.get(k) ?? { key: v.patientKey, notes: 0 };
    hit.notes++;
    counts.set(k, hit);
  }
  return [...counts.values()].sort((a, b) => b.notes - a.notes || (a.key < b.key ? -1 : 1));
}
