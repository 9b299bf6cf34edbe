/**
 * The language client as the parts shared by the desktop and the browser
 * builds see it: ServerHandle (a Node process) or the browser's worker client.
 */
import type * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';

export interface ClientSource {
  /** The running client, once started (undefined when it failed to start). */
  ready(): Promise<BaseLanguageClient | undefined>;
  /** Fires when a (re)started server is running. */
  readonly onDidStart: vscode.Event<void>;
}
