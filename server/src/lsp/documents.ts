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
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CancellationToken, Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  frontMatterValue,
  isNoteFileName,
  lintNote,
  parseWithConfig,
  parseOptionsFor,
  templateFor,
  type Finding,
  type Note,
  type ResolvedConfig,
  type ResolvedTemplate,
  type VisitHistory,
  unparsedNote,
  unparsedReason,
} from '../engine/index.ts';
import { consumed, reparseNote } from '../engine/incremental.ts';
import { matcherFor, type ConfigResult, type ConfigStore } from './configs.ts';
import { fatalDiagnostic, toDiagnostic } from './to-diagnostic.ts';
import type { ServerWatchdog } from './watchdog.ts';

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function pathToUri(file: string): string {
  return pathToFileURL(file).href;
}

/** One document version, analysed lazily. */
export class Analysis {
  private parsed: Note | undefined;
  /** Set when the watchdog stopped this version (watchdog.ts): it is never parsed here. */
  private stopped: string | undefined;
  /** A large note's watchdog verdict, awaited before the analysis is handed out. */
  checked: Promise<void> | undefined;
  private linted: Finding[] | undefined;
  private converted: Diagnostic[] | undefined;

  constructor(
    readonly uri: string,
    readonly version: number,
    readonly text: string,
    readonly configResult: ConfigResult,
    /** Whether this document is a visit note (others get no diagnostics or features). */
    readonly isNote: boolean,
    private readonly hooks: AnalysisHooks = {},
    /** History epoch of the document when this analysis was made (see `NoteCache.historyChanged`). */
    readonly epoch = 0,
  ) {}

  /**
   * Identifies what this analysis's diagnostics depend on: text version, config
   * generation, and the note's history epoch (bumped when earlier visits change).
   */
  get resultId(): string {
    return `${this.version}:${this.generation}:${this.epoch}`;
  }

  get config(): ResolvedConfig {
    return this.configResult.config;
  }

  get generation(): number {
    return this.configResult.generation;
  }

  get isParsed(): boolean {
    return this.parsed !== undefined;
  }

  get isLinted(): boolean {
    return this.linted !== undefined;
  }

  get isStopped(): boolean {
    return this.stopped !== undefined;
  }

  /** The watchdog's verdict: this version took too long in the worker. */
  stop(reason: string): void {
    this.stopped = reason;
    this.parsed = undefined;
    this.linted = undefined;
    this.converted = undefined;
  }

  /**
   * Parses this version now (a no-op when it is parsed): the explicit step the
   * diagnostics take before linting, so a cancellation can arrive in between.
   */
  parse(): Note {
    return this.note;
  }

  get note(): Note {
    if (this.stopped) {
      this.parsed ??= unparsedNote(this.text, this.stopped, parseOptionsFor(this.config));
      return this.parsed;
    }
    // A later version reused this one's tree (see below): read the text again if it is still asked for.
    if (this.parsed && consumed(this.parsed)) this.parsed = parseWithConfig(this.text, this.config);
    if (!this.parsed) {
      // Re-use the previous version's tree where the engine can show it is safe
      // (large notes: only the blocks an edit touched are parsed again).
      const previous = this.hooks.previous?.(this);
      // Every size qualifies: a keystroke in a 150-line note then re-parses one paragraph
      // instead of the whole note, which is what keeps diagnostics within a frame or two.
      // The previous version is done with once a newer one is parsed, so its blocks after
      // the edit are moved rather than copied (`reuse`).
      this.parsed =
        previous?.text === this.text
          ? previous // same text under the same config (say, only the history changed): the model is the same
          : previous
            ? reparseNote(previous, this.text, { ...parseOptionsFor(this.config), minLength: 0, reuse: true })
            : parseWithConfig(this.text, this.config);
      this.hooks.onParsed?.(this);
    }
    return this.parsed;
  }

