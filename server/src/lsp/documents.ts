/**
 * Parse once per version: a cache of each open document's analysis (config,
 * parsed Note, findings, LSP diagnostics) keyed by URI and version. Everything
 * is computed lazily on first use and shared by every feature, so diagnostics,
 * completion, hover and code actions on one version parse it once.
 *
 * Stale results are never cached over newer ones: an analysis is stored only
 * while its version is still the document's current version and its config
 * generation the current one.
 */
import path from 'node:path';
import type { CancellationToken } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { commonPrefix, commonSuffix, type VisitHistory, type VisitSummary } from '../engine/index.ts';
import type { ConfigResult, ConfigStore } from './configs.ts';
import { isNoteDocument, uriToPath } from './uris.ts';
import type { ServerWatchdog } from './watchdog.ts';
import { Analysis } from './analysis.ts';

export { isNoteDocument, pathToUri, uriToPath } from './uris.ts';

export { Analysis, type AnalysisHooks } from './analysis.ts';

export interface DocumentSource {
  get(uri: string): TextDocument | undefined;
}

/** An edit of at most this many characters to a parsed note is not probed again (see smallEditOfParsed). */
const SMALL_EDIT_CHARS = 4096;

/** Parsed models kept in memory (a model with its tree is a few hundred KB). */
const MAX_PARSED = 64;

/** Where a note's history comes from (continuity.ts: the server's visit index). */
export interface VisitReader {
  history(analysis: Analysis): VisitHistory | undefined;
  /**
   * What a worker thread needs to read the same history without the server's parse
   * (watchdog.ts): the note's path and the index's summaries; undefined without a path.
   */
  forWorker(analysis: Analysis): { path: string; summaries: VisitSummary[] } | undefined;
}

export class NoteCache {
  private readonly entries = new Map<string, Analysis>();
  /** The newest analysis per URI whose note is parsed (possibly an older version). */
  private readonly parsed = new Map<string, Analysis>();
  /** Per URI, bumped when the note's earlier visits change: its findings must be recomputed. */
  private readonly epochs = new Map<string, number>();

  constructor(
    private readonly documents: DocumentSource,
    private readonly configs: ConfigStore,
    /** Folder used for config lookup of documents without a file path (untitled buffers). */
    private readonly fallbackFolder: () => string | undefined,
    /** The note's earlier visits, from the server's visit index (continuity.ts). */
    private readonly visits?: VisitReader,
    /** Large notes are tried in a worker first (watchdog.ts); absent, never. */
    private readonly watchdog?: Pick<ServerWatchdog, 'wants' | 'check' | 'prepare'>,
    /** The path a URI names (the browser's server maps its workspace's own schemes). */
    private readonly toPath: (uri: string) => string | undefined = uriToPath,
  ) {}

  /**
   * The analysis of the document's current version. Undefined when the document
   * is not open or the request was cancelled while config loaded.
   */
  async analyze(uri: string, token?: CancellationToken): Promise<Analysis | undefined> {
    const doc = this.documents.get(uri);
    if (!doc) return undefined;
    // Snapshot now: the request's positions refer to this version.
    const version = doc.version;
    const epoch = this.epochs.get(uri) ?? 0;
    const current = (a: Analysis | undefined) =>
      a && a.version === version && a.generation === this.configs.generation && a.epoch === epoch ? a : undefined;
    const cached = current(this.entries.get(uri));
    if (cached) return this.ready(cached);
    const text = doc.getText();
    const languageId = doc.languageId;
    this.watchdog?.prepare(text.length);
    const configResult = await this.configFor(uri);
    if (token?.isCancellationRequested) return undefined;
    const again = current(this.entries.get(uri));
    if (again && again.generation === configResult.generation) return this.ready(again);
    const analysis = new Analysis(uri, version, text, configResult, isNoteDocument(uri, languageId, configResult, this.toPath(uri)), {
      onParsed: (a) => this.rememberParsed(a),
      previous: (a) => {
        const last = this.parsed.get(a.uri);
        return last && last.version <= a.version && last.config === a.config && !last.isStopped ? last.note : undefined;
      },
      ...(this.visits ? { history: (a: Analysis) => this.visits!.history(a) } : {}),
    }, epoch);
    // Cache only what is still current: a slow config load must not overwrite newer work.
    if (this.documents.get(uri)?.version === version && configResult.generation === this.configs.generation) {
      this.entries.set(uri, analysis);
    }
    // A large note: the watchdog's worker tries it first (watchdog.ts); until it answers,
    // requests on this note wait and every other request is answered.
    // (The small-edit test first: `wants` scans the whole text for its nesting depth.)
    if (analysis.isNote && this.watchdog && !this.smallEditOfParsed(analysis) && this.watchdog.wants(text)) {
      const stillWanted = () => this.documents.get(uri)?.version === version;
      analysis.checked = this.watchdog.check(text, analysis.config, stillWanted, this.visits?.forWorker(analysis)).then((verdict) => {
        if (!verdict) return;
        if ('stopped' in verdict) return analysis.stop(verdict.stopped);
        // Its diagnostics go out first; the diagnostics then ask for the model (parseSoon).
        analysis.adoptFindings(verdict.findings);
      });
      return this.ready(analysis);
    }
    return analysis;
  }

