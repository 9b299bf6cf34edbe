/**
 * The language server in the browser: a web worker this extension starts,
 * with the client over postMessage. Start at activation, restart on demand,
 * stop on dispose; a start failure is reported once, never thrown.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/browser.js';
import type { ClientSource } from '../client-source.ts';
import type { ActivationTiming } from '../timing.ts';
import { prefetchConfigReads } from './file-access.ts';
import { createWebLanguageClient, startWorker } from './language-client.ts';

export class WebServerHandle implements ClientSource, vscode.Disposable {
  private current: LanguageClient | undefined;
  private worker: { terminate(): void } | undefined;
  private starting: Promise<void> | undefined;
  private readonly started = new vscode.EventEmitter<void>();
  readonly onDidStart = this.started.event;
  /** When (performance.now()) the first start started the worker and had it answer `initialize`. */
  readonly marks: { workerStarted?: number; initialized?: number } = {};

  constructor(
    private readonly output: vscode.OutputChannel,
    private readonly timing: ActivationTiming,
  ) {}

  get client(): LanguageClient | undefined {
    return this.current;
  }

  start(): Promise<void> {
    const first = !this.marks.initialized;
    const mark = (name: keyof typeof this.marks) => first && (this.marks[name] = performance.now());
    this.starting ??= Promise.resolve()
      .then(async () => {
        const worker = startWorker();
        mark('workerStarted');
        this.worker = worker;
        // While the worker evaluates its script: the reads its first config lookup needs.
        const prefetched = await prefetchConfigReads().catch(() => ({}));
        this.current = createWebLanguageClient(worker, this.output, this.timing, prefetched);
        return this.current.start();
      })
      .then(
        () => {
          mark('initialized');
          this.timing.serverReady();
          this.started.fire();
        },
        (err: unknown) => {
          this.output.appendLine(`The language server did not start: ${(err as Error)?.message ?? String(err)}`);
          void vscode.window.showErrorMessage('Visit Notes: the language server did not start. See Output → Visit Notes.');
        },
      );
    return this.starting;
  }

  async ready(): Promise<LanguageClient | undefined> {
    await this.start();
    return this.current?.isRunning() ? this.current : undefined;
  }

  /** Stops the client and its worker, and starts fresh ones. */
  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  /** The browser's client asks the server to exit but leaves its worker running: end it here. */
  private async stop(): Promise<void> {
    const [client, worker] = [this.current, this.worker];
    this.current = this.worker = this.starting = undefined;
    await client?.dispose(2000).catch(() => {
      /* already stopped */
    });
    worker?.terminate();
  }

  dispose(): void {
    void this.stop();
    this.started.dispose();
  }
}
