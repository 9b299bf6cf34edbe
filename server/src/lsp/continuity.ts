/**
 * Across visits in the editor: the language server's visit index, the history
 * the cross-visit rules lint with, completion of the previous visit's goals
 * after `[G`, and a goal's history in its hover.
 *
 * The index lives in the engine's NoteWorkspace (summaries only, never whole
 * notes), filled by the same note discovery as `visitnotes lint` (config
 * `include`/`ignore`, nested `.gitignore`), in time slices. Keeping it current
 * is an explicit step: the server calls `noteChanged` when an open buffer
 * changes and `fileChanged` on watched-file events; each reports the notes
 * whose history changed, so exactly those re-lint. Reading a history
 * (`history`) never changes the index.
 */
import { CompletionItemKind, MarkupKind, type CompletionItem, type Hover, type Position, type Range as LspRange } from 'vscode-languageserver';
import {
  displayPatient,
  goalHistory,
  goalHistoryMarkdown,
  courseFor,
  frontMatterString,
  groupKey,
  groupingOf,
  patientKeysFor,
  pendingGoals,
  NoteWorkspace,
  type Note,
  type NoteFileSystem,
  type ResolvedConfig,
  type VisitHistory,
  type VisitSummary,
  type VisitIndex,
  sectionRole,
} from '../engine/index.ts';
import { renderTimeline } from '../timeline/render.ts';
import { matcherFor, type ConfigResult } from './configs.ts';
import type { PatientKeysResult, TimelineParams, TimelineResult } from './continuity-protocol.ts';
import { uriToPath } from './documents.ts';
import { goalTokenAt } from './ranges.ts';
import { yieldToEventLoop } from './diagnostics.ts';

const SLICE_MS = 12;

export interface ContinuityDeps {
  /** A note's text: the open buffer when there is one, else the file (undefined: gone). */
  readFile(file: string): Promise<string | undefined>;
  configFor(file: string): Promise<Pick<ConfigResult, 'config'> & Partial<Pick<ConfigResult, 'file'>>>;
  /** Notes (paths) whose history changed: the server drops their cached analyses and re-lints them. */
  onAffected(files: string[]): void;
  /** How folders are listed (Node's file system, or `workspace.fs` in the browser); reads go through `readFile`. */
  fs: NoteFileSystem;
  /** The path a document URI names (default: `file:` URIs only). */
  toPath?(uri: string): string | undefined;
}

/** What the history needs from an analysis (documents.ts `Analysis` fits). */
export interface AnalysedNote {
  uri: string;
  text: string;
  note: Note;
  config: ResolvedConfig;
  isNote: boolean;
  /** Whether `note` is built yet (reading it builds it). */
  isParsed?: boolean;
}

/** The engine's workspace over the server's config store and open buffers. */
export function serverWorkspace(deps: Pick<ContinuityDeps, 'readFile' | 'configFor' | 'fs'>): NoteWorkspace {
  return new NoteWorkspace({
    fs: { readDirectory: (dir) => deps.fs.readDirectory(dir), stat: (p) => deps.fs.stat(p), readFile: (file) => deps.readFile(file) },
    configFor: async (p) => {
      const result = await deps.configFor(p);
      return { config: result.config, matcher: matcherFor({ config: result.config, file: result.file }) };
    },
  });
}

export class Continuity {
  readonly workspace: NoteWorkspace;
  private readonly toPath: (uri: string) => string | undefined;
  private scanning: Promise<void> | undefined;
  private generation = 0;

  constructor(
    private readonly deps: ContinuityDeps,
    workspace?: NoteWorkspace,
  ) {
    this.workspace = workspace ?? serverWorkspace(deps);
    this.toPath = deps.toPath ?? uriToPath;
  }

  /** The visit index (every note's summary). */
  get visits(): VisitIndex {
    return this.workspace.visits;
  }

  /** (Re)starts the scan of the workspace folders; resolves when it is done. */
  setFolders(folders: string[]): Promise<void> {
    this.workspace.setFolders(folders);
    const generation = ++this.generation;
    this.scanning = this.scan(generation);
    return this.scanning;
  }

  /** Resolves once the current scan has finished (tests, Lint Workspace, the timeline). */
  ready(): Promise<void> {
    return this.scanning ?? Promise.resolve();
  }

  /** The earlier visits of an analysed note, read from the index (never changes it). */
  history(a: AnalysedNote): VisitHistory | undefined {
    const file = this.toPath(a.uri);
    if (!file || !a.isNote) return undefined;
    return this.workspace.historyOf(file, a.note, a.config);
  }

