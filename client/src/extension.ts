/**
 * Visit Notes for VS Code. Activation wires small parts together and returns
 * quickly; the language server starts in the background and its first
 * diagnostics arrive on their own. No module-level state: everything lives in
 * objects owned by `context.subscriptions`.
 */
import { HOST_UPTIME_AT_LOAD, LOAD_START } from './load-start.ts';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node.js';
import { registerCommands } from './commands/index.ts';
import { WorkspaceLinter, type LintWorkspaceSummary } from './commands/lint-workspace.ts';
import { EarlyDiagnostics } from './early-diagnostics.ts';
import { CONFIG_GLOB } from './language-client.ts';
import { NoteEngine } from './note-engine.ts';
import { NoteDetector } from './notes.ts';
import { PreviewManager } from './preview/preview-manager.ts';
import { ServerPreviewRenderer } from './preview/server-renderer.ts';
import { ServerHandle } from './server-handle.ts';
import { followServer } from './server-events.ts';
import { NoteHealthStatus } from './status-bar.ts';
import { TimelineManager } from './timeline/timeline-manager.ts';
import type { TimelineSnapshot } from './timeline/timeline-panel.ts';
import { ActivationTiming, type TimingSnapshot } from './timing.ts';

const EVALUATED = performance.now();

/** What `activate` returns: used by the in-host tests and open to other extensions. */
export interface VisitNotesApi {
  timing(): TimingSnapshot;
  whenFirstDiagnostics(): Promise<void>;
  languageClient(): Promise<LanguageClient | undefined>;
  /** Body HTML the preview of `uri` last rendered, if it is open. */
  previewHtml(uri: vscode.Uri): string | undefined;
  lintWorkspace(): Promise<LintWorkspaceSummary | undefined>;
  /** The patient timeline panel's state and whole page, if it is open. */
  timeline(): TimelineSnapshot | undefined;
}

export function activate(context: vscode.ExtensionContext): VisitNotesApi {
  const output = vscode.window.createOutputChannel('Visit Notes');
  const timing = new ActivationTiming({ loadStart: LOAD_START, hostUptimeAtLoad: HOST_UPTIME_AT_LOAD, evaluated: EVALUATED }, output);
  const configWatcher = vscode.workspace.createFileSystemWatcher(CONFIG_GLOB);
  const engine = new NoteEngine(configWatcher);
  // The server starts first (its own process); the bundled engine fills the gap until it reports.
  let early: EarlyDiagnostics | undefined;
  const server = new ServerHandle(context, output, timing, (uri) => early?.handOver(uri));
  void server.start();
  early = new EarlyDiagnostics(engine, timing, () => !!server.client?.isRunning());
  const notes = new NoteDetector(() => server.ready());
  // The preview and the commands ask the server (one config store, one visit index);
  // the bundled engine only lints before the server is up (early-diagnostics.ts).
  const previews = new PreviewManager(context.extensionUri, new ServerPreviewRenderer(server), notes, engine.onDidChangeConfig);
  const status = new NoteHealthStatus(notes);
  const linter = new WorkspaceLinter(() => server.ready());
  const timelines = new TimelineManager(context.extensionUri, engine.onDidChangeConfig, notes, server, (m) => output.appendLine(m));
  context.subscriptions.push(output, configWatcher, engine, server, early, previews, status, linter, timelines);
  context.subscriptions.push(
    ...registerCommands({ extensionUri: context.extensionUri, notes, previews, server, status, linter, timelines }),
    engine.onDidChangeConfig(() => {
      notes.invalidate();
      void status.update();
    }),
    ...followServer(server, notes, status),
  );
  timing.activated();
  return {
    timing: () => timing.value,
    whenFirstDiagnostics: () => timing.whenFirstDiagnostics(),
    languageClient: () => server.ready(),
    previewHtml: (uri) => previews.panelFor(uri)?.html,
    lintWorkspace: () => linter.run(),
    timeline: () => timelines.snapshot(),
  };
}
