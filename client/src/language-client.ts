/**
 * The language client: starts dist/server.js over Node IPC and routes notes to
 * it. The selector includes Markdown because notes matched by a config's
 * `include` globs open as Markdown; the server decides per document (from the
 * config) whether it is a note, and answers nothing for other Markdown files.
 */
import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type DocumentSelector,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node.js';
import type { ActivationTiming } from './timing.ts';

export const CLIENT_ID = 'visitNotes';
export const NOTE_SELECTOR: DocumentSelector = [
  { language: 'visitnote' },
  { language: 'markdown', scheme: 'file' },
  { language: 'markdown', scheme: 'untitled' },
];
export const CONFIG_GLOB = '**/.visitnotes.{yaml,yml,json}';

/** Called with a note's URI whenever the server reported diagnostics for it. */
export type DiagnosticsListener = (uri: string) => void;

export function createLanguageClient(
  context: vscode.ExtensionContext,
  output: vscode.OutputChannel,
  timing: ActivationTiming,
  onDiagnostics: DiagnosticsListener = () => {},
): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const settings = vscode.workspace.getConfiguration('visitNotes');
  const run = settings.get<string>('lint.run', 'onType');
  const configWatcher = vscode.workspace.createFileSystemWatcher(CONFIG_GLOB);
  context.subscriptions.push(configWatcher);
  const clientOptions: LanguageClientOptions = {
    documentSelector: NOTE_SELECTOR,
    outputChannel: output,
    initializationOptions: {
      visitNotes: {
        inlayHints: { enabled: settings.get<boolean>('inlayHints.enabled', true) },
        lint: { run },
      },
    },
    synchronize: { configurationSection: 'visitNotes', fileEvents: configWatcher },
    // Pull diagnostics: the client decides when to ask, which is how "lint on save" works.
    diagnosticPullOptions: { onChange: run !== 'onSave', onSave: true },
    middleware: {
      provideDiagnostics: async (document, previousResultId, token, next) => {
        const report = await next(document, previousResultId, token);
        if (report && !token.isCancellationRequested) {
          const uri = uriOf(document);
          timing.diagnosticsReported(uri, 'server');
          onDiagnostics(uri);
        }
        return report;
      },
      handleDiagnostics: (uri, diagnostics, next) => {
        if (diagnostics.length) timing.diagnosticsReported(uri.toString(), 'server');
        onDiagnostics(uri.toString());
        next(uri, diagnostics);
      },
    },
  };
  return new LanguageClient(CLIENT_ID, 'Visit Notes', serverOptions, clientOptions);
}

function uriOf(document: vscode.TextDocument | vscode.Uri): string {
  return 'uri' in document ? document.uri.toString() : document.toString();
}