  /**
   * Parses a vouched-for large note whose diagnostics came from the worker, once
   * they are out (diagnostics.ts). Also when an edit has superseded it meanwhile: it
   * is the base the next versions re-parse incrementally from (and skip the worker
   * for, smallEditOfParsed); not when the note was closed or a newer version is
   * parsed already.
   */
  parseSoon(analysis: Analysis): void {
    const last = this.parsed.get(analysis.uri);
    if (!this.documents.get(analysis.uri) || analysis.isParsed || (last && last.version >= analysis.version)) return;
    try {
      analysis.parse();
    } catch {
      // The next request on the note parses again and meets the failure where it is reported.
    }
  }

  /**
   * A large note's analysis once the watchdog has answered; undefined when the
   * version was superseded meanwhile (its probe may have been skipped: it is
   * never parsed here unchecked).
   */
  private async ready(analysis: Analysis): Promise<Analysis | undefined> {
    if (!analysis.checked) return analysis;
    await analysis.checked;
    return this.documents.get(analysis.uri)?.version === analysis.version ? analysis : undefined;
  }

  /** The cached analysis of the current version, without computing anything. */
  peek(uri: string): Analysis | undefined {
    const doc = this.documents.get(uri);
    const a = this.entries.get(uri);
    return a && doc && a.version === doc.version && a.generation === this.configs.generation && a.epoch === (this.epochs.get(uri) ?? 0)
      ? a
      : undefined;
  }

  /**
   * The note's earlier visits changed: its findings must be recomputed. The parsed
   * model stays available, so the next analysis re-uses it instead of parsing again.
   */
  historyChanged(uri: string): void {
    this.epochs.set(uri, (this.epochs.get(uri) ?? 0) + 1);
    this.entries.delete(uri);
  }

  /**
   * The newest already-parsed analysis of `uri`, even of an older version: lets
   * latency-sensitive features (completion) answer from the last model while the
   * current version is still being parsed.
   */
  lastParsed(uri: string): Analysis | undefined {
    const a = this.parsed.get(uri);
    return a && a.generation === this.configs.generation ? a : undefined;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
    this.parsed.delete(uri);
    this.epochs.delete(uri);
  }

  clear(): void {
    this.entries.clear();
    this.parsed.clear();
  }

  /** Config for any URI (open or not): used by the workspace index too. */
  configFor(uri: string): Promise<ConfigResult> {
    const file = this.toPath(uri);
    if (file) return this.configs.forPath(file);
    const folder = this.fallbackFolder();
    return this.configs.forPath(path.join(folder ?? (typeof process === 'object' ? process.cwd() : '/'), 'untitled.visit.md'));
  }

  /**
   * Whether `text` differs by a few characters from a version of the note that
   * was parsed here under the same config (after the watchdog vouched for it,
   * or as such an edit itself). A keystroke then skips the worker: it would
   * parse and lint all of a 1.6 MB note again (a second or more) only to
   * vouch for a re-parse that touches about 1 KB, and every input costs at
   * most linear time (issue 16), so a small edit cannot turn a note that was
   * parsed in time into one that hangs.
   */
  private smallEditOfParsed(analysis: Analysis): boolean {
    const last = this.parsed.get(analysis.uri);
    if (!last || last.isStopped || last.config !== analysis.config) return false;
    const old = last.text;
    const text = analysis.text;
    const prefix = commonPrefix(old, text);
    const suffix = commonSuffix(old, text, prefix);
    // The re-parse compares the same two texts: it takes this comparison instead (one pass over 1.6 MB, not two).
    analysis.diff = { old, prefix, suffix };
    return Math.max(old.length, text.length) - prefix - suffix <= SMALL_EDIT_CHARS;
  }

  private rememberParsed(a: Analysis): void {
    const prev = this.parsed.get(a.uri);
    if (prev && prev.version > a.version) return;
    // Most recently parsed last; beyond the limit the least recent models are
    // dropped (their diagnostics are already out; a later request parses again).
    this.parsed.delete(a.uri);
    this.parsed.set(a.uri, a);
    while (this.parsed.size > MAX_PARSED) {
      const oldest = this.parsed.keys().next().value as string;
      this.parsed.delete(oldest);
      this.entries.delete(oldest);
    }
  }
}
