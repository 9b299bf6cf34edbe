/**
 * The Visit Notes language server: wires LSP handlers to the providers, and
 * nothing else. All knowledge lives in the engine (rules, fixes, config) and in
 * one provider module per feature; this file maps requests to them, tracks
 * client capabilities, and keeps config and workspace state in step with file
 * events. It never logs note text — notes are health records — only URIs and
 * counts.
 *
 * `startServer()` with no argument creates the connection from argv
 * (`--stdio`, `--node-ipc`, `--socket=N`, `--pipe=NAME`), as
 * vscode-languageserver's `createConnection` does.
 */
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  ProposedFeatures,
  TextDocuments,
  createConnection,
  type CancellationToken,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type TextDocumentPositionParams,
} from 'vscode-languageserver/node.js';
import { TextDocument } from 'vscode-languageserver-textdocument';
import pkg from '../../../package.json' with { type: 'json' };
import { baseName, mapOffset, readFileOrUndefined } from '../engine/index.ts';
import { readNote } from '../cli/lint/read.ts';
import { provideCodeActions } from './code-actions.ts';
import { provideCompletions } from './completion.ts';
import { ConfigStore, isConfigFile } from './configs.ts';
import { Continuity, continuityCompletions, continuityHover, mergeHover } from './continuity.ts';
import { PATIENT_KEYS, TIMELINE, type PatientKeysParams, type TimelineParams } from './continuity-protocol.ts';
import { Diagnostics } from './diagnostics.ts';
import { NoteCache, pathToUri, uriToPath, type Analysis } from './documents.ts';
import { provideHover } from './hover.ts';
import { provideInlayHints } from './inlay-hints.ts';
import { prepareRename, provideDefinition, provideHighlights, provideReferences, rename } from './navigation.ts';
import { registerLintWorkspace } from './lint-workspace.ts';
import { provideSemanticTokens } from './semantic-tokens.ts';
import { EDITING_CAPABILITIES } from './capabilities.ts';
import { DEFAULT_SETTINGS, readSettings, type Settings } from './settings.ts';
import { provideDocumentSymbols, provideFoldingRanges } from './symbols.ts';
import { ServerWatchdog } from './watchdog.ts';
import { WorkspaceIndex } from './workspace-index.ts';

/** Edits of an open config buffer settle for this long before notes re-lint. */
const CONFIG_EDIT_DEBOUNCE_MS = 150;

interface ClientFlags {
  pull: boolean;
  diagnosticRefresh: boolean;
  snippets: boolean;
  documentChanges: boolean;
  watchRegistration: boolean;
  configurationPull: boolean;
  configurationRegistration: boolean;
  inlayHintRefresh: boolean;
  semanticTokensRefresh: boolean;
  workspaceFolders: boolean;
}