  /** The template this note uses (front matter `template`, else the config default). */
  get template(): ResolvedTemplate {
    return templateFor(this.config, frontMatterValue(this.note, 'template'));
  }

  /** The note's earlier visits, read from the server's visit index (reading never changes it). */
  get history(): VisitHistory | undefined {
    return this.hooks.history?.(this);
  }

  get findings(): Finding[] {
    this.linted ??= lintNote(this.note, this.config, undefined, this.history);
    return this.linted;
  }

  get diagnostics(): Diagnostic[] {
    if (!this.converted) {
      // Over the size or nesting limits: not parsed, one fatal message (as the CLI gives).
      const unparsed = unparsedReason(this.note);
      this.converted = unparsed ? [fatalDiagnostic(unparsed)] : this.findings.map((f) => toDiagnostic(f, this.note, this.uri, this.version));
    }
    return this.converted;
  }
}

export interface AnalysisHooks {
  onParsed?: (analysis: Analysis) => void;
  /** An older version's parsed note under the same config, for incremental re-parsing. */
  previous?: (analysis: Analysis) => Note | undefined;
  /**
   * Earlier visits for cross-visit rules, when the server keeps a visit index: a
   * read-only query (the index is updated by the server's explicit step when a
   * document changes, never by linting).
   */
  history?: (analysis: Analysis) => VisitHistory | undefined;
}

export interface DocumentSource {
  get(uri: string): TextDocument | undefined;
}

/** Parsed models kept in memory (a model with its tree is a few hundred KB). */
const MAX_PARSED = 64;

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
    private readonly history?: (analysis: Analysis) => VisitHistory | undefined,
    /** Large notes are tried in a worker first (watchdog.ts); absent, never. */
    private readonly watchdog?: Pick<ServerWatchdog, 'wants' | 'check'>,
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
    const configResult = await this.configFor(uri);
    if (token?.isCancellationRequested) return undefined;
    const again = current(this.entries.get(uri));
    if (again && again.generation === configResult.generation) return this.ready(again);
    const analysis = new Analysis(uri, version, text, configResult, isNoteDocument(uri, languageId, configResult), {
      onParsed: (a) => this.rememberParsed(a),
      previous: (a) => {
        const last = this.parsed.get(a.uri);
        return last && last.version <= a.version && last.config === a.config && !last.isStopped ? last.note : undefined;
      },
      ...(this.history ? { history: this.history } : {}),
    }, epoch);
    // Cache only what is still current: a slow config load must not overwrite newer work.
    if (this.documents.get(uri)?.version === version && configResult.generation === this.configs.generation) {
      this.entries.set(uri, analysis);
    }
    // A large note: the watchdog's worker tries it first (watchdog.ts); until it answers,
    // requests on this note wait and every other request is answered.
    if (analysis.isNote && this.watchdog?.wants(text)) {
      const stillWanted = () => this.documents.get(uri)?.version === version;
      analysis.checked = this.watchdog.check(text, analysis.config, stillWanted).then((reason) => {
        if (reason) analysis.stop(reason);
      });
      return this.ready(analysis);
    }
    return analysis;
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
    const file = uriToPath(uri);
    if (file) return this.configs.forPath(file);
    const folder = this.fallbackFolder();
    return this.configs.forPath(path.join(folder ?? process.cwd(), 'untitled.visit.md'));
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

/**
 * Which documents are notes: what the engine's note matcher says for files
 * (`*.visit.md`, plus Markdown matched by the config's `include`, minus
 * `ignore`), and any buffer whose language is Visit Notes.
 */
export function isNoteDocument(uri: string, languageId: string | undefined, configResult: Pick<ConfigResult, 'config' | 'file'>): boolean {
  if (languageId && /^visit-?notes?$/i.test(languageId)) return true;
  const file = uriToPath(uri);
  if (!file) return isNoteFileName(uri);
  return matcherFor(configResult).isNote(file);
}
