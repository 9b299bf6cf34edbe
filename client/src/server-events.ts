/**
 * What both builds do when their language server starts or its settings
 * change: notes are detected again (the server decides which files are notes)
 * and the status bar follows; a change to how diagnostics are pulled needs a new
 * client, so the server restarts.
 */
import * as vscode from 'vscode';
import type { NoteDetector } from './notes.ts';
import type { NoteHealthStatus } from './status-bar.ts';

export function followServer(
  server: { onDidStart: vscode.Event<void>; restart(): Promise<void> },
  notes: NoteDetector,
  status: NoteHealthStatus,
): vscode.Disposable[] {
  return [
    server.onDidStart(() => {
      notes.invalidate();
      void status.update();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      // How diagnostics are pulled is fixed when the client is built.
      if (e.affectsConfiguration('visitNotes.lint.run')) void server.restart();
    }),
  ];
}
