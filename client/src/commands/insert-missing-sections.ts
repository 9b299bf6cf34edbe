/**
 * `Visit Notes: Insert Missing Sections`: adds every section the note's
 * template requires and the note lacks, each at its template position (the
 * `required-section` rule's own fix, applied until nothing is missing), as one
 * undoable edit. The clinical content stays the clinician's to write.
 */
import * as vscode from 'vscode';
import { loadEngine, type NoteEngine } from '../note-engine.ts';
import { minimalEdit } from '../note-names.ts';

export async function insertMissingSections(engine: NoteEngine, editor = vscode.window.activeTextEditor): Promise<number> {
  if (!editor) return 0;
  const document = editor.document;
  const config = await engine.configFor(document.uri);
  const text = document.getText();
  const { fixAll } = await loadEngine();
  const result = fixAll(text, { config, only: ['required-section'] });
  if (result.text === text) {
    void vscode.window.showInformationMessage('Visit Notes: no required section is missing.');
    return 0;
  }
  const edit = minimalEdit(text, result.text);
  const ok = await editor.edit((b) =>
    b.replace(new vscode.Range(document.positionAt(edit.start), document.positionAt(edit.end)), edit.text),
  );
  return ok ? result.fixedCount : 0;
}
