/// <reference types="mocha" />
/** The extension's own commands, end to end in the extension host. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, diagnostics, open, waitFor, workspaceUri } from './helpers.ts';

suite('Visit Notes commands', () => {
  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('New Note creates a dated note from the template, and it lints', async () => {
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('visitNotes.newNote', {
      template: 'intake',
      patient: 'Q.A.',
      date: '2026-11-21',
      folder: workspaceUri(),
    });
    assert.ok(editor, 'editor returned');
    assert.match(editor.document.uri.path, /\/2026-11-21-q-a\.visit\.md$/);
    const text = editor.document.getText();
    assert.match(text, /^---\npatient: Q\.A\.\ndate: 2026-11-21\n/);
    // A new random patient-key (no earlier Q.A. note carries one).
    assert.match(text, /^patient-key: [0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{4}$/m);
    assert.match(text, /^template: intake$/m);
    for (const section of ['Story', 'Relationships', 'Goals', 'Medication meaning', 'Safety', 'Plan', 'Countertransference']) {
      assert.match(text, new RegExp(`^## ${section}$`, 'm'));
    }
    await waitFor('diagnostics on the new note to settle', async () => {
      const all = diagnostics(editor.document.uri);
      return all.every((d) => d.severity !== vscode.DiagnosticSeverity.Error) ? true : undefined;
    });
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.workspace.fs.delete(editor.document.uri);
  });

  test('Insert Missing Sections adds each required section in template order', async () => {
    const editor = await open('bad.visit.md');
    await waitFor('required-section diagnostic', () => diagnostics(editor.document.uri, 'required-section').length > 0);
    const inserted = await vscode.commands.executeCommand<number>('visitNotes.insertMissingSections');
    assert.ok(inserted >= 1);
    const text = editor.document.getText();
    assert.match(text, /\n## Countertransference\n/);
    assert.ok(text.indexOf('## Medication meaning') < text.indexOf('## Countertransference'));
    await waitFor('required-section gone', () => diagnostics(editor.document.uri, 'required-section').length === 0);
  });

  test('Export writes a self-contained HTML file without the private section', async () => {
    await open('clean.visit.md');
    const target = workspaceUri('clean-export.html');
    const written = await vscode.commands.executeCommand<vscode.Uri>('visitNotes.exportHtml', { target, includePrivate: false });
    assert.equal(written?.toString(), target.toString());
    const html = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;/);
    assert.doesNotMatch(html, /<script/);
    assert.match(html, /Coach his daughter/);
    assert.doesNotMatch(html, /frustration with the slow pace/, 'Countertransference left out');
    await vscode.workspace.fs.delete(target);
  });

  test('Show Rule Documentation opens the rule page', async () => {
    const id = await vscode.commands.executeCommand<string>('visitNotes.showRuleDocumentation', 'required-section');
    assert.equal(id, 'required-section');
  });

  test('Restart Language Server brings diagnostics back', async () => {
    const editor = await open('bad.visit.md');
    await vscode.commands.executeCommand('visitNotes.restartServer');
    const client = await (await api()).languageClient();
    assert.ok(client?.isRunning());
    await waitFor('diagnostics after restart', () => diagnostics(editor.document.uri, 'frontmatter').length > 0);
  });
});
