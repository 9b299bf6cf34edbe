/**
 * One open document version, analysed lazily: its config, parsed Note, findings
 * and LSP diagnostics, each computed on first use (documents.ts caches them).
 */
import type { Diagnostic } from 'vscode-languageserver';
import {
  frontMatterValue,
  LineIndex,
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
import { consumed, reparseNote } from '../engine/index.ts';
import type { ConfigResult } from './configs.ts';
import { fatalDiagnostic, toDiagnostic } from './to-diagnostic.ts';

/** One document version, analysed lazily. */
export class Analysis {
  private parsed: Note | undefined;
  /** Set when the watchdog stopped this version (watchdog.ts): it is never parsed here. */
  private stopped: string | undefined;
  /** A large note's watchdog verdict, awaited before the analysis is handed out. */
  checked: Promise<void> | undefined;
  private linted: Finding[] | undefined;
  /** How this version's text differs from the last parsed version's, when the cache compared them (documents.ts). */
  diff: { old: string; prefix: number; suffix: number } | undefined;
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

  /**
   * The findings the watchdog's worker computed for this version (same engine, text,
   * config and history): they stand for this version's lint, so its diagnostics need
   * no parse here (the model is built when a feature or a later version asks for it).
   */
  adoptFindings(findings: Finding[]): void {
    if (this.stopped || this.linted) return;
    this.linted = findings;
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
            ? reparseNote(previous, this.text, { ...parseOptionsFor(this.config), minLength: 0, reuse: true, diff: this.diff })
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
    // (Findings own their ranges (run-rules.ts `stamp`): a later version moving this one's tree in place leaves them.)
    this.linted ??= lintNote(this.note, this.config, undefined, this.history);
    return this.linted;
  }

  get diagnostics(): Diagnostic[] {
    if (!this.converted) {
      if (this.linted && !this.parsed) {
        // The worker's findings (adoptFindings): it only returns them for a note it parsed.
        const lines = { lines: new LineIndex(this.text) };
        this.converted = this.linted.map((f) => toDiagnostic(f, lines, this.uri, this.version));
        return this.converted;
      }
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