  /**
   * The same history's inputs for a worker thread, which parses the note itself
   * (the watchdog's probe, cli/lint/core.ts `probeNote`): the path and every summary
   * the index holds now. Reading them parses nothing here.
   */
  forWorker(a: Pick<AnalysedNote, 'uri' | 'isNote'>): { path: string; summaries: VisitSummary[] } | undefined {
    const file = this.toPath(a.uri);
    if (!file || !a.isNote) return undefined;
    return { path: file, summaries: this.workspace.visits.all() };
  }

  /**
   * An open note's buffer changed (or was opened): index this version and
   * report the notes whose history it changed. A note the folder walk would not
   * find (ignored by `.gitignore`) stays out, as it stays out of a CLI run.
   */
  async noteChanged(a: AnalysedNote): Promise<void> {
    const file = this.toPath(a.uri);
    if (!file) return;
    const counts = a.isNote && (!this.workspace.contains(file) || (await this.workspace.isNote(file)));
    const affected = counts ? this.workspace.noteChanged(file, a.text, a.config, a.note).affected : this.workspace.noteRemoved(file);
    if (affected.length) this.deps.onAffected(affected);
  }

  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();

  /**
   * The explicit step for an open buffer: once its burst of changes has been
   * read, its current version goes into the index (`analyze` gives the
   * analysis whose parse diagnostics use too, so nothing is parsed twice).
   */
  bufferChanged(uri: string, analyze: () => Promise<AnalysedNote | undefined>, onError: (err: unknown) => void = () => {}): void {
    clearTimeout(this.pending.get(uri));
    this.pending.set(
      uri,
      setTimeout(() => {
        this.pending.delete(uri);
        analyze()
          .then(async (a) => {
            if (!a) return;
            // Not parsed yet: a large note whose diagnostics come from the watchdog's worker
            // (documents.ts). Reading its model here would parse it before they are written
            // (the protocol's writer writes on a later turn); a timer comes after that turn.
            if (a.isParsed === false) await new Promise((resolve) => setTimeout(resolve, 0));
            await this.noteChanged(a);
          })
          .catch(onError);
      }, 0),
    );
  }

  /** The buffer closed: nothing more to record for it (watched-file events take over). */
  bufferClosed(uri: string): void {
    clearTimeout(this.pending.get(uri));
    this.pending.delete(uri);
  }

  /** The `visitNotes/timeline` answer for an analysed open note. */
  async timeline(a: AnalysedNote, params: Pick<TimelineParams, 'cspSource' | 'nonce'>): Promise<TimelineResult> {
    const file = this.toPath(a.uri);
    if (!file || !a.isNote) return null;
    await this.noteChanged(a);
    const key = this.visits.keyOf(file);
    if (!key) return null;
    // This person's course only: same initials or a flat folder may hold several people (persons.ts).
    const visits = courseFor(this.visits, file);
    const patient = displayPatient(this.visits.get(file)?.patient ?? visits.find((v) => v.patient)?.patient ?? '');
    const html = renderTimeline(visits, { patient, webview: { cspSource: params.cspSource, nonce: params.nonce } });
    return { patient, html, visits: visits.filter((v) => v.date).length };
  }

  /** The `visitNotes/patientKeys` answer: keys earlier notes with this pseudonym carry (for New Note). */
  async patientKeys(file: string, patient: string): Promise<PatientKeysResult> {
    const { config } = await this.deps.configFor(file);
    return { keys: patientKeysFor(this.visits, groupKey(file, patient, groupingOf(config)), patient) };
  }

  /** Keys other notes with this note's `patient` value carry (front-matter completion). */
  keysForNote(a: AnalysedNote): { key: string; notes: number }[] {
    const file = this.toPath(a.uri);
    const patient = frontMatterString(a.note, 'patient');
    if (!file || !patient) return [];
    return patientKeysFor(this.visits, groupKey(file, patient, groupingOf(a.config)), patient);
  }

  /** A file changed on disk or in a buffer, or was deleted: re-index it if it is a note, drop it if not. */
  async fileChanged(file: string, deleted = false): Promise<void> {
    let affected: string[];
    if (deleted || !(await this.workspace.isNote(file))) affected = this.workspace.noteRemoved(file);
    else {
      const text = await this.deps.readFile(file);
      if (text === undefined) affected = this.workspace.noteRemoved(file);
      else affected = this.workspace.noteChanged(file, text, (await this.deps.configFor(file)).config).affected;
    }
    if (affected.length) this.deps.onAffected(affected);
  }

  /** Config changed: grouping, section names and which files are notes may differ; re-index everything. */
  configChanged(): Promise<void> {
    return this.setFolders([...this.workspace.roots]);
  }

