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
import type { Diagnostic as LspDiagnostic, Range as LspRange } from 'vscode-languageserver-protocol';
import { loadDiagnosticConversion } from './engine-loader.ts';
import type { NoteEngine } from './note-engine.ts';
import { NoteDetector } from './notes.ts';
import type { ActivationTiming } from './timing.ts';

/** The server's finding → diagnostic conversion, loaded with the engine from the server's bundle (not at activation). */
const conversion = loadDiagnosticConversion;

const asRange = (r: LspRange) => new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);

/**
 * An LSP diagnostic (made by the server's `toDiagnostic`, the one conversion)
 * as VS Code's: the protocol's mapping, as the language client does it, without
 * fix data (quick fixes come from the server) but with the finding's facts
 * (`data.details`: the status bar names missing sections from them).
 */
export function asVscodeDiagnostic(d: LspDiagnostic): vscode.Diagnostic {
  const out = new vscode.Diagnostic(asRange(d.range), d.message, (d.severity ?? 1) - 1);
  out.source = d.source;
  if (d.code !== undefined) out.code = d.codeDescription ? { value: d.code, target: vscode.Uri.parse(d.codeDescription.href) } : d.code;
  if (d.tags?.length) out.tags = d.tags.map((t) => (t === 1 ? vscode.DiagnosticTag.Unnecessary : vscode.DiagnosticTag.Deprecated));
  if (d.relatedInformation?.length) {
    out.relatedInformation = d.relatedInformation.map(
      (r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(vscode.Uri.parse(r.location.uri), asRange(r.location.range)), r.message),
    );
  }
  const details = (d.data as { details?: unknown } | undefined)?.details;
  if (details) Object.assign(out, { data: { details } });
  return out;
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
      const { toDiagnostic } = await conversion();
      if (this.serverRunning() || this.handedOver.has(key) || document.isClosed || document.version !== version) return;
      this.collection.set(document.uri, findings.map((f) => asVscodeDiagnostic(toDiagnostic(f, analysis.note, key, version))));
      this.timing.diagnosticsReported(key, 'early');
    } catch {
      // the server will report
    }
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
