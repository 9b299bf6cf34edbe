/**
 * Owns the language client's lifecycle: start at activation, restart on demand
 * (command, or a setting that changes how the client was built), stop on
 * dispose. Start failures are reported once, never thrown into activation.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node.js';
import { createLanguageClient, type DiagnosticsListener } from './language-client.ts';
import type { ActivationTiming } from './timing.ts';

export class ServerHandle implements vscode.Disposable {
  private current: LanguageClient | undefined;
  private starting: Promise<void> | undefined;
  private readonly restarted = new vscode.EventEmitter<void>();
  /** Fires when a (re)started server is running. */
  readonly onDidStart = this.restarted.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly output: vscode.OutputChannel,
    private readonly timing: ActivationTiming,
    private readonly onDiagnostics: DiagnosticsListener = () => {},
  ) {}

  get client(): LanguageClient | undefined {
    return this.current;
  }

  start(): Promise<void> {
    if (this.starting) return this.starting;
    const client = createLanguageClient(this.context, this.output, this.timing, this.onDiagnostics);
    this.current = client;
    this.starting = client.start().then(
      () => {
        this.timing.serverReady();
        this.restarted.fire();
      },
      (err: unknown) => {
        this.output.appendLine(`The language server did not start: ${(err as Error)?.message ?? String(err)}`);
        void vscode.window.showErrorMessage('Visit Notes: the language server did not start. See Output → Visit Notes.');
      },
    );
    return this.starting;
  }

  /** The running client, once started (undefined when it failed to start). */
  async ready(): Promise<LanguageClient | undefined> {
    await (this.starting ?? this.start());
    return this.current?.isRunning() ? this.current : undefined;
  }

  async restart(): Promise<void> {
    const old = this.current;
    this.current = undefined;
    this.starting = undefined;
    if (old) {
      try {
        await old.dispose(2000);
      } catch {
        // already stopped or crashed: start a fresh one anyway
      }
    }
    await this.start();
  }

  dispose(): void {
    void this.current?.dispose(2000);
    this.restarted.dispose();
  }
}
