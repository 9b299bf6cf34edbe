/**
 * First diagnostics before the language server is up. Starting a Node process
 * and loading the server takes a few hundred milliseconds; meanwhile the engine
 * bundled into the extension lints the `*.visit.md` notes already open (same
 * engine, same config lookup) and shows the result. As soon as the server
 * reports on a note, its diagnostics (with quick fixes, related locations and
 * cross-visit rules) replace these; notes opened later go straight to the
 * server. If the server cannot start, these stay as a fallback.
 */
import * as vscode from 'vscode';
import type { Finding } from '../../server/src/engine/index.ts';
import { DIAGNOSTIC_SOURCE, type Engine, type NoteEngine } from './note-engine.ts';
import { NoteDetector } from './notes.ts';
import type { ActivationTiming } from './timing.ts';

const SEVERITY = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
} as const;

/** The same conversion as the server's to-diagnostic.ts, minus fix data (quick fixes come from the server). */
export function toDiagnostic(document: vscode.TextDocument, f: Finding, engine: Engine): vscode.Diagnostic {
  const range = new vscode.Range(document.positionAt(f.range.start), document.positionAt(f.range.end));
  const d = new vscode.Diagnostic(range, f.message, SEVERITY[f.severity]);
  d.source = DIAGNOSTIC_SOURCE;
  d.code = { value: f.ruleId, target: vscode.Uri.parse(engine.ruleDocsUrl(f.ruleId)) };
  if (f.unnecessary) d.tags = [vscode.DiagnosticTag.Unnecessary];
  return d;
}

export class EarlyDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('visitnotes-early');
  private readonly handedOver = new Set<string>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly engine: NoteEngine,
    private readonly timing: ActivationTiming,
    /** True once the language server runs: from then on it owns every note. */
    private readonly serverRunning: () => boolean,
  ) {
    this.subscriptions = [
      this.collection,
      vscode.workspace.onDidOpenTextDocument((d) => void this.lint(d)),
      vscode.workspace.onDidChangeTextDocument((e) => void this.lint(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => this.collection.delete(d.uri)),
    ];
    for (const d of vscode.workspace.textDocuments) void this.lint(d);
  }

  /** The server reported on `uri`: its diagnostics replace ours. */
  handOver(uri: string): void {
    this.handedOver.add(uri);
    this.collection.delete(vscode.Uri.parse(uri));
  }

  private async lint(document: vscode.TextDocument): Promise<void> {
    const key = document.uri.toString();
    if (this.serverRunning() || this.handedOver.has(key) || !NoteDetector.isNoteByName(document)) return;
    const version = document.version;
    try {
      const analysis = await this.engine.parse(document);
      const findings = this.engine.lint(analysis);
      if (this.serverRunning() || this.handedOver.has(key) || document.isClosed || document.version !== version) return;
      this.collection.set(document.uri, findings.map((f) => toDiagnostic(document, f, analysis.engine)));
      this.timing.diagnosticsReported(key, 'early');
    } catch {
      // the server will report
    }
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
