/**
 * Across visits in the editor: the language server's visit index and the history
 * the cross-visit rules lint with (completion and hover from that history:
 * continuity-features.ts).
 *
 * The index lives in the engine's NoteWorkspace (summaries only, never whole
 * notes), filled by the same note discovery as `visitnotes lint` (config
 * `include`/`ignore`, nested `.gitignore`), in time slices. Keeping it current
 * is an explicit step: the server calls `noteChanged` when an open buffer
 * changes and `fileChanged` on watched-file events; each reports the notes
 * whose history changed, so exactly those re-lint. Reading a history
 * (`history`) never changes the index.
 */
import {
  displayPatient,
  courseFor,
  frontMatterString,
  groupKey,
  groupingOf,
  patientKeysFor,
  NoteWorkspace,
  type Note,
  type NoteFileSystem,
  type ResolvedConfig,
  type VisitHistory,
  type VisitSummary,
  type VisitIndex,
} from '../engine/index.ts';
import { renderTimeline } from '../timeline/render.ts';
import { matcherFor, type ConfigResult } from './configs.ts';
import type { PatientKeysResult, TimelineParams, TimelineResult } from './continuity-protocol.ts';
import { uriToPath } from './documents.ts';
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