  private async scan(generation: number): Promise<void> {
    const current = () => generation === this.generation;
    const { notes: files } = await this.workspace.findNotes({ isCancelled: () => !current() });
    if (!current()) return;
    const affected = new Set<string>();
    let sliceStart = performance.now();
    for (const file of files) {
      if (!current()) return;
      const [text, cfg] = await Promise.all([this.deps.readFile(file), this.deps.configFor(file)]);
      const update = text === undefined ? { affected: this.workspace.noteRemoved(file) } : this.workspace.noteChanged(file, text, cfg.config);
      for (const a of update.affected) affected.add(a);
      // Every note found, changed or not: an open note may have been linted (and
      // recorded) before the visits before it were indexed, so no update names it.
      affected.add(file);
      if (performance.now() - sliceStart > SLICE_MS) {
        await yieldToEventLoop();
        sliceStart = performance.now();
      }
    }
    // Notes no longer found (a folder was removed, a config now ignores them) leave the index.
    const found = new Set(files);
    for (const v of this.visits.all()) {
      if (!found.has(v.path)) for (const a of this.workspace.noteRemoved(v.path)) affected.add(a);
    }
    if (current() && affected.size) this.deps.onAffected([...affected].sort());
  }
}

export interface ContinuityCompletionInput {
  linePrefix: string;
  lineSuffix: string;
  position: Position;
  note: Note;
}

/**
 * After `[` or `[G`: the previous visit's goals this note has not carried
 * forward yet. In a Goals list item they carry the goal forward (ID and text);
 * elsewhere they insert the reference.
 */
export function continuityCompletions(input: ContinuityCompletionInput, history: VisitHistory | undefined): CompletionItem[] {
  const m = /(?<!\\)\[([Gg]\d{0,3})?$/.exec(input.linePrefix);
  if (!m) return [];
  const pending = pendingGoals(history, input.note);
  if (pending.length === 0) return [];
  const ahead = /^\d*\]?/.exec(input.lineSuffix)![0].length;
  const range: LspRange = {
    start: { line: input.position.line, character: input.position.character - m[0].length },
    end: { line: input.position.line, character: input.position.character + ahead },
  };
  const definingGoal = /^\s*(?:[-*+]|\d+[.)])\s+(?:\*\*|__)?\[([Gg]\d{0,3})?$/.test(input.linePrefix) && inGoalsSection(input.note, input.position.line);
  return pending.map((g, i) => ({
    label: `[${g.id}]`,
    kind: CompletionItemKind.Reference,
    detail: `${definingGoal ? 'carry forward' : 'previous visit'}${g.date ? ` (${g.date})` : ''}: ${short(g.text, 50)}`,
    documentation: {
      kind: MarkupKind.Markdown,
      value: `**${g.id}** — ${escapeMd(g.text)}\n\nFrom the previous visit${g.date ? ` (${g.date})` : ''}; not carried forward in this note yet.`,
    },
    // After this note's own goals (which sort by number), before nothing else.
    sortText: `~${String(i).padStart(3, '0')}`,
    filterText: `[${g.id}]`,
    textEdit: { range, newText: definingGoal ? `[${g.id}] ${g.text}` : `[${g.id}]` },
  }));
}

/** The goal's wording, status and medications at every earlier visit, for the hover on `[Gn]`. */
export function continuityHover(note: Note, offset: number, history: VisitHistory | undefined): string | undefined {
  if (!history || history.previous.length === 0) return undefined;
  const t = goalTokenAt(note, offset);
  if (!t) return undefined;
  const entries = goalHistory(history, t.id, note);
  if (!entries.some((e) => !e.current)) return undefined;
  return goalHistoryMarkdown(t.id, entries);
}

/** Appends the continuity section to a hover (or makes one). */
export function mergeHover(hover: Hover | null, extra: string | undefined): Hover | null {
  if (!extra) return hover;
  if (!hover) return { contents: { kind: MarkupKind.Markdown, value: extra } };
  const c = hover.contents;
  const value = typeof c === 'string' ? c : 'value' in c && !Array.isArray(c) ? c.value : '';
  return { ...hover, contents: { kind: MarkupKind.Markdown, value: `${value}\n\n---\n\n${extra}` } };
}

function inGoalsSection(note: Note, line: number): boolean {
  const offset = note.lines.lineStart(Math.min(line, note.lines.lineCount - 1));
  const s = note.sections.find((x) => offset >= x.headingRange.start && offset <= x.bodyRange.end);
  return (s ? sectionRole(s) : undefined) === 'Goals';
}

function short(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

function escapeMd(text: string): string {
  return text.replace(/([\\`*_{}[\]<>#|])/g, '\\$1');
}
