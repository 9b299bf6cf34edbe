/**
 * Finding notes: the one walk the CLI (`visitnotes lint <folder>`), the
 * language server (Lint Workspace, the visit index, workspace symbols) and a
 * web build share.
 *
 * - A note is a `*.visit.md` file (any case) or a Markdown file the config's
 *   `include` globs match, minus what `ignore` matches (config/match.ts; each
 *   file is judged by the config that applies to it, a folder by the config of
 *   the folder it sits in).
 * - `.gitignore` files apply as git applies them (gitignore.ts), nested ones
 *   included.
 * - `node_modules` and `.git` are never entered, even with `noIgnore`.
 *   Dot-folders are walked (a `*.visit.md` in one is a note; `include` globs
 *   reach into them only when they name them).
 * - Symbolic links to folders are not followed (no cycles); links to files
 *   count as files, and a link that loops or points nowhere is kept when named
 *   like a note, so whoever reads it reports why it could not.
 * - A folder named like a note (`x.visit.md/`) is reported and walked.
 * - A folder that cannot be read is reported, never silently skipped (a folder
 *   of notes that vanished from a run would pass CI).
 */
import { ALWAYS_IGNORED_FOLDERS, type NoteMatcher } from '../config/match.ts';
import type { DirectoryEntry, NoteFileSystem } from './file-system.ts';
import { GitIgnore } from './gitignore.ts';
import { isMarkdownFileName, isNoteFileName } from './note-files.ts';
import { joinPath } from './paths.ts';

const NEVER_ENTER: ReadonlySet<string> = new Set(ALWAYS_IGNORED_FOLDERS);

export interface NoteFinderOptions {
  fs: NoteFileSystem;
  /** Where `.gitignore` files start to apply outside a repository: the CLI's current folder, the editor's workspace folder. */
  base: string;
  /**
   * The note matcher of the config that applies to a file, or, for a folder,
   * of the folder it sits in. May throw (the CLI stops on a broken config; the
   * editor falls back to the last good one and never throws).
   */
  matcherFor(fileOrFolder: string): Promise<NoteMatcher>;
  /** `--no-ignore`: neither `.gitignore` nor the config's `ignore` applies. */
  noIgnore?: boolean;
}

export interface WalkOptions {
  /** Called for every regular file met (the CLI collects its stale temporaries). */
  onFile?(file: string, name: string): void;
  /** Stop after this many notes (`truncated` then says so). */
  limit?: number;
  /** Checked between folders: a cancelled walk returns what it found so far. */
  isCancelled?(): boolean;
}

/** What a walk found. Paths are absolute; the sets keep the order the walk met them. */
export interface Discovered {
  notes: Set<string>;
  /** Folders named `*.visit.md` (reported, not linted; walked like any folder). */
  noteNamedFolders: Set<string>;
  /** Folders that could not be read, with the error code. */
  unreadableFolders: { dir: string; code: string }[];
  /** Whether the walk stopped at `limit`. */
  truncated: boolean;
}

export function emptyDiscovered(): Discovered {
  return { notes: new Set(), noteNamedFolders: new Set(), unreadableFolders: [], truncated: false };
}

export class NoteFinder {
  private readonly gitignore: GitIgnore;

  constructor(private readonly options: NoteFinderOptions) {
    this.gitignore = new GitIgnore(options.fs, options.base);
  }

  /** Whether `.gitignore` excludes the path (never with `noIgnore`). */
  gitIgnored(p: string, isDir: boolean): Promise<boolean> {
    return this.options.noIgnore ? Promise.resolve(false) : this.gitignore.ignored(p, isDir);
  }

  /** Whether the config's `ignore` (or a `node_modules`/`.git` folder) excludes the path (never with `noIgnore`). */
  async configIgnored(fileOrFolder: string): Promise<boolean> {
    return !this.options.noIgnore && (await this.options.matcherFor(fileOrFolder)).isIgnored(fileOrFolder);
  }

  /**
   * Whether a Markdown file is a note by its name or the config's `include`,
   * and not excluded by `ignore` (`.gitignore` is the walk's business).
   */
  async isNote(file: string): Promise<boolean> {
    const matcher = await this.options.matcherFor(file);
    if (!this.options.noIgnore) return matcher.isNote(file);
    return isNoteFileName(file) || matcher.isIncluded(file);
  }

  /** Walks `dir` (depth first, entries in code-unit order), adding what it finds to `into`. */
  async walk(dir: string, into: Discovered = emptyDiscovered(), options: WalkOptions = {}): Promise<Discovered> {
    if (into.truncated || options.isCancelled?.()) return into;
    let entries: DirectoryEntry[];
    try {
      entries = await this.options.fs.readDirectory(dir);
    } catch (err) {
      into.unreadableFolders.push({ dir, code: (err as { code?: string })?.code ?? 'error' });
      return into;
    }
    entries = [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = joinPath(dir, entry.name);
      if (entry.kind === 'file') options.onFile?.(full, entry.name);
      let isDir = entry.kind === 'directory';
      // Not only regular files: a named pipe or device named like a note is reported
      // by the reader (never read), rather than silently left out.
      let isFile = !isDir;
      if (entry.kind === 'symlink') {
        const target = await this.options.fs.stat(full).catch(() => undefined);
        isDir = false; // never follow links to folders
        isFile = target !== 'directory';
      }
      if (isDir) {
        if (NEVER_ENTER.has(entry.name) || (await this.gitIgnored(full, true)) || (await this.configIgnored(full))) continue;
        if (isNoteFileName(full)) into.noteNamedFolders.add(full);
        await this.walk(full, into, options);
        if (into.truncated || options.isCancelled?.()) return into;
      } else if (isFile && isMarkdownFileName(entry.name)) {
        if (await this.gitIgnored(full, false)) continue;
        if (await this.isNote(full)) {
          into.notes.add(full);
          if (options.limit !== undefined && into.notes.size >= options.limit) {
            into.truncated = true;
            return into;
          }
        }
      }
    }
    return into;
  }
}

/** Every note under the given folders (sorted, without duplicates). */
export async function discoverNotes(
  folders: readonly string[],
  options: Omit<NoteFinderOptions, 'base'> & WalkOptions,
): Promise<{ notes: string[]; truncated: boolean; unreadableFolders: Discovered['unreadableFolders'] }> {
  const into = emptyDiscovered();
  for (const folder of folders) {
    const finder = new NoteFinder({ ...options, base: folder });
    await finder.walk(folder, into, options);
  }
  const notes = [...into.notes].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { notes, truncated: into.truncated, unreadableFolders: into.unreadableFolders };
}
