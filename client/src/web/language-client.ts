/**
 * The language client in the browser: the server (server/src/bundle/web-server.ts)
 * runs in a web worker started by this extension, and LSP travels over postMessage.
 *
 * The worker's script is carried inside this bundle as text (the build embeds it,
 * scripts/bundle-options.mjs) and started from a `blob:` URL: no request at all, and
 * no URL to resolve (the extension host's Worker refuses the `vscode-remote:` URLs a
 * remote workbench such as code-server or Codespaces gives an extension's files).
 */
import serverSource from 'visitnotes:web-server';
import * as vscode from 'vscode';
import { LanguageClient, type DocumentSelector, type LanguageClientOptions } from 'vscode-languageclient/browser.js';
import type { ActivationTiming } from '../timing.ts';
import type { PrefetchedReads } from '../../../server/src/lsp/web-fs-protocol.ts';
import { answerFileRequests } from './file-access.ts';

export const CLIENT_ID = 'visitNotes';
/**
 * Notes in any scheme (github.dev's `vscode-vfs`, local folders opened through
 * the browser, a remote host's `vscode-remote`). Markdown goes to the server
 * too: a config's `include` can make it a note, and the server decides per
 * document from the config it reads through `workspace.fs` (file-access.ts).
 */
export const WEB_NOTE_SELECTOR: DocumentSelector = [{ language: 'visitnote' }, { language: 'markdown' }];

/** The browser's Worker: the extension host is itself a web worker here. Not in this project's Node-typed globals. */
declare const Worker: new (url: string, options?: { name?: string }) => WebWorker;
export interface WebWorker {
  terminate(): void;
}

export function startWorker(): WebWorker {
  const script = URL.createObjectURL(new Blob([serverSource], { type: 'text/javascript' }));
  return new Worker(script, { name: 'Visit Notes language server' });
}

export function createWebLanguageClient(worker: WebWorker, output: vscode.OutputChannel, timing: ActivationTiming, prefetched: PrefetchedReads = {}): LanguageClient {
  const settings = vscode.workspace.getConfiguration('visitNotes');
  const run = settings.get<string>('lint.run', 'onType');
  const clientOptions: LanguageClientOptions = {
    documentSelector: WEB_NOTE_SELECTOR,
    outputChannel: output,
    initializationOptions: {
      visitNotes: {
        inlayHints: { enabled: settings.get<boolean>('inlayHints.enabled', true) },
        lint: { run },
        // This extension answers the server's file requests (file-access.ts), and read the first ones ahead.
        fileAccess: true,
        prefetched,
      },
    },
    synchronize: { configurationSection: 'visitNotes' },
    diagnosticPullOptions: { onChange: run !== 'onSave', onSave: true },
    middleware: {
      provideDiagnostics: async (document, previousResultId, token, next) => {
        const report = await next(document, previousResultId, token);
        if (report && !token.isCancellationRequested) timing.diagnosticsReported('uri' in document ? document.uri.toString() : document.toString(), 'server');
        return report;
      },
    },
  };
  const client = new LanguageClient(CLIENT_ID, 'Visit Notes', clientOptions, worker as ConstructorParameters<typeof LanguageClient>[3]);
  answerFileRequests(client);
  return client;
}
