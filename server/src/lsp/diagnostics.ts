/**
 * Diagnostics, pulled or pushed.
 *
 * Pull (`textDocument/diagnostic`): the client drives timing and cancellation;
 * a result ID made of version and config generation lets it skip unchanged
 * reports. Push (`publishDiagnostics`, for clients without pull): lint runs
 * after a debounce that adapts to the note's cost — bursts of changes that
 * arrive together collapse into one lint; a note whose lint takes longer waits
 * for a pause as long as one lint, unless the change itself comes after such a
 * pause. Work for a version that is no longer current is abandoned between
 * parse and lint and never published.
 *
 * Config problems are always pushed, on the config file itself.
 */
import path from 'node:path';
import {
  DiagnosticSeverity,
  MessageType,
  ShowMessageNotification,
  type CancellationToken,
  type Connection,
  type Diagnostic,
  type DocumentDiagnosticParams,
  type DocumentDiagnosticReport,
} from 'vscode-languageserver';
import type { ConfigError } from '../engine/index.ts';
import { isConfigFile } from './configs.ts';
import type { DocumentSource, NoteCache } from './documents.ts';
import { SOURCE } from './to-diagnostic.ts';

/** Notes cheaper than this (ms) are linted as soon as a burst of changes has been read. */
const FAST_MS = 15;
const MAX_DELAY_MS = 750;

export interface DiagnosticsOptions {
  /** Client supports pull diagnostics: no pushing for notes. */
  pull: boolean;
  /** Client supports `workspace/diagnostic/refresh`. */
  refresh: boolean;
  /** Reads a config file's text (open buffer or disk) to place a problem on its line. */
  readFile: (file: string) => Promise<string | undefined>;
  /** URI the client uses for a path (an open document's own URI when there is one). */
  uriFor: (file: string) => string;
}

