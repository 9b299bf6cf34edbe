/// <reference types="mocha" />
/**
 * The extension inside a real VS Code: activation, diagnostics, language
 * features served by the language server over IPC, preview, workspace lint and
 * config re-lint. Runs in the extension host (see test/vscode/run.mjs).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, diagnostics, extension, open, positionOf, waitFor, workspaceUri } from './helpers.ts';

suite('Visit Notes in VS Code', () => {
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('opening a note activates the extension with the visitnote language', async () => {
    const editor = await open('bad.visit.md');
    assert.equal(editor.document.languageId, 'visitnote');
    await waitFor('activation', () => extension().isActive);
    const client = await (await api()).languageClient();
    assert.ok(client?.isRunning(), 'language server running');
  });

  test('diagnostics appear, and update after an edit', async () => {
    const editor = await open('bad.visit.md');
    const uri = editor.document.uri;
    const missing = await waitFor('required-section diagnostic', () => diagnostics(uri, 'required-section')[0]);
    assert.match(missing.message, /Countertransference/);
    assert.equal(missing.severity, vscode.DiagnosticSeverity.Error);
    await waitFor('frontmatter diagnostic for the misspelt key', () => diagnostics(uri, 'frontmatter')[0]);
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    await editor.edit((b) =>
      b.insert(end, '\n\n## Countertransference\nI noticed I wanted to reassure him quickly about the weight.\n'),
    );
    await waitFor('required-section to go away', () => diagnostics(uri, 'required-section').length === 0);
    assert.ok(diagnostics(uri, 'frontmatter').length > 0, 'other diagnostics stay');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('completion at [G lists the note’s goals', async () => {
    const editor = await open('clean.visit.md');
    const doc = editor.document;
    const at = positionOf(doc, 'Meaning: "Pills mean');
    const line = doc.lineAt(at.line);
    await editor.edit((b) => b.insert(line.range.end, ' [G'));
    const pos = doc.lineAt(at.line).range.end;
    const list = await waitFor('goal completions', async () => {
      const r = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, pos, '[');
      const labels = r.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      return labels.some((l) => l.includes('G1')) && labels.some((l) => l.includes('G2')) ? labels : undefined;
    });
    assert.ok(list.length >= 2);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('a quick fix applies and removes its diagnostic', async () => {
    const editor = await open('bad.visit.md');
    const uri = editor.document.uri;
    const d = await waitFor('required-section diagnostic', () => diagnostics(uri, 'required-section')[0]);
    // The 4th argument resolves lazily computed edits, as the light bulb does.
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value, 10);
    const fix = actions.find((a) => /Insert section "Countertransference"/.test(a.title) && (a.edit || a.command));
    assert.ok(fix, `a quick fix for required-section among: ${actions.map((a) => a.title).join(' | ')}`);
    if (fix.edit) assert.ok(await vscode.workspace.applyEdit(fix.edit));
    if (fix.command) await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
    assert.match(editor.document.getText(), /^## Countertransference/m);
    await waitFor('required-section to go away after the fix', () => diagnostics(uri, 'required-section').length === 0);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('renaming a goal updates every reference', async () => {
    const editor = await open('clean.visit.md');
    const doc = editor.document;
    const before = (doc.getText().match(/\[G1\]/g) ?? []).length;
    assert.ok(before >= 2, 'G1 is defined and referenced');
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', doc.uri, positionOf(doc, '[G1]', 2), 'G7');
    assert.ok(edit && edit.size > 0, 'rename produced edits');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const text = doc.getText();
    assert.equal((text.match(/\[G7\]/g) ?? []).length, before);
    assert.doesNotMatch(text, /\[G1\]/);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('the preview command opens the webview, and it follows edits', async () => {
    const editor = await open('clean.visit.md');
    const viewType = await vscode.commands.executeCommand<string>('visitNotes.openPreviewToSide');
    assert.equal(viewType, 'visitNotes.preview');
    const tab = await waitFor('preview tab', () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('visitNotes.preview')),
    );
    assert.match(tab.label, /clean\.visit\.md/);
    const a = await api();
    const html = await waitFor('preview HTML', () => a.previewHtml(editor.document.uri));
    assert.match(html, /class="vn-map"/);
    assert.match(html, /data-goal="G1"/);
    assert.match(html, /Coach his daughter/);
    assert.match(html, /vn-private/, 'Countertransference shown, marked private');
    const goals = positionOf(editor.document, '- [G2]');
    await vscode.window.showTextDocument(editor.document, editor.viewColumn);
    await editor.edit((b) => b.insert(editor.document.lineAt(goals.line).range.end, '\n- [G3] Walk the dog with his daughter on Sundays.'));
    await waitFor('preview to show the new goal', () => a.previewHtml(editor.document.uri)?.includes('data-goal="G3"'));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('Lint Workspace fills Problems for notes that are not open', async () => {
    const unopened = workspaceUri('unopened.visit.md');
    const included = workspaceUri('notes', 'markdown-note.md');
    const ignored = workspaceUri('notes', 'drafts', 'ignored.md');
    const readme = workspaceUri('README.md');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === unopened.toString()));
    assert.equal(diagnostics(unopened).length, 0, 'nothing before the command');
    const summary = await (await api()).lintWorkspace();
    assert.ok(summary && !summary.cancelled && summary.notes >= 4, `summary: ${JSON.stringify(summary)}`);
    assert.ok(diagnostics(unopened, 'required-section').length > 0, 'unopened note linted');
    assert.ok(diagnostics(included).length > 0, 'a Markdown note matched by include globs is linted');
    assert.equal(diagnostics(ignored).length, 0, 'ignored by config');
    assert.equal(diagnostics(readme).length, 0, 'plain Markdown is not a note');
  });

  test('editing the config re-lints open notes', async () => {
    const editor = await open('bad.visit.md');
    const uri = editor.document.uri;
    await waitFor('required-section diagnostic', () => diagnostics(uri, 'required-section').length > 0);
    const config = workspaceUri('.visitnotes.yaml');
    const original = await vscode.workspace.fs.readFile(config);
    try {
      const text = new TextDecoder().decode(original) + '\nrules:\n  required-section: "off"\n';
      await vscode.workspace.fs.writeFile(config, new TextEncoder().encode(text));
      await waitFor('required-section switched off by config', () => diagnostics(uri, 'required-section').length === 0, 20000);
    } finally {
      await vscode.workspace.fs.writeFile(config, original);
    }
    await waitFor('required-section back after restoring the config', () => diagnostics(uri, 'required-section').length > 0, 20000);
  });
});
