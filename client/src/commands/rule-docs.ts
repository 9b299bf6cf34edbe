/**
 * `Visit Notes: Show Rule Documentation`: the rule's page from docs/rules/
 * (shipped in the extension, shown in VS Code's Markdown preview), or the
 * online docs when the page is not bundled. Without an argument, pick a rule;
 * rules of the problems under the cursor come first.
 */
import * as vscode from 'vscode';
import type { RuleInfo } from '../../../server/src/lsp/web-protocol.ts';
import { ruleIdOf } from '../rule-id.ts';

export async function showRuleDocumentation(
  extensionUri: vscode.Uri,
  ruleId: unknown,
  catalog: () => Promise<RuleInfo[]>,
): Promise<string | undefined> {
  const rules = await catalog();
  const id = typeof ruleId === 'string' && rules.some((r) => r.id === ruleId) ? ruleId : await pickRule(rules);
  if (!id) return undefined;
  const page = vscode.Uri.joinPath(extensionUri, 'docs', 'rules', `${id}.md`);
  try {
    await vscode.workspace.fs.stat(page);
  } catch {
    const online = rules.find((r) => r.id === id)?.docsUrl;
    if (online) await vscode.env.openExternal(vscode.Uri.parse(online));
    return id;
  }
  try {
    await vscode.commands.executeCommand('markdown.showPreview', page);
  } catch {
    await vscode.window.showTextDocument(page, { preview: true });
  }
  return id;
}

async function pickRule(rules: readonly RuleInfo[]): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  const here = new Set<string>();
  if (editor) {
    for (const d of vscode.languages.getDiagnostics(editor.document.uri)) {
      const id = ruleIdOf(d);
      if (id && d.range.contains(editor.selection.active)) here.add(id);
    }
  }
  const items = rules.map((r) => ({
    label: r.id,
    description: here.has(r.id) ? 'at the cursor' : `${r.defaultSeverity}${r.fixable ? ', fixable' : ''}`,
    detail: r.description,
  })).sort((a, b) => Number(here.has(b.label)) - Number(here.has(a.label)));
  return (await vscode.window.showQuickPick(items, { placeHolder: 'Which rule?', matchOnDetail: true }))?.label;
}