export function startServer(connection: Connection = createConnection(ProposedFeatures.all)): Connection {
  const documents = new TextDocuments(TextDocument);
  /** Open documents by file path, so config and index reads see unsaved buffers. */
  const openPaths = new Map<string, string>();
  let folders: string[] = [];
  let settings: Settings = DEFAULT_SETTINGS;
  let flags: ClientFlags | undefined;
  let diagnostics: Diagnostics | undefined;

  const uriFor = (file: string) => openPaths.get(file) ?? pathToUri(file);
  /** An open buffer, else the file; throws UnreadableFile for a file that exists but cannot be read. */
  const readStrict = async (file: string) => {
    const uri = openPaths.get(file);
    const doc = uri ? documents.get(uri) : undefined;
    return doc ? doc.getText() : readFileOrUndefined(file);
  };
  const readFile = (file: string) => readStrict(file).catch(() => undefined);
  // Config reads stay strict: an unreadable config file is an error to show, not a missing file.
  const configs = new ConfigStore(
    readStrict,
    (file, error, lastGood) => {
      void diagnostics?.configProblem(file, error, lastGood);
    },
    () => folders,
  );
  // One workspace (the engine's note discovery and visit index): the cross-visit
  // rules read their history from it (the cache's history hook, read-only), so do
  // completion, hover, Lint Workspace and fix-all; recordVisit below keeps it
  // current, and a change to one note re-lints exactly the open notes whose
  // history it changed.
  const continuity = new Continuity({
    readFile,
    configFor: (file) => configs.forPath(file),
    onAffected: (files) => historyChanged(files),
  });
  const workspace = continuity.workspace;
  // Large notes are tried in a worker thread with a time budget first (watchdog.ts).
  const watchdog = new ServerWatchdog();
  const cache = new NoteCache(documents, configs, () => folders[0], (a) => continuity.history(a), watchdog);
  const index = new WorkspaceIndex({ readFile, configFor: (file) => configs.forPath(file), uriFor, workspace });
  const historyOf = (a: Analysis) => continuity.history(a);
  /** The explicit history step for an open buffer (continuity.ts); never the note's text in a log. */
  const recordVisit = (uri: string) =>
    continuity.bufferChanged(uri, () => cache.analyze(uri), (err) => connection.console.error(`visitnotes: indexing failed for ${uri} (${(err as Error)?.name ?? 'Error'})`));
  function historyChanged(files: string[]): void {
    let any = false;
    for (const file of files) {
      const uri = openPaths.get(file);
      if (!uri) continue;
      cache.historyChanged(uri);
      diagnostics?.changed(uri);
      any = true;
    }
    if (any) diagnostics?.relintAll({ pullOnly: true });
  }

  /** The current version's analysis when the document is a note; undefined otherwise or when cancelled. */
  const noteFor = async (uri: string, token: CancellationToken): Promise<Analysis | undefined> => {
    const a = await cache.analyze(uri, token);
    return a && a.isNote && !token.isCancellationRequested ? a : undefined;
  };
  const at = (a: Analysis, p: TextDocumentPositionParams) => a.note.lines.fromLsp(p.position);

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const c = params.capabilities;
    flags = {
      pull: !!c.textDocument?.diagnostic,
      diagnosticRefresh: !!c.workspace?.diagnostics?.refreshSupport,
      snippets: !!c.textDocument?.completion?.completionItem?.snippetSupport,
      documentChanges: !!c.workspace?.workspaceEdit?.documentChanges,
      watchRegistration: !!c.workspace?.didChangeWatchedFiles?.dynamicRegistration,
      configurationPull: !!c.workspace?.configuration,
      configurationRegistration: !!c.workspace?.didChangeConfiguration?.dynamicRegistration,
      inlayHintRefresh: !!c.workspace?.inlayHint?.refreshSupport,
      semanticTokensRefresh: !!c.workspace?.semanticTokens?.refreshSupport,
      workspaceFolders: !!c.workspace?.workspaceFolders,
    };
    settings = readSettings(params.initializationOptions, DEFAULT_SETTINGS);
    folders = (params.workspaceFolders?.map((f) => uriToPath(f.uri)) ?? [params.rootUri ? uriToPath(params.rootUri) : params.rootPath ?? undefined]).filter(
      (f): f is string => !!f,
    );
    index.setFolders(folders);
    void continuity.setFolders(folders);
    diagnostics = new Diagnostics(connection, documents, cache, {
      pull: flags.pull,
      refresh: flags.diagnosticRefresh,
      readFile,
      uriFor,
    });
    return {
      serverInfo: { name: 'visitnotes-language-server', version: pkg.version },
      capabilities: {
        ...EDITING_CAPABILITIES,
        workspaceSymbolProvider: true,
        ...(flags.pull
          ? { diagnosticProvider: { identifier: 'visitnotes', interFileDependencies: false, workspaceDiagnostics: false } }
          : {}),
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
    };
  });

  connection.onInitialized(() => {
    if (!flags) return;
    if (flags.watchRegistration) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        // Every Markdown file: `include` can make any of them a note; `.gitignore` decides which the walk finds.
        watchers: [{ globPattern: '**/.visitnotes.{yaml,yml,json}' }, { globPattern: '**/*.md' }, { globPattern: '**/.gitignore' }],
      });
    }
    if (flags.configurationRegistration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'visitNotes' });
    if (flags.configurationPull) void pullSettings();
    if (flags.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        const removed = new Set(e.removed.map((f) => uriToPath(f.uri)));
        folders = [...folders.filter((f) => !removed.has(f)), ...e.added.map((f) => uriToPath(f.uri)).filter((f): f is string => !!f)];
        index.setFolders(folders);
        void continuity.setFolders(folders);
      });
    }
    connection.console.info(`visitnotes-language-server ${pkg.version}: ${folders.length} workspace folder(s), ${flags.pull ? 'pull' : 'push'} diagnostics`);
  });

  // --- Settings -------------------------------------------------------------
  async function pullSettings(): Promise<void> {
    try {
      const [section] = await connection.workspace.getConfiguration([{ section: 'visitNotes' }]);
      applySettings(readSettings({ visitNotes: section ?? {} }, settings));
    } catch {
      // The client could not answer; keep what we have.
    }
  }
  function applySettings(next: Settings): void {
    const changed = next.inlayHints.enabled !== settings.inlayHints.enabled;
    settings = next;
    if (changed && flags?.inlayHintRefresh) void connection.languages.inlayHint.refresh();
  }
  connection.onDidChangeConfiguration((params) => {
    if (flags?.configurationPull) void pullSettings();
    else applySettings(readSettings(params.settings, settings));
  });

  // --- Config changes -------------------------------------------------------
  let configTimer: NodeJS.Timeout | undefined;
  const pendingConfigFiles = new Set<string>();
  function configChanged(files: string[], delay = 0): void {
    for (const f of files) pendingConfigFiles.add(f);
    if (configTimer) clearTimeout(configTimer);
    configTimer = setTimeout(() => {
      configTimer = undefined;
      const changed = [...pendingConfigFiles];
      pendingConfigFiles.clear();
      configs.invalidate(changed);
      cache.clear();
      for (const file of changed) {
        void readFile(file).then((text) => {
          if (text === undefined) configs.forget(file);
          else void configs.validate(file);
        });
      }
      index.configChanged();
      void continuity.configChanged();
      diagnostics?.relintAll();
      if (flags?.semanticTokensRefresh) void connection.languages.semanticTokens.refresh();
      if (flags?.inlayHintRefresh) void connection.languages.inlayHint.refresh();
    }, delay);
  }
  /** A config file by name, or a file some loaded config extends. */
  const affectsConfig = (file: string) => isConfigFile(file) || configs.isSource(file);

  connection.onDidChangeWatchedFiles((params) => {
    const changedConfigs: string[] = [];
    let gitignoreChanged = false;
    for (const change of params.changes) {
      const file = uriToPath(change.uri);
      if (!file) continue;
      if (affectsConfig(file)) changedConfigs.push(file);
      else if (baseName(file) === '.gitignore') gitignoreChanged = true;
      else {
        index.fileChanged(file, change.type === FileChangeType.Deleted);
        // An open note's buffer, not the file, is what the visit index holds for it.
        if (!openPaths.has(file)) void continuity.fileChanged(file, change.type === FileChangeType.Deleted);
      }
    }
    if (changedConfigs.length) configChanged(changedConfigs);
    else if (gitignoreChanged) {
      // Which files are notes may have changed: find them again.
      index.configChanged();
      void continuity.configChanged();
    }
  });

  // --- Documents ------------------------------------------------------------
  documents.onDidOpen((e) => {
    const file = uriToPath(e.document.uri);
    if (file) openPaths.set(file, e.document.uri);
  });
  documents.onDidChangeContent((e) => {
    const uri = e.document.uri;
    const file = uriToPath(uri);
    if (file && affectsConfig(file)) {
      configChanged([file], CONFIG_EDIT_DEBOUNCE_MS);
      return;
    }
    if (file) index.fileChanged(file);
    recordVisit(uri);
    diagnostics?.changed(uri);
  });
  documents.onDidClose((e) => {
    const uri = e.document.uri;
    const file = uriToPath(uri);
    if (file) openPaths.delete(file);
    continuity.bufferClosed(uri);
    cache.delete(uri);
    if (file && affectsConfig(file)) {
      // The buffer may have differed from the file on disk.
      configChanged([file]);
      return;
    }
    if (file) {
      index.fileChanged(file);
      // Back to the file on disk (the buffer may have been discarded unsaved).
      void continuity.fileChanged(file);
    }
    diagnostics?.closed(uri);
  });

  // --- Diagnostics ----------------------------------------------------------
  connection.languages.diagnostics.on((params, token) => {
    if (!diagnostics) return { kind: 'full', items: [] };
    return diagnostics.pull(params, token);
  });

  // --- Completion -----------------------------------------------------------
  connection.onCompletion(async (params, token) => {
    const uri = params.textDocument.uri;
    const doc = documents.get(uri);
    if (!doc || !flags) return null;
    const pos = params.position;
    const linePrefix = doc.getText({ start: { line: pos.line, character: 0 }, end: pos });
    const lineSuffix = doc.getText({ start: pos, end: { line: pos.line + 1, character: 0 } }).replace(/(\r\n|\r|\n)$/, '');
    // The current model if parsed; else the last parsed one, with the cursor mapped into it.
    let a = cache.peek(uri);
    let noteOffset: number | undefined;
    if (!a?.isParsed) {
      const last = cache.lastParsed(uri);
      if (last && last.version < doc.version) {
        a = last;
        noteOffset = mapOffset(last.text, doc.getText(), doc.offsetAt(pos));
      } else a = await noteFor(uri, token);
    }
    if (!a || !a.isNote || token.isCancellationRequested) return null;
    const note = a.note;
    const list = provideCompletions(
      {
        linePrefix,
        lineSuffix,
        position: pos,
        note,
        noteOffset: noteOffset ?? note.lines.fromLsp(pos),
        config: a.config,
        template: a.template,
        snippets: flags.snippets,
        ...(/^[A-Za-z_-]*$/.test(linePrefix) ? { patientKeys: continuity.keysForNote(a) } : {}),
      },
      token,
    );
    // After `[`: the previous visit's goals this note has not carried forward yet.
    if (/\[[Gg]?\d{0,3}$/.test(linePrefix)) list.items.push(...continuityCompletions({ linePrefix, lineSuffix, position: pos, note }, historyOf(a)));
    return list;
  });

  // --- Hover and navigation -------------------------------------------------
  connection.onHover(async (p, token) => {
    const a = await noteFor(p.textDocument.uri, token);
    if (!a) return null;
    const offset = at(a, p);
    return mergeHover(provideHover(a.note, a.template, offset, token), token.isCancellationRequested ? undefined : continuityHover(a.note, offset, historyOf(a)));
  });
  connection.onDefinition(async (p, token) => {
    const a = await noteFor(p.textDocument.uri, token);
    return a ? provideDefinition(a.note, a.uri, at(a, p), token) : [];
  });
  connection.onReferences(async (p, token) => {
    const a = await noteFor(p.textDocument.uri, token);
    return a ? provideReferences(a.note, a.uri, at(a, p), p.context.includeDeclaration, token) : [];
  });
  connection.onDocumentHighlight(async (p, token) => {
    const a = await noteFor(p.textDocument.uri, token);
    return a ? provideHighlights(a.note, at(a, p), token) : [];
  });
  connection.onPrepareRename(async (p, token) => {
    const a = await noteFor(p.textDocument.uri, token);
    return a ? prepareRename(a.note, at(a, p), token) : null;
  });
  connection.onRenameRequest(async (p, token) => {
    const a = await noteFor(p.textDocument.uri, token);
    return a ? rename(a.note, a.uri, a.version, at(a, p), p.newName, !!flags?.documentChanges, token) : null;
  });

  // --- Structure ------------------------------------------------------------
  connection.onDocumentSymbol(async (p, token) => {
    const a = await noteFor(p.textDocument.uri, token);
    return a ? provideDocumentSymbols(a.note, token) : [];
  });
  connection.onFoldingRanges(async (p, token) => {
    const a = await noteFor(p.textDocument.uri, token);
    return a ? provideFoldingRanges(a.note, token) : [];
  });
  connection.onWorkspaceSymbol((p, token) => index.symbols(p.query, token));

  // --- Extension requests: timeline, Lint Workspace, "is this a note?" ------
  connection.onRequest(TIMELINE, async (p: TimelineParams, token: CancellationToken) => {
    // The first workspace scan must finish, or a timeline opened at startup misses visits.
    await continuity.ready();
    const a = await noteFor(p.uri, token);
    return a ? await continuity.timeline(a, p) : null;
  });
  connection.onRequest(PATIENT_KEYS, async (p: PatientKeysParams) => {
    await continuity.ready();
    const file = uriToPath(p.uri);
    return file && typeof p.patient === 'string' ? continuity.patientKeys(file, p.patient) : { keys: [] };
  });
  registerLintWorkspace(connection, { cache, documents, workspace, ready: () => continuity.ready(), readFile, readNote });

  // --- Code actions ---------------------------------------------------------
  connection.onCodeAction(async (p, token) => {
    const a = await noteFor(p.textDocument.uri, token);
    return a ? provideCodeActions(a, p, { documentChanges: !!flags?.documentChanges }, token) : [];
  });

  // --- Inlay hints and semantic tokens --------------------------------------
  connection.languages.inlayHint.on(async (p, token) => {
    if (!settings.inlayHints.enabled) return [];
    const a = await noteFor(p.textDocument.uri, token);
    return a ? provideInlayHints(a.note, p.range, token) : [];
  });
  connection.languages.semanticTokens.on(async (p, token) => {
    const a = await noteFor(p.textDocument.uri, token);
    return a ? provideSemanticTokens(a.note, undefined, token) : { data: [] };
  });
  connection.languages.semanticTokens.onRange(async (p, token) => {
    const a = await noteFor(p.textDocument.uri, token);
    return a ? provideSemanticTokens(a.note, p.range, token) : { data: [] };
  });

  documents.listen(connection);
  connection.onShutdown(() => watchdog.close());
  connection.listen();
  return connection;
}
