/**
 * What differs between the Node server (server.ts) and the browser's
 * (web-server.ts): how files are read, how URIs become paths, what the server
 * calls itself, and the watchdog only Node has. Everything else — the request
 * → provider table, the document, config and folder state — is the one server
 * core (server-core.ts, server-state.ts, handlers.ts).
 */
import type { InitializeParams } from 'vscode-languageserver';
import type { ConfigFileAccess, NoteFileSystem } from '../engine/index.ts';
import type { Locations } from './locations.ts';
import type { ServerWatchdog } from './watchdog.ts';

export interface ServerHost {
  serverInfo: { name: string; version?: string };
  /**
   * Files and folders as the engine's workspace reads them. `readFile` throws
   * UnreadableFile for a file that exists but cannot be read (a config error to
   * show); open buffers are read before it (server-state.ts).
   */
  fs: NoteFileSystem;
  /** What config discovery needs besides reading: symbolic links resolved, repository roots. */
  configAccess: Omit<ConfigFileAccess, 'readFile'>;
  locations: Locations;
  /** Large notes tried in a worker thread first (Node only). */
  watchdog?: Pick<ServerWatchdog, 'wants' | 'check' | 'prepare' | 'close'>;
  /** Workspace symbols across notes (the Node server offers them). */
  workspaceSymbols: boolean;
  /**
   * Reads a closed note as `visitnotes lint` does (Node: node/read-note.ts), so
   * Lint Workspace reports a note it cannot read with the CLI's reason; absent in
   * the browser, where `fs.readFile` is used.
   */
  readNote?(file: string): Promise<{ ok: true; text: string } | { ok: false; reason: string; gone?: true }>;
  /** The folder untitled buffers look up their config from when there is no workspace folder. */
  defaultFolder(): string;
  /** Called with the client's `initialize` parameters, before anything is read. */
  initialize?(params: InitializeParams): void;
  /** Called once the client has confirmed `initialized`. */
  initialized?(): void;
}
