/**
 * The language server's state, the same for Node and the browser: open
 * documents (by URI and by path, so config and index reads see unsaved
 * buffers), the workspace folders, settings, the client's flags, the config
 * store, the visit index (continuity.ts) and the per-version analysis cache.
 * Handlers (handlers.ts) read it; the core (server-core.ts) and config events
 * (config-changes.ts) change it. It never logs note text — notes are health
 * records — only URIs and counts.
 */
import { TextDocuments, type CancellationToken, type Connection, type TextDocumentPositionParams } from 'vscode-languageserver';
import type { ClientFlags } from './client-flags.ts';
import { ConfigStore } from './configs.ts';
import { Continuity } from './continuity.ts';
import { Diagnostics } from './diagnostics.ts';
import { NoteCache, type Analysis } from './documents.ts';
import type { ServerHost } from './server-host.ts';
import { DEFAULT_SETTINGS, type Settings } from './settings.ts';
import { noteTextDocuments } from './text-document.ts';
import { WorkspaceIndex } from './workspace-index.ts';

export class ServerState {
  readonly documents = new TextDocuments(noteTextDocuments());
  /** Open documents by file path, so config and index reads see unsaved buffers. */
  readonly openPaths = new Map<string, string>();
  folders: string[] = [];
  settings: Settings = DEFAULT_SETTINGS;
  flags: ClientFlags | undefined;
  diagnostics: Diagnostics | undefined;
  readonly configs: ConfigStore;
  /** The one workspace (the engine's note discovery and visit index), see continuity.ts. */
  readonly continuity: Continuity;
  readonly cache: NoteCache;
  /** Workspace symbols (scanned on the first request). */
  readonly index: WorkspaceIndex;

  constructor(
    readonly connection: Connection,
    readonly host: ServerHost,
  ) {
    // Config reads stay strict: an unreadable config file is an error to show, not a missing file.
    this.configs = new ConfigStore(
      { ...host.configAccess, readFile: this.readStrict },
      (file, error, lastGood) => void this.diagnostics?.configProblem(file, error, lastGood),
      () => this.folders,
    );
    // The cross-visit rules read their history from the visit index (the cache's history hook,
    // read-only), so do completion, hover, Lint Workspace and fix-all; `recordVisit` keeps it
    // current, and a change to one note re-lints exactly the open notes whose history it changed.
    this.continuity = new Continuity({
      readFile: this.readFile,
      configFor: (file) => this.configs.forPath(file),
      onAffected: (files) => this.historyChanged(files),
      fs: host.fs,
      toPath: (uri) => host.locations.toPath(uri),
    });
    this.cache = new NoteCache(
      this.documents,
      this.configs,
      () => this.folders[0] ?? host.defaultFolder(),
      this.continuity,
      host.watchdog,
      (uri) => host.locations.toPath(uri),
    );
    this.index = new WorkspaceIndex({ readFile: this.readFile, configFor: (file) => this.configs.forPath(file), uriFor: this.uriFor, workspace: this.continuity.workspace });
  }

  /** The URI the client knows a path by (an open document's own URI when there is one). */
  readonly uriFor = (file: string): string => this.openPaths.get(file) ?? this.host.locations.toUri(file);

  /** An open buffer, else the file; throws UnreadableFile for a file that exists but cannot be read. */
  readonly readStrict = async (file: string): Promise<string | undefined> => {
    const uri = this.openPaths.get(file);
    const doc = uri ? this.documents.get(uri) : undefined;
    return doc ? doc.getText() : this.host.fs.readFile(file);
  };

  /** As `readStrict`, with unreadable files treated as gone (notes, not configs). */
  readonly readFile = (file: string): Promise<string | undefined> => this.readStrict(file).catch(() => undefined);

  toPath(uri: string): string | undefined {
    return this.host.locations.toPath(uri);
  }

  /** The current version's analysis when the document is a note; undefined otherwise or when cancelled. */
  async noteFor(uri: string, token: CancellationToken): Promise<Analysis | undefined> {
    const a = await this.cache.analyze(uri, token);
    return a && a.isNote && !token.isCancellationRequested ? a : undefined;
  }

  /** A request's position as an offset into the analysed note. */
  at(a: Analysis, p: TextDocumentPositionParams): number {
    return a.note.lines.fromLsp(p.position);
  }

  /** The workspace folders (their URIs) changed: find notes again. */
  setFolders(uris: readonly string[]): void {
    this.host.locations.foldersChanged?.(uris);
    this.folders = uris.map((u) => this.toPath(u)).filter((f): f is string => !!f);
    this.index.setFolders(this.folders);
    void this.continuity.setFolders(this.folders);
  }

  startDiagnostics(flags: ClientFlags): void {
    this.diagnostics = new Diagnostics(this.connection, this.documents, this.cache, {
      pull: flags.pull,
      refresh: flags.diagnosticRefresh,
      readFile: this.readFile,
      uriFor: this.uriFor,
    });
  }

  /** The explicit history step for an open buffer (continuity.ts); never the note's text in a log. */
  recordVisit(uri: string): void {
    this.continuity.bufferChanged(
      uri,
      () => this.cache.analyze(uri),
      (err) => this.connection.console.error(`visitnotes: indexing failed for ${uri} (${(err as Error)?.name ?? 'Error'})`),
    );
  }

  /** Earlier visits of these notes changed: re-lint the open ones. */
  historyChanged(files: string[]): void {
    let any = false;
    for (const file of files) {
      const uri = this.openPaths.get(file);
      if (!uri) continue;
      this.cache.historyChanged(uri);
      this.diagnostics?.changed(uri);
      any = true;
    }
    if (any) this.diagnostics?.relintAll({ pullOnly: true });
  }
}
