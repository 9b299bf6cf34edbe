/**
 * Visit Notes in the browser (vscode.dev, github.dev, any web workbench): the
 * `browser` entry of the manifest. The extension host is a web worker; the
 * language server runs in a second worker with the same engine and providers
 * as on the desktop. The preview, the timeline, New Note, export and Insert
 * Missing Sections are the desktop's own panels and commands, fed by that
 * worker (web-features.ts), so the engine is bundled once.
 *
 * The worker reads the workspace through this extension (`workspace.fs`,
 * file-access.ts): config files, note discovery and the visit index are the
 * engine's own, as on the desktop. docs/extension.md says what works where.
 */
import { HOST_UPTIME_AT_LOAD, LOAD_START } from './load-start.ts';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/browser.js';
import { WorkspaceLinter } from '../commands/lint-workspace.ts';
import { NoteDetector } from '../notes.ts';
import { PreviewManager } from '../preview/preview-manager.ts';
import { ServerPreviewRenderer } from '../preview/server-renderer.ts';
import { NoteHealthStatus } from '../status-bar.ts';
import { followServer } from '../server-events.ts';
import { TimelineManager } from '../timeline/timeline-manager.ts';
import type { TimelineSnapshot } from '../timeline/timeline-panel.ts';
import { ActivationTiming, type TimingSnapshot } from '../timing.ts';
import { registerCommands } from '../commands/index.ts';
import { WebServerHandle } from './server-handle.ts';

const EVALUATED = performance.now();

/** What the browser entry's `activate` returns: used by the web test phase. */
export interface VisitNotesWebApi {
  /** Which build is running: this one is `browser`. */
  readonly build: 'browser';
  timing(): TimingSnapshot;
  whenFirstDiagnostics(): Promise<void>;
  languageClient(): Promise<LanguageClient | undefined>;
  /** Body HTML the preview of `uri` last rendered, if it is open. */
  previewHtml(uri: vscode.Uri): string | undefined;
  /** The patient timeline panel's state and whole page, if it is open. */
  timeline(): TimelineSnapshot | undefined;
  /** When the language server's first start started its worker, and when that answered `initialize`. */
  serverStartup(): WebServerHandle['marks'];
}

export function activate(context: vscode.ExtensionContext): VisitNotesWebApi {
  const output = vscode.window.createOutputChannel('Visit Notes');
  const timing = new ActivationTiming({ loadStart: LOAD_START, hostUptimeAtLoad: HOST_UPTIME_AT_LOAD, evaluated: EVALUATED }, output);
  const server = new WebServerHandle(output, timing);
  void server.start();
  // A config file changed: open previews and timelines ask the worker again.
  const configChanged = new vscode.EventEmitter<void>();
  const configWatcher = vscode.workspace.createFileSystemWatcher('**/.visitnotes.{yaml,yml,json}');
  const fireConfigChanged = () => configChanged.fire();
  configWatcher.onDidCreate(fireConfigChanged);
  configWatcher.onDidChange(fireConfigChanged);
  configWatcher.onDidDelete(fireConfigChanged);
  const linter = new WorkspaceLinter(() => server.ready());
  const notes = new NoteDetector(() => server.ready());
  const previews = new PreviewManager(context.extensionUri, new ServerPreviewRenderer(server), notes, configChanged.event);
  const status = new NoteHealthStatus(notes);
  const timelines = new TimelineManager(context.extensionUri, configChanged.event, notes, server, (m) => output.appendLine(m));
  context.subscriptions.push(output, configChanged, configWatcher, linter, server, previews, status, timelines);
  context.subscriptions.push(
    ...registerCommands({ extensionUri: context.extensionUri, linter, notes, previews, server, status, timelines }),
    ...followServer(server, notes, status),
  );
  timing.activated();
  return {
    build: 'browser',
    timing: () => timing.value,
    whenFirstDiagnostics: () => timing.whenFirstDiagnostics(),
    languageClient: () => server.ready(),
    previewHtml: (uri) => previews.panelFor(uri)?.html,
    timeline: () => timelines.snapshot(),
    serverStartup: () => ({ ...server.marks }),
  };
}
