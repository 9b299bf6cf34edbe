/// <reference types="mocha" />
/**
 * In the browser: what a clinician uses while writing, beyond diagnostics —
 * the preview, the timeline of the open note, New Note, export, Insert Missing
 * Sections, fix-all, rename, the outline, inlay hints and the snippets. The
 * preview, export and New Note are rendered by the language server's worker.
 */
import * as vscode from 'vscode';
import type { VisitNotesWebApi } from '../../../client/src/web/extension.ts';
import { diagnostics, EXTENSION_ID, open, positionOf, waitFor, workspaceUri } from '../suite/helpers.ts';
import { equal, match, ok } from './assert.ts';

async function api(): Promise<VisitNotesWebApi> {
  const ext = vscode.extensions.getExtension<VisitNotesWebApi>(EXTENSION_ID);
  ok(ext, `${EXTENSION_ID} is loaded`);
  return ext.activate();
}

const revert = () => vscode.commands.executeCommand('workbench.action.files.revert');
const closeAll = () => vscode.commands.executeCommand('workbench.action.closeAllEditors');

suite('Visit Notes in the browser: panels and commands', () => {
  teardown(async () => {
    await revert();
    await closeAll();
  });

  test('the preview renders the note with its goal map and follows edits', async () => {
    const editor = await open('typical.visit.md');
    equal(await vscode.commands.executeCommand<string>('visitNotes.openPreviewToSide'), 'visitNotes.preview');
    const a = await api();
    const html = await waitFor('preview HTML', () => a.previewHtml(editor.document.uri), 20000);
    match(html, /class="vn-map"/);
    match(html, /data-goal="G1"/);
    match(html, /Join the library/);
    match(html, /vn-private/, 'Countertransference shown, marked private');
    await vscode.window.showTextDocument(editor.document, editor.viewColumn);
    const goals = positionOf(editor.document, '- [G3]');
    await editor.edit((b) => b.insert(editor.document.lineAt(goals.line).range.end, '\n- [G4] Walk to the river on Saturdays.'));
    await waitFor('preview to show the new goal', () => a.previewHtml(editor.document.uri)?.includes('data-goal="G4"'));
  });

  test('the timeline of a patient with one note says so, with a strict CSP', async () => {
    await open('typical.visit.md');
    equal(await vscode.commands.executeCommand<string>('visitNotes.showTimeline'), 'visitNotes.timeline');
    const a = await api();
    const t = await waitFor('the one-visit timeline of L.D.', () => {
      const s = a.timeline();
      return s && s.state === 'timeline' && s.patient === 'L.D.' && s;
    }, 20000);
    equal(t.visits, 1);
    // The worker reads the workspace (stage 2): the desktop's notice, other notes would join.
    match(t.html, /Only this visit so far\./);
    match(t.html, /data-goal|Join the library/);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(t.html)?.[1]?.replaceAll('&#39;', "'") ?? '';
    match(csp, /^default-src 'none'; base-uri 'none'; form-action 'none'; style-src [^;]+ 'nonce-[A-Za-z0-9+/=]+'; img-src [^;]+; font-src [^;]+; script-src 'nonce-[A-Za-z0-9+/=]+'$/);
    equal(t.html.match(/<script/g)?.length, 1, 'one script, the extension’s own');
  });

  test('Export Note as HTML writes a self-contained page without the private section', async () => {
    await open('typical.visit.md');
    const target = workspaceUri('typical-export.html');
    try {
      const written = await vscode.commands.executeCommand<vscode.Uri>('visitNotes.exportHtml', { target, includePrivate: false });
      equal(written?.toString(), target.toString());
      const html = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
      match(html, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;[^"]*style-src &#39;sha256-[A-Za-z0-9+/=]+&#39;/);
      ok(!/<script/.test(html), 'no script');
      match(html, /Join the library/);
      ok(!/checked whether the increase was for her or for me/.test(html), 'Countertransference left out');
    } finally {
      await vscode.workspace.fs.delete(target).then(undefined, () => undefined);
    }
  });

  test('New Note creates a dated note from the template with a new patient key, and it lints', async () => {
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('visitNotes.newNote', {
      template: 'intake',
      patient: 'Q.A.',
      date: '2026-11-21',
      folder: workspaceUri(),
    });
    ok(editor, 'an editor');
    try {
      match(editor.document.uri.path, /\/2026-11-21-q-a\.visit\.md$/);
      const text = editor.document.getText();
      match(text, /^---\npatient: Q\.A\.\ndate: 2026-11-21\n/);
      match(text, /^patient-key: [0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{4}$/m);
      for (const section of ['Story', 'Relationships', 'Goals', 'Medication meaning', 'Countertransference']) match(text, new RegExp(`^## ${section}$`, 'm'));
      await waitFor('diagnostics on the new note', () => diagnostics(editor.document.uri).length > 0);
    } finally {
      await revert();
      await closeAll();
      await vscode.workspace.fs.delete(editor.document.uri);
    }
  });

  test('Insert Missing Sections and fix-all', async () => {
    const editor = await open('bad.visit.md');
    const uri = editor.document.uri;
    await waitFor('required-section diagnostic', () => diagnostics(uri, 'required-section').length > 0);
    const fixAll = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider', uri, new vscode.Range(0, 0, 0, 0), vscode.CodeActionKind.SourceFixAll.value,
    );
    ok(fixAll.some((a) => a.kind?.value.startsWith('source.fixAll') && a.edit), `a fix-all action among: ${fixAll.map((a) => a.title).join(' | ')}`);
    const inserted = await vscode.commands.executeCommand<number>('visitNotes.insertMissingSections');
    ok(inserted >= 1, `sections inserted: ${inserted}`);
    const text = editor.document.getText();
    match(text, /\n## Countertransference\n/);
    ok(text.indexOf('## Medication meaning') < text.indexOf('## Countertransference'), 'in template order');
    await waitFor('required-section gone', () => diagnostics(uri, 'required-section').length === 0);
  });

  test('rename a goal, the outline, inlay hints and the snippets', async () => {
    const editor = await open('typical.visit.md');
    const doc = editor.document;
    const before = (doc.getText().match(/\[G1\]/g) ?? []).length;
    const edit = await waitFor('rename edits', async () =>
      vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', doc.uri, positionOf(doc, '[G1]', 2), 'G7'),
    );
    ok(await vscode.workspace.applyEdit(edit));
    equal((doc.getText().match(/\[G7\]/g) ?? []).length, before, 'every G1 renamed');
    await revert();

    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
    const names = symbols.map((s) => s.name).join(' | ');
    for (const section of ['Story', 'Relationships', 'Goals', 'Medication meaning', 'Countertransference']) ok(names.includes(section), `${section} in the outline: ${names}`);

    const all = new vscode.Range(0, 0, doc.lineCount, 0);
    const hints = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', doc.uri, all);
    const labels = hints.map((h) => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('')));
    ok(labels.some((l) => /^Join the library/.test(l)), `a goal's text after [G1]: ${labels.join(' | ')}`);

    const end = doc.lineAt(doc.lineCount - 1).range.end;
    await editor.edit((b) => b.insert(end, '\n\nmed'));
    const at = doc.lineAt(doc.lineCount - 1).range.end;
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, at);
    ok(list.items.some((i) => i.kind === vscode.CompletionItemKind.Snippet && (typeof i.label === 'string' ? i.label : i.label.label) === 'med'), 'the `med` snippet');
  });
});
