/**
 * `Visit Notes: Show Rule Documentation`: the rule's page from docs/rules/
 * (shipped in the extension, shown in VS Code's Markdown preview), or the
 * online docs when the page is not bundled. Without an argument, pick a rule;
 * rules of the problems under the cursor come first.
 */
import * as vscode from 'vscode';
import { loadEngine, ruleIdOf, type Engine } from '../note-engine.ts';

export async function showRuleDocumentation(extensionUri: vscode.Uri, ruleId?: unknown): Promise<string | undefined> {
  const engine = await loadEngine();
  const id = typeof ruleId === 'string' && engine.RULES.some((r) => r.id === ruleId) ? ruleId : await pickRule(engine);
  if (!id) return undefined;
  const page = vscode.Uri.joinPath(extensionUri, 'docs', 'rules', `${id}.md`);
  try {
    await vscode.workspace.fs.stat(page);
  } catch {
    await vscode.env.openExternal(vscode.Uri.parse(engine.ruleDocsUrl(id)));
    return id;
  }
  try {
    await vscode.commands.executeCommand('markdown.showPreview', page);
  } catch {
    await vscode.window.showTextDocument(page, { preview: true });
  }
  return id;
}

async function pickRule({ RULES }: Engine): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  const here = new Set<string>();
  if (editor) {
    for (const d of vscode.languages.getDiagnostics(editor.document.uri)) {
      const id = ruleIdOf(d);
      if (id && d.range.contains(editor.selection.active)) here.add(id);
    }
  }
  const items = RULES.map((r) => ({
    label: r.id,
    description: here.has(r.id) ? 'at the cursor' : `${r.defaultSeverity}${r.fixable ? ', fixable' : ''}`,
    detail: r.description,
  })).sort((a, b) => Number(here.has(b.label)) - Number(here.has(a.label)));
  return (await vscode.window.showQuickPick(items, { placeHolder: 'Which rule?', matchOnDetail: true }))?.label;
}
