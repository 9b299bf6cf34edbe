/**
 * `Visit Notes: Insert Missing Sections`: adds every section the note's
 * template requires and the note lacks, each at its template position (the
 * `required-section` rule's own fix, applied until nothing is missing), as one
 * undoable edit. The clinical content stays the clinician's to write.
 */
import * as vscode from 'vscode';
import { minimalEdit } from '../note-names.ts';

/** A note's text with every fix of the `only` rules applied (undefined: nothing to fix with). */
export type NoteFixer = (document: vscode.TextDocument, only: string[]) => Promise<{ text: string; fixedCount: number } | undefined>;

export async function insertMissingSections(fixer: NoteFixer, editor = vscode.window.activeTextEditor): Promise<number> {
  if (!editor) return 0;
  const document = editor.document;
  const text = document.getText();
  const result = await fixer(document, ['required-section']);
  if (!result || result.text === text) {
    void vscode.window.showInformationMessage('Visit Notes: no required section is missing.');
    return 0;
  }
  const edit = minimalEdit(text, result.text);
  const ok = await editor.edit((b) =>
    b.replace(new vscode.Range(document.positionAt(edit.start), document.positionAt(edit.end)), edit.text),
  );
  return ok ? result.fixedCount : 0;
}
