/**
 * Cold-start timing: from the moment the extension bundle starts loading to the
 * first diagnostics report for a note (pulled or pushed). Logged to the output
 * channel and exposed through the extension's API for the test harness.
 */
import type * as vscode from 'vscode';

export interface TimingSnapshot {
  /** performance.now() when the bundle started loading. */
  loadStart: number;
  /** Milliseconds the extension host had been up at that moment (a busy, just-started host is slower). */
  hostUptimeAtLoad: number;
  /** When the bundle's modules had all been evaluated. */
  evaluated: number;
  /** When activate() was entered and when it returned. */
  activateStart: number;
  activateEnd?: number;
  /** When the language client reported Running. */
  serverReady?: number;
  /** When the first diagnostics for a note were shown (from either source). */
  firstDiagnostics?: number;
  firstDiagnosticsSource?: 'early' | 'server';
  /** When the language server's first diagnostics report for a note arrived. */
  firstServerDiagnostics?: number;
  firstDiagnosticsUri?: string;
}

export class ActivationTiming {
  private readonly snapshot: TimingSnapshot;
  private readonly waiters: (() => void)[] = [];

  constructor(
    marks: { loadStart: number; hostUptimeAtLoad: number; evaluated: number },
    private readonly output: vscode.OutputChannel,
  ) {
    this.snapshot = { ...marks, activateStart: performance.now() };
  }

  get value(): Readonly<TimingSnapshot> {
    return { ...this.snapshot };
  }

  activated(): void {
    this.snapshot.activateEnd ??= performance.now();
  }

  serverReady(): void {
    if (this.snapshot.serverReady !== undefined) return;
    this.snapshot.serverReady = performance.now();
    this.output.appendLine(`Language server ready ${ms(this.snapshot.serverReady - this.snapshot.loadStart)} after the extension started loading.`);
  }

  /** Diagnostics for a note were shown: `early` from the bundled engine, `server` from the language server. */
  diagnosticsReported(uri: string, source: 'early' | 'server'): void {
    const s = this.snapshot;
    const now = performance.now();
    if (s.firstDiagnostics === undefined) {
      s.firstDiagnostics = now;
      s.firstDiagnosticsSource = source;
      s.firstDiagnosticsUri = uri;
      this.output.appendLine(
        `First diagnostics (${source}) ${ms(now - s.loadStart)} after the extension started loading ` +
          `(activate() took ${ms((s.activateEnd ?? now) - s.activateStart)}).`,
      );
    }
    if (source === 'server' && s.firstServerDiagnostics === undefined) {
      s.firstServerDiagnostics = now;
      this.output.appendLine(`First diagnostics from the language server ${ms(now - s.loadStart)} after the extension started loading.`);
      for (const w of this.waiters.splice(0)) w();
    }
  }

  /** Resolves once the language server's first diagnostics report has arrived. */
  whenFirstDiagnostics(): Promise<void> {
    if (this.snapshot.firstServerDiagnostics !== undefined) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}

function ms(n: number): string {
  return `${Math.round(n)} ms`;
}
