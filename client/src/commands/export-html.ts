/**
 * `Visit Notes: Export Note as HTML`: the same rendering as `visitnotes export`,
 * one self-contained file for sharing. Countertransference is left out unless
 * the clinician explicitly includes it.
 */
import * as vscode from 'vscode';

export interface ExportArgs {
  target?: vscode.Uri;
  includePrivate?: boolean;
}

/** The export of a note: the page and how many identifiers were masked in it. */
export type NoteExporter = (document: vscode.TextDocument, includePrivate: boolean) => Promise<{ html: string; masked: number }>;

/**
 * Writes the file where the save dialog says: beside the note by default, in
 * the note's own file system (in the browser, the opened folder; the workbench's
 * dialog offers the rest).
 */
export async function exportHtml(exporter: NoteExporter, args: ExportArgs = {}): Promise<vscode.Uri | undefined> {
  const document = vscode.window.activeTextEditor?.document;
  if (!document) return undefined;
  let includePrivate = args.includePrivate;
  if (includePrivate === undefined) {
    const choice = await vscode.window.showQuickPick(
      [
        { label: 'Leave out Countertransference', description: 'recommended for sharing', include: false },
        { label: 'Include Countertransference', description: 'your private reflection goes into the file', include: true },
      ],
      { title: 'Export note as HTML', placeHolder: 'The Countertransference section is private' },
    );
    if (!choice) return undefined;
    includePrivate = choice.include;
  }
  const target =
    args.target ??
    (await vscode.window.showSaveDialog({
      defaultUri: document.uri.with({ path: document.uri.path.replace(/(\.visit)?\.md$/i, '') + '.html' }),
      filters: { HTML: ['html'] },
      title: 'Export note as HTML',
    }));
  if (!target) return undefined;
  const { html, masked } = await exporter(document, includePrivate);
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(html));
  const where = vscode.workspace.asRelativePath(target);
  if (masked > 0) {
    // Said even when called with a target: the person should know the copy differs from the note.
    void vscode.window.showWarningMessage(
      `Visit Notes: exported to ${where}; ${masked} direct identifier${masked === 1 ? ' was' : 's were'} replaced by [identifier] in the copy.`,
    );
  } else if (!args.target) void vscode.window.showInformationMessage(`Visit Notes: exported to ${where}.`);
  return target;
}
