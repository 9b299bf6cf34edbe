/**
 * Which open documents are notes. `visitnote` documents and `*.visit.md` files
 * always are; for other Markdown the language server decides from the config's
 * `include`/`ignore` globs (visitNotes/isNote), and the answer is cached until
 * a config file changes.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { isNoteFileName } from '../../server/src/engine/workspace/note-files.ts';
import { IS_NOTE, type IsNoteParams, type IsNoteResult } from '../../server/src/lsp/lint-workspace-protocol.ts';

export class NoteDetector {
  private readonly answers = new Map<string, Promise<boolean>>();

  constructor(private readonly client: () => Promise<BaseLanguageClient | undefined>) {}

  /** Certain without asking the server. */
  static isNoteByName(document: vscode.TextDocument): boolean {
    return document.languageId === 'visitnote' || isNoteFileName(document.uri.path);
  }

  isNote(document: vscode.TextDocument): Promise<boolean> {
    if (NoteDetector.isNoteByName(document)) return Promise.resolve(true);
    if (document.languageId !== 'markdown') return Promise.resolve(false);
    const key = document.uri.toString();
    let answer = this.answers.get(key);
    if (!answer) {
      answer = this.ask(document);
      this.answers.set(key, answer);
    }
    return answer;
  }

  /** Config changed or the server restarted: ask again. */
  invalidate(): void {
    this.answers.clear();
  }

  private async ask(document: vscode.TextDocument): Promise<boolean> {
    try {
      const client = await this.client();
      if (!client) return false;
      const params: IsNoteParams = { uri: document.uri.toString(), languageId: document.languageId };
      const result = await client.sendRequest<IsNoteResult>(IS_NOTE, params);
      return !!result?.isNote;
    } catch {
      this.answers.delete(document.uri.toString()); // a later call may succeed
      return false;
    }
  }
}
