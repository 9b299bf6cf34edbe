/**
 * The engine's NoteFileSystem in the browser: every read is a request to the
 * extension (web-fs-protocol.ts), which answers with `vscode.workspace.fs`. The
 * engine's config and note discovery run unchanged over it, so precedence,
 * `extends`, `include`/`ignore` and nested `.gitignore` files work as on disk,
 * and an unreadable file is worded as on disk (engine `unreadableReason`).
 *
 * Only the workspace folders are read: config discovery stops at the top of
 * the folder (vscode.dev and github.dev have nothing above it to read, and each
 * read is a round trip through the extension host). Requests wait for
 * `initialized` (a server may not ask the client anything before), and
 * without the client's `fileAccess` flag there is no file at all: other LSP
 * clients get the built-in config and the open notes only.
 */
import type { Connection } from 'vscode-languageserver';
import { joinPath, MAX_NOTE_BYTES, UnreadableFile, unreadableReason, type ConfigFileAccess, type DirectoryEntry, type NoteFileSystem, type PathKind } from '../engine/index.ts';
import type { WebLocations } from './web-locations.ts';
import {
  FS_READ_DIRECTORY,
  FS_READ_FILE,
  FS_STAT,
  type FsReadDirectoryResult,
  type FsReadFileParams,
  type FsReadFileResult,
  type FsStatResult,
  type FsUriParams,
  type PrefetchedReads,
} from './web-fs-protocol.ts';

/** The largest file read: the engine's limit for a note (config files are held to their own, smaller one). */
const READ_LIMIT = MAX_NOTE_BYTES;

export class ClientFileSystem implements NoteFileSystem {
  private enabled = false;
  private markReady!: () => void;
  private readonly ready = new Promise<void>((resolve) => (this.markReady = resolve));

  constructor(
    private readonly connection: Connection,
    private readonly locations: WebLocations,
  ) {}

  /** Answers the client read before `initialize` (web-fs-protocol.ts), by path; each serves one read. */
  private readonly prefetched = new Map<string, FsReadFileResult>();

  /** From `initialize`: whether the client answers file requests, and what it read ahead. */
  enable(enabled: boolean, prefetched: PrefetchedReads = {}): void {
    this.enabled = enabled;
    if (!enabled) this.markReady();
    else {
      // By path: the extension's URI encoding and this server's may differ in inessentials.
      for (const [uri, result] of Object.entries(prefetched)) {
        const file = this.locations.toPath(uri);
        if (file !== undefined) this.prefetched.set(file, result);
      }
    }
  }

  /** The client confirmed `initialized`: requests may go out. */
  initialized(): void {
    this.markReady();
  }

  async readFile(file: string): Promise<string | undefined> {
    const uri = this.locations.toUri(file);
    const early = this.prefetched.get(file);
    // Read ahead at start: good for the first read only (later ones follow a change).
    if (early) this.prefetched.delete(file);
    if (!early && !(await this.usable(file))) return undefined;
    const r =
      early ??
      (await this.connection.sendRequest<FsReadFileResult>(FS_READ_FILE, { uri, limit: READ_LIMIT } satisfies FsReadFileParams).catch((err: unknown): never => {
        throw new UnreadableFile(`cannot be read (${(err as Error)?.message ?? 'error'})`);
      }));
    if (r.kind === 'absent') return undefined;
    const reason = unreadableReason(r, READ_LIMIT);
    if (reason) throw new UnreadableFile(reason);
    return r.kind === 'file' ? (r.text ?? '') : undefined;
  }

  async readDirectory(dir: string): Promise<DirectoryEntry[]> {
    if (!(await this.usable(dir))) return [];
    const r = await this.connection.sendRequest<FsReadDirectoryResult>(FS_READ_DIRECTORY, { uri: this.locations.toUri(dir) } satisfies FsUriParams);
    if ('error' in r) throw Object.assign(new Error(`cannot read ${dir}`), { code: r.error });
    return r.entries.map(([name, kind]) => ({ name, kind }));
  }

  async stat(p: string): Promise<PathKind | undefined> {
    if (!(await this.usable(p))) return undefined;
    const r = await this.connection.sendRequest<FsStatResult>(FS_STAT, { uri: this.locations.toUri(p) } satisfies FsUriParams).catch(() => null);
    return r?.kind;
  }

  /** What config discovery needs besides reading: no symbolic links to resolve here, and `.git` marks a repository. */
  get configAccess(): Omit<ConfigFileAccess, 'readFile'> {
    return {
      realpath: async (file) => file,
      isRepositoryRoot: async (dir) => (await this.stat(joinPath(dir, '.git'))) !== undefined,
    };
  }

  /** Whether `p` may be read: file access offered, and `p` inside a workspace folder. */
  private async usable(p: string): Promise<boolean> {
    await this.ready;
    return this.enabled && this.locations.inWorkspace(p);
  }
}
