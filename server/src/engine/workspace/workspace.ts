/**
 * One workspace of notes, as every face sees it: which files are notes
 * (discover.ts), and the visit index that gives each note its history.
 *
 * History is an explicit step. A face tells the workspace when a note's text
 * changed (`noteChanged`: opened, edited, saved, created) or went away
 * (`noteRemoved`); each answers the other notes whose history that changed, so
 * the face re-lints exactly those. Reading a note's history (`historyOf`) never
 * changes the index, and the same history goes to lint and to fix-all
 * (`lint`, `fixAll`), so the editor and `visitnotes lint --fix` agree.
 *
 * The CLI builds its run's index from summaries its workers return (cli/lint/),
 * over the same VisitIndex and `historyFor`; the language server keeps one
 * NoteWorkspace for its folders (lsp/continuity.ts).
 */
import type { NoteMatcher } from '../config/match.ts';
import type { ResolvedConfig } from '../config/types.ts';
import { fixAll, type FixAllResult } from '../fixes.ts';
import type { Note } from '../model/note.ts';
import type { Finding } from '../rules/types.ts';
import { lintNote } from '../run-rules.ts';
import { historyFor, VisitIndex } from '../visits/index.ts';
import type { VisitHistory } from '../visits/summary.ts';
import { discoverNotes, NoteFinder, type WalkOptions } from './discover.ts';
import type { NoteFileSystem } from './file-system.ts';
import { isMarkdownFileName } from './note-files.ts';
import { isInsideFolder } from './paths.ts';

/** The config that applies to a path, and its note matcher. */
export interface WorkspaceConfig {
  config: ResolvedConfig;
  matcher: NoteMatcher;
}

export interface NoteWorkspaceDeps {
  fs: NoteFileSystem;
  /** The config of a note (or, for a folder, of the folder it sits in). */
  configFor(fileOrFolder: string): Promise<WorkspaceConfig>;
}

export class NoteWorkspace {
  /** Every note's summary, grouped by patient and ordered by date. */
  readonly visits = new VisitIndex();
  private folders: string[] = [];
  /** One finder per folder: `.gitignore` files are read once until the folders are set again. */
  private finders = new Map<string, NoteFinder>();

  constructor(private readonly deps: NoteWorkspaceDeps) {}

  private readonly matcherFor = async (p: string) => (await this.deps.configFor(p)).matcher;

  /** The workspace folders (absolute paths). */
  get roots(): readonly string[] {
    return this.folders;
  }

  /** Sets the folders; also forgets the `.gitignore` files read so far (a rescan reads them afresh). */
  setFolders(folders: readonly string[]): void {
    this.folders = [...new Set(folders)];
    this.finders.clear();
  }

  /** Whether a path lies in one of the folders. */
  contains(file: string): boolean {
    return this.folders.some((f) => isInsideFolder(f, file));
  }

  /** Every note in the folders, as `visitnotes lint` on each folder finds them (sorted). */
  findNotes(options: WalkOptions = {}): ReturnType<typeof discoverNotes> {
    return discoverNotes(this.folders, { fs: this.deps.fs, matcherFor: this.matcherFor, ...options });
  }

  /**
   * Whether a file in the folders is a note the folder walk would find: a note
   * by name or `include`, not excluded by `ignore` or `.gitignore`.
   */
  async isNote(file: string): Promise<boolean> {
    const folder = this.folders.filter((f) => isInsideFolder(f, file)).sort((a, b) => b.length - a.length)[0];
    if (folder === undefined || !isMarkdownFileName(file)) return false;
    let finder = this.finders.get(folder);
    if (!finder) this.finders.set(folder, (finder = new NoteFinder({ fs: this.deps.fs, base: folder, matcherFor: this.matcherFor })));
    return (await finder.isNote(file)) && !(await finder.gitIgnored(file, false));
  }

  /**
   * A note's text changed (or it appeared): re-index it. `note` is a parse of
   * exactly this text, when the caller has one. Returns the other notes whose
   * history changed (sorted), plus `file` itself when its own summary changed.
   */
  noteChanged(file: string, text: string, config: ResolvedConfig, note?: Note): { changed: boolean; affected: string[] } {
    const update = this.visits.update(file, text, { config, ...(note ? { note } : {}) });
    return { changed: update.changed, affected: update.affected };
  }

  /** A note was deleted, or is no longer a note: drop it. Returns the notes whose history changed. */
  noteRemoved(file: string): string[] {
    return this.visits.remove(file).affected;
  }

  /**
   * The earlier visits of the note at `file`, read from the index without
   * changing it. `note` and `config` describe the version being linted (an
   * unsaved buffer's own front matter decides its patient and date).
   */
  historyOf(file: string | undefined, note: Note, config: ResolvedConfig): VisitHistory | undefined {
    return file === undefined ? undefined : historyFor(this.visits, file, note, config);
  }

  /** Lints a parsed note with its history. */
  lint(file: string | undefined, note: Note, config: ResolvedConfig): Finding[] {
    return lintNote(note, config, undefined, this.historyOf(file, note, config));
  }

  /**
   * Every safe fix in `text` (whose parse is `note`), with the same history lint
   * uses. `findings`: this note's lint with that history and `only`, when the face has it.
   */
  fixAll(file: string | undefined, text: string, note: Note, config: ResolvedConfig, only?: string[], findings?: Finding[]): FixAllResult {
    const history = this.historyOf(file, note, config);
    return fixAll(text, { config, ...(only ? { only } : {}), ...(history ? { history } : {}) }, findings ? { findings } : undefined);
  }
}
