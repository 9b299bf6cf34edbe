/**
 * Requests from the browser's language server to the extension, which answers
 * them with `vscode.workspace.fs` (client/src/web/file-access.ts): how the
 * engine's config discovery and note discovery read a workspace that lives in
 * the browser (vscode.dev, github.dev) or on a remote host. The extension says
 * it answers them with `initializationOptions.visitNotes.fileAccess: true`; a
 * client that does not gets the built-in config and no other notes.
 * Constants and types only: the extension imports this file.
 *
 * At start the extension also sends, in `initializationOptions.visitNotes.prefetched`,
 * its answers for the config files the open notes' folders could hold
 * (PrefetchedReads): read while the worker was still starting, they spare the
 * first diagnostics a round trip through the extension host.
 */

/** URI → the answer `FS_READ_FILE` would give; each is used once, for the first read of that file. */
export type PrefetchedReads = Record<string, FsReadFileResult>;

/** Read a file's text, unless it is too large, binary, a folder or not there. */
export const FS_READ_FILE = 'visitNotes/fs/readFile';

export interface FsReadFileParams {
  uri: string;
  /** Bytes beyond which the text is not sent (the server reports the file as too large). */
  limit: number;
}

/** What the server's reader needs to word a problem as on disk (engine `unreadableReason`). */
export type FsReadFileResult =
  | { kind: 'absent' }
  | { kind: 'directory' }
  | { kind: 'other' }
  | { kind: 'file'; size: number; binary?: boolean; text?: string };

/** A folder's entries (symbolic links not followed), or why it cannot be read. */
export const FS_READ_DIRECTORY = 'visitNotes/fs/readDirectory';

export interface FsUriParams {
  uri: string;
}

export type FsEntryKind = 'file' | 'directory' | 'symlink' | 'other';

/** `code` as Node names it where there is a match (`ENOENT`, `EACCES`), else the file system's own. */
export type FsReadDirectoryResult = { entries: [name: string, kind: FsEntryKind][] } | { error: string };

/** What a path leads to (links followed); `null` for nothing there. */
export const FS_STAT = 'visitNotes/fs/stat';

export type FsStatResult = { kind: 'file' | 'directory' | 'other' } | null;
