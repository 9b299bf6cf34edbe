/**
 * `Visit Notes: Create Config File`: a starter `.visitnotes.yaml` at the root of
 * the workspace folder (or opens the existing one). Declarative only: nothing
 * in it can run code.
 */
import * as vscode from 'vscode';

export const STARTER_CONFIG = `# Visit Notes configuration: the editor, the CLI and CI all read this file.
# Presets: recommended (default), strict, training. Severity: error | warning | info | off.
extends: recommended

# Template for notes without a \`template:\` in their front matter.
defaultTemplate: follow-up

# Markdown files that are notes too (every *.visit.md already is).
# include:
#   - "notes/**/*.md"
# ignore:
#   - "notes/archive/**"

rules:
  # section-order: warning
  # story-clinical-jargon:
  #   severity: info
`;

export async function createConfig(): Promise<vscode.Uri | undefined> {
  const folder =
    (vscode.workspace.workspaceFolders?.length ?? 0) > 1
      ? await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Which folder holds your notes?' })
      : vscode.workspace.workspaceFolders?.[0];
  if (!folder) return undefined;
  for (const name of ['.visitnotes.yaml', '.visitnotes.yml', '.visitnotes.json']) {
    const existing = vscode.Uri.joinPath(folder.uri, name);
    try {
      await vscode.workspace.fs.stat(existing);
      await vscode.window.showTextDocument(existing);
      return existing;
    } catch {
      // not there
    }
  }
  const uri = vscode.Uri.joinPath(folder.uri, '.visitnotes.yaml');
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(STARTER_CONFIG));
  await vscode.window.showTextDocument(uri);
  return uri;
}
