/**
 * One language server for Node and the browser: the lifecycle (initialize,
 * registrations, settings, workspace folders) and the document events, over
 * the shared state (server-state.ts) and request table (handlers.ts). What
 * differs — files, URIs, the watchdog, the name — comes in a ServerHost
 * (server.ts for Node, web-server.ts for the web worker).
 */
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { EDITING_CAPABILITIES } from './capabilities.ts';
import { readClientFlags } from './client-flags.ts';
import { CONFIG_EDIT_DEBOUNCE_MS, ConfigChanges } from './config-changes.ts';
import { guardConnection } from './guard.ts';
import { registerHandlers } from './handlers.ts';
import type { ServerHost } from './server-host.ts';
import { ServerState } from './server-state.ts';
import { readSettings, type Settings } from './settings.ts';

export function startServerCore(unguarded: Connection, host: ServerHost): ServerState {
  // No handler's exception leaves the server with the text it held (guard.ts).
  const connection = guardConnection(unguarded);
  const state = new ServerState(connection, host);
  const configChanges = new ConfigChanges(state);
  const { documents, continuity, index, cache } = state;

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const flags = (state.flags = readClientFlags(params.capabilities));
    state.settings = readSettings(params.initializationOptions, state.settings);
    host.initialize?.(params);
    state.setFolders(params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : params.rootPath ? [host.locations.toUri(params.rootPath)] : []));
    state.startDiagnostics(flags);
    return {
      serverInfo: host.serverInfo,
      capabilities: {
        ...EDITING_CAPABILITIES,
        ...(host.workspaceSymbols ? { workspaceSymbolProvider: true } : {}),
        ...(flags.pull ? { diagnosticProvider: { identifier: 'visitnotes', interFileDependencies: false, workspaceDiagnostics: false } } : {}),
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
    };
  });

  connection.onInitialized(() => {
    const { flags } = state;
    if (!flags) return;
    host.initialized?.();
    if (flags.watchRegistration) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        // Every Markdown file: `include` can make any of them a note; `.gitignore` decides which the walk finds.
        watchers: [{ globPattern: '**/.visitnotes.{yaml,yml,json}' }, { globPattern: '**/*.md' }, { globPattern: '**/.gitignore' }],
      });
    }
    if (flags.configurationRegistration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'visitNotes' });
    if (flags.configurationPull) void pullSettings();
    if (flags.workspaceFolders) {
      let uris = state.folders.map((f) => state.host.locations.toUri(f));
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        const removed = new Set(e.removed.map((f) => state.toPath(f.uri)));
        uris = [...uris.filter((u) => !removed.has(state.toPath(u))), ...e.added.map((f) => f.uri)];
        state.setFolders(uris);
      });
    }
    connection.console.info(`${host.serverInfo.name} ${host.serverInfo.version ?? ''}: ${state.folders.length} workspace folder(s), ${flags.pull ? 'pull' : 'push'} diagnostics`);
  });

  // --- Settings -------------------------------------------------------------
  async function pullSettings(): Promise<void> {
    try {
      const [section] = await connection.workspace.getConfiguration([{ section: 'visitNotes' }]);
      applySettings(readSettings({ visitNotes: section ?? {} }, state.settings));
    } catch {
      // The client could not answer; keep what we have.
    }
  }
  function applySettings(next: Settings): void {
    const changed = next.inlayHints.enabled !== state.settings.inlayHints.enabled;
    state.settings = next;
    if (changed && state.flags?.inlayHintRefresh) void connection.languages.inlayHint.refresh();
  }
  connection.onDidChangeConfiguration((params) => {
    if (state.flags?.configurationPull) void pullSettings();
    else applySettings(readSettings(params.settings, state.settings));
  });
  connection.onDidChangeWatchedFiles((params) => configChanges.watchedFilesChanged(params));

  // --- Documents ------------------------------------------------------------
  documents.onDidOpen((e) => {
    const file = state.toPath(e.document.uri);
    if (file) state.openPaths.set(file, e.document.uri);
  });
  documents.onDidChangeContent((e) => {
    const uri = e.document.uri;
    const file = state.toPath(uri);
    if (file && configChanges.affectsConfig(file)) {
      configChanges.configChanged([file], CONFIG_EDIT_DEBOUNCE_MS);
      return;
    }
    if (file) index.fileChanged(file);
    state.recordVisit(uri);
    state.diagnostics?.changed(uri);
  });
  documents.onDidClose((e) => {
    const uri = e.document.uri;
    const file = state.toPath(uri);
    if (file) state.openPaths.delete(file);
    continuity.bufferClosed(uri);
    cache.delete(uri);
    if (file && configChanges.affectsConfig(file)) {
      // The buffer may have differed from the file on disk.
      configChanges.configChanged([file]);
      return;
    }
    if (file) {
      index.fileChanged(file);
      // Back to the file on disk (the buffer may have been discarded unsaved).
      void continuity.fileChanged(file);
    }
    state.diagnostics?.closed(uri);
  });

  registerHandlers(state);
  documents.listen(connection);
  connection.onShutdown(() => host.watchdog?.close());
  connection.listen();
  return state;
}