export class Diagnostics {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly cost = new Map<string, number>();
  /** When the last lint of each note ended (performance.now()). */
  private readonly lastRun = new Map<string, number>();
  private readonly published = new Set<string>();
  /** Config file (nearest) → URI of the file its problem was published on. */
  private readonly configProblems = new Map<string, string>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: DocumentSource & { keys(): string[] },
    private readonly cache: NoteCache,
    private readonly options: DiagnosticsOptions,
  ) {}

  get pullMode(): boolean {
    return this.options.pull;
  }

  /** A note opened or changed. */
  changed(uri: string): void {
    if (this.options.pull) return;
    this.schedule(uri);
  }

  closed(uri: string): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.delete(uri);
    this.cost.delete(uri);
    this.lastRun.delete(uri);
    if (this.published.delete(uri) || !this.options.pull) {
      void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    }
  }

  /**
   * Config changed: every open note may lint differently. With `pullOnly`, only a
   * pull client is asked to re-pull (push clients were scheduled one by one).
   */
  relintAll(options: { pullOnly?: boolean } = {}): void {
    if (this.options.pull) {
      if (this.options.refresh) void this.connection.languages.diagnostics.refresh();
      return;
    }
    if (options.pullOnly) return;
    for (const uri of this.documents.keys()) this.schedule(uri, 0);
  }

  /** `textDocument/diagnostic`. */
  async pull(params: DocumentDiagnosticParams, token: CancellationToken): Promise<DocumentDiagnosticReport> {
    const uri = params.textDocument.uri;
    const analysis = await this.cache.analyze(uri, token);
    if (!analysis || !analysis.isNote || token.isCancellationRequested) return { kind: 'full', items: [] };
    const resultId = analysis.resultId;
    if (params.previousResultId === resultId) return { kind: 'unchanged', resultId };
    // A large note's findings may have come from the watchdog's worker: no parse needed for them.
    if (!analysis.isLinted) analysis.parse();
    // Let a cancellation or a newer change arrive between parse and lint.
    await yieldToEventLoop();
    if (token.isCancellationRequested) return { kind: 'full', items: [] };
    const items = analysis.diagnostics;
    // The model, for every other feature, once this answer is written (after this turn's writes).
    if (!analysis.isParsed) setTimeout(() => this.cache.parseSoon(analysis), 0);
    return { kind: 'full', resultId, items };
  }

  private schedule(uri: string, delayOverride?: number): void {
    const prev = this.timers.get(uri);
    if (prev) clearTimeout(prev);
    const cost = this.cost.get(uri) ?? 0;
    // A slow note waits for a pause as long as one lint, so continuous typing never
    // queues lints; a change after such a pause (the last lint ended at least that
    // long ago) is linted at once.
    const idle = performance.now() - (this.lastRun.get(uri) ?? -Infinity);
    const delay = delayOverride ?? (cost < FAST_MS || idle >= cost ? 0 : Math.min(MAX_DELAY_MS, Math.round(cost)));
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        this.run(uri).catch((err: unknown) => {
          // Never the note's text: only the URI and the error's type.
          this.connection.console.error(`visitnotes: lint failed for ${uri} (${(err as Error)?.name ?? 'Error'})`);
        });
      }, delay),
    );
  }

  private async run(uri: string): Promise<void> {
    const doc = this.documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    const stale = () => this.documents.get(uri)?.version !== version || this.timers.has(uri);
    const analysis = await this.cache.analyze(uri);
    if (!analysis || stale()) return;
    if (!analysis.isNote) {
      if (this.published.delete(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
      return;
    }
    let spent = 0;
    if (!analysis.isParsed && !analysis.isLinted) {
      const t0 = performance.now();
      analysis.parse();
      spent += performance.now() - t0;
      // A long parse lets newer changes in before linting; short ones go straight on.
      if (spent >= FAST_MS) {
        await yieldToEventLoop();
        if (stale()) return;
      }
    }
    const t1 = performance.now();
    const diagnostics = analysis.diagnostics;
    const t2 = performance.now();
    spent += t2 - t1;
    this.cost.set(uri, spent);
    this.lastRun.set(uri, t2);
    if (stale()) return;
    this.published.add(uri);
    const sent = this.connection.sendDiagnostics({ uri, version, diagnostics });
    // The worker's findings (a large note) went out unparsed: the model, once they are written.
    if (!analysis.isParsed) void sent.then(() => this.cache.parseSoon(analysis), () => undefined);
  }

  /** A config file's problem appeared (`error`) or went away. */
  async configProblem(configFile: string, error: ConfigError | undefined, usingLastGood: boolean): Promise<void> {
    const previous = this.configProblems.get(configFile);
    if (!error) {
      this.configProblems.delete(configFile);
      if (previous && ![...this.configProblems.values()].includes(previous)) {
        void this.connection.sendDiagnostics({ uri: previous, diagnostics: [] });
      }
      return;
    }
    // The error may sit in a file this one extends; show it where it is.
    const where = error.file && isConfigLike(error.file) ? error.file : configFile;
    const uri = this.options.uriFor(where);
    if (previous && previous !== uri) void this.connection.sendDiagnostics({ uri: previous, diagnostics: [] });
    this.configProblems.set(configFile, uri);
    const text = await this.options.readFile(where);
    void this.connection.sendDiagnostics({ uri, diagnostics: [configDiagnostic(error, text, usingLastGood, uri)] });
    const line = error.line ? `:${error.line}` : '';
    const fallback = usingLastGood ? 'the last good configuration stays in effect' : 'the built-in "recommended" configuration applies';
    // A notification, not a request: nothing waits on the user.
    void this.connection.sendNotification(ShowMessageNotification.type, {
      type: MessageType.Error,
      message: `Visit Notes: ${path.basename(where)}${line}: ${error.key ? `${error.key}: ` : ''}${error.message} — ${fallback} until it is fixed.`,
    });
  }
}

function isConfigLike(file: string): boolean {
  return isConfigFile(file) || /\.(ya?ml|json)$/i.test(file);
}

/**
 * One diagnostic on the config file, at the first problem's range (its line
 * when the error names no end); further problems of the same pass travel as
 * related information, so the file still shows a single clear squiggle.
 */
export function configDiagnostic(error: ConfigError, text: string | undefined, usingLastGood: boolean, uri?: string): Diagnostic {
  const lines = (text ?? '').split(/\r\n|\r|\n/);
  const rangeOf = (e: ConfigError) => {
    const line = Math.max(0, Math.min((e.line ?? 1) - 1, lines.length - 1));
    const content = lines[line] ?? '';
    const start = e.line && e.column ? Math.min(Math.max(0, e.column - 1), content.length) : 0;
    if (e.endLine !== undefined && e.endLine >= (e.line ?? 1)) {
      const endLine = Math.max(line, Math.min(e.endLine - 1, lines.length - 1));
      const endChar = Math.min(Math.max(0, (e.endColumn ?? 1) - 1), (lines[endLine] ?? '').length);
      if (endLine > line || endChar > start) return { start: { line, character: start }, end: { line: endLine, character: endChar } };
    }
    return { start: { line, character: start }, end: { line, character: Math.max(start, content.length) } };
  };
  const others = (error.problems ?? []).filter((p) => p !== error && p.file === error.file);
  const fallback = usingLastGood ? 'the last good configuration stays in effect' : 'the built-in "recommended" configuration applies';
  return {
    range: rangeOf(error),
    severity: DiagnosticSeverity.Error,
    code: 'config',
    source: SOURCE,
    message: `${error.key ? `${error.key}: ` : ''}${error.message} (${fallback}${others.length ? `; ${others.length} more problem${others.length === 1 ? '' : 's'} in this file` : ''})`,
    ...(uri && others.length
      ? { relatedInformation: others.map((p) => ({ location: { uri, range: rangeOf(p) }, message: `${p.key ? `${p.key}: ` : ''}${p.message}` })) }
      : {}),
  };
}

/** Lets other messages in: `setImmediate` in Node, a zero timeout in a web worker (which has no `setImmediate`). */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));
}

