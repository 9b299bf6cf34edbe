/**
 * Visit Notes in the browser (vscode.dev, github.dev, any web workbench): the
 * `browser` entry of the manifest. The extension host is a web worker; the
 * language server runs in a second worker with the same engine and providers
 * as on the desktop, so notes get diagnostics as you type, completion, hover,
 * quick fixes, the outline and goal navigation. The rest (preview, timeline,
 * New Note, export, config discovery, the visit index) comes once the engine
 * reads files through `workspace.fs`; docs/extension.md says what works where.
 */
import { HOST_UPTIME_AT_LOAD, LOAD_START } from './load-start.ts';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/browser.js';
import { ActivationTiming, type TimingSnapshot } from '../timing.ts';
import { createWebLanguageClient, startWorker } from './language-client.ts';

const EVALUATED = performance.now();

/** What the browser entry's `activate` returns: used by the web test phase. */
export interface VisitNotesWebApi {
  /** Which build is running: this one is `browser`. */
  readonly build: 'browser';
  timing(): TimingSnapshot;
  whenFirstDiagnostics(): Promise<void>;
  languageClient(): Promise<LanguageClient | undefined>;
}

export function activate(context: vscode.ExtensionContext): VisitNotesWebApi {
  const output = vscode.window.createOutputChannel('Visit Notes');
  const timing = new ActivationTiming({ loadStart: LOAD_START, hostUptimeAtLoad: HOST_UPTIME_AT_LOAD, evaluated: EVALUATED }, output);
  let client: LanguageClient | undefined;
  const started = startWorker(context.extensionUri)
    .then((worker) => {
      client = createWebLanguageClient(worker, output, timing);
      return client.start();
    })
    .then(
      () => timing.serverReady(),
      (err: unknown) => {
        output.appendLine(`The language server did not start: ${(err as Error)?.message ?? String(err)}`);
        void vscode.window.showErrorMessage('Visit Notes: the language server did not start. See Output → Visit Notes.');
      },
    );
  context.subscriptions.push(output, { dispose: () => void client?.dispose(2000) });
  timing.activated();
  return {
    build: 'browser',
    timing: () => timing.value,
    whenFirstDiagnostics: () => timing.whenFirstDiagnostics(),
    languageClient: async () => {
      await started;
      return client?.isRunning() ? client : undefined;
    },
  };
}
