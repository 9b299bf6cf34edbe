/**
 * `Visit Notes: Lint Workspace`: every note under the workspace folders into
 * Problems, including notes that are not open. The server lists and lints
 * (visitNotes/listNotes, visitNotes/lintWorkspace); the client asks in batches
 * so it can show progress and stop between batches when cancelled. Results for
 * unopened notes live in their own collection; opening a note hands it back to
 * the server's live diagnostics.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import {
  LINT_WORKSPACE,
  LIST_NOTES,
  type LintWorkspaceParams,
  type LintWorkspaceResult,
  type ListNotesResult,
} from '../../../server/src/lsp/lint-workspace-protocol.ts';

const BATCH = 25;

export interface LintWorkspaceSummary {
  notes: number;
  linted: number;
  errors: number;
  warnings: number;
  infos: number;
  notesWithProblems: number;
  cancelled: boolean;
}

export class WorkspaceLinter implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('visitnotes-workspace');
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly client: () => Promise<LanguageClient | undefined>) {
    this.subscriptions = [
      this.collection,
      // An opened note gets live diagnostics from the server: drop the snapshot.
      vscode.workspace.onDidOpenTextDocument((doc) => this.collection.delete(doc.uri)),
    ];
  }

  async run(): Promise<LintWorkspaceSummary | undefined> {
    const client = await this.client();
    if (!client) {
      void vscode.window.showErrorMessage('Visit Notes: the language server is not running (see Output → Visit Notes).');
      return undefined;
    }
    const summary = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Visit Notes: linting notes', cancellable: true },
      (progress, token) => this.lintAll(client, progress, token),
    );
    const problems = summary.errors + summary.warnings + summary.infos;
    const text =
      `Visit Notes: ${summary.cancelled ? 'stopped after' : 'linted'} ${summary.linted} of ${summary.notes} notes — ` +
      (problems ? `${summary.errors} errors, ${summary.warnings} warnings, ${summary.infos} infos in ${summary.notesWithProblems} notes.` : 'no problems.');
    void vscode.window.showInformationMessage(text, ...(problems ? ['Show Problems'] : [])).then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
    });
    return summary;
  }

  private async lintAll(
    client: LanguageClient,
    progress: vscode.Progress<{ message?: string; increment?: number }>,
    token: vscode.CancellationToken,
  ): Promise<LintWorkspaceSummary> {
    const summary: LintWorkspaceSummary = { notes: 0, linted: 0, errors: 0, warnings: 0, infos: 0, notesWithProblems: 0, cancelled: false };
    progress.report({ message: 'finding notes…' });
    let listed: ListNotesResult;
    try {
      listed = await client.sendRequest<ListNotesResult>(LIST_NOTES, {}, token);
    } catch (err) {
      summary.cancelled = token.isCancellationRequested;
      if (!summary.cancelled) void vscode.window.showErrorMessage(`Visit Notes: could not list notes (${(err as Error)?.message ?? err}).`);
      return summary;
    }
    summary.notes = listed.uris.length;
    this.collection.clear();
    const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
    for (let i = 0; i < listed.uris.length; i += BATCH) {
      if (token.isCancellationRequested) break;
      const uris = listed.uris.slice(i, i + BATCH);
      let result: LintWorkspaceResult;
      try {
        result = await client.sendRequest<LintWorkspaceResult>(LINT_WORKSPACE, { uris } satisfies LintWorkspaceParams, token);
      } catch {
        break; // cancelled, or the server went away: keep what we have
      }
      for (const r of result.results) {
        const uri = client.protocol2CodeConverter.asUri(r.uri);
        const diagnostics = await client.protocol2CodeConverter.asDiagnostics(r.diagnostics as never[]);
        for (const d of diagnostics) {
          if (d.severity === vscode.DiagnosticSeverity.Error) summary.errors++;
          else if (d.severity === vscode.DiagnosticSeverity.Warning) summary.warnings++;
          else summary.infos++;
        }
        if (diagnostics.length) summary.notesWithProblems++;
        // Open notes already show the server's live diagnostics.
        if (!open.has(uri.toString())) this.collection.set(uri, diagnostics);
        summary.linted++;
      }
      progress.report({ increment: (100 * uris.length) / listed.uris.length, message: `${summary.linted} of ${summary.notes} notes` });
    }
    summary.cancelled = token.isCancellationRequested;
    return summary;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
