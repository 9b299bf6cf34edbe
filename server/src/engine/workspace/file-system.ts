/**
 * How the workspace layer touches files: injected, so the engine stays free of
 * Node, LSP and VS Code. The CLI and the language server pass the Node
 * implementation (`server/src/node/file-system.ts`); a web build can pass one
 * over `vscode.workspace.fs`.
 *
 * Paths are absolute, in the host's own form (`/home/x/a.md`, `C:\x\a.md`);
 * paths.ts joins and compares them without `node:path`.
 */

/** What a folder entry is, without following symbolic links. */
export type EntryKind = 'file' | 'directory' | 'symlink' | 'other';

export interface DirectoryEntry {
  readonly name: string;
  readonly kind: EntryKind;
}

/** What a path leads to, following symbolic links. */
export type PathKind = 'file' | 'directory' | 'other';

export interface NoteFileSystem {
  /** A file's text (UTF-8); undefined when there is no such file. May throw when it exists but cannot be read. */
  readFile(file: string): Promise<string | undefined>;
  /**
   * A folder's entries, in any order. Throws when the folder cannot be read; an
   * error's `code` (`EACCES`, ...) is shown to the user, so the walk can report it.
   */
  readDirectory(dir: string): Promise<DirectoryEntry[]>;
  /** What `p` leads to, following links; undefined for nothing there, a link that loops or points nowhere. */
  stat(p: string): Promise<PathKind | undefined>;
}
