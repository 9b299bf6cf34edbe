/// <reference types="mocha" />
/**
 * Visit Notes in a real VS Code web workbench: the extension's browser build in
 * the web worker extension host, its language server in a worker of its own.
 * Measures web activation → first diagnostics on a typical note (logged as
 * VISITNOTES_TIMING for the harness; reported, not asserted).
 */
import * as vscode from 'vscode';
import type { VisitNotesWebApi } from '../../../client/src/web/extension.ts';
import { diagnostics, EXTENSION_ID, open, positionOf, waitFor } from '../suite/helpers.ts';
import { equal, match, ok } from './assert.ts';

/** Web worker globals, as far as these tests look at them (the suite is typed against Node's globals). */
const scope = globalThis as unknown as { WorkerGlobalScope?: new () => unknown; process?: { versions?: { node?: string } } };

function extension(): vscode.Extension<VisitNotesWebApi> {
  const ext = vscode.extensions.getExtension<VisitNotesWebApi>(EXTENSION_ID);
  ok(ext, `${EXTENSION_ID} is loaded`);
  return ext;
}

const revert = () => vscode.commands.executeCommand('workbench.action.files.revert');

suite('Visit Notes in the browser', () => {
  suiteTeardown(async () => {
    await revert();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the browser build activates in the web worker extension host and lints the opened note', async () => {
    // This module runs in the extension's own host (VS Code picks the host by the tests' folder).
    ok(typeof scope.WorkerGlobalScope === 'function' && globalThis instanceof scope.WorkerGlobalScope, 'a web worker');
    equal(scope.process?.versions?.node, undefined, 'no Node');
    const ext = extension();
    equal(ext.extensionKind, vscode.ExtensionKind.UI, 'runs beside the UI, not in the remote (Node) extension host');
    equal(ext.isActive, false, 'no note open yet and no config in the workspace: not activated');

    const opened = performance.now();
    const editor = await open('typical.visit.md');
    equal(editor.document.languageId, 'visitnote');
    await waitFor('activation', () => ext.isActive, 20000);
    const a = ext.exports;
    equal(a.build, 'browser', 'the manifest’s browser entry, not main');
    await Promise.race([a.whenFirstDiagnostics(), new Promise((_, no) => setTimeout(() => no(new Error('no diagnostics in 20 s')), 20000))]);
    const shown = await waitFor('diagnostics in Problems', () => diagnostics(editor.document.uri).length > 0 && diagnostics(editor.document.uri));
    const t = a.timing();
    const s = a.serverStartup();
    const since = (mark: number | undefined) => (mark === undefined ? null : Math.round(mark - t.activateStart));
    const result = {
      label: 'web',
      openToFirstDiagnosticsMs: Math.round(t.firstServerDiagnostics! - opened),
      activateToFirstDiagnosticsMs: Math.round(t.firstServerDiagnostics! - t.activateStart),
      loadToFirstDiagnosticsMs: Math.round(t.firstServerDiagnostics! - t.loadStart),
      loadToActivateEndMs: Math.round((t.activateEnd ?? t.activateStart) - t.loadStart),
      loadToServerReadyMs: t.serverReady ? Math.round(t.serverReady - t.loadStart) : null,
      // From activate(): the server's worker started, `initialize` answered.
      activateToWorkerStartedMs: since(s.workerStarted),
      activateToServerInitializedMs: since(s.initialized),
      evaluateMs: Math.round(t.evaluated - t.loadStart),
      hostUptimeAtLoadMs: t.hostUptimeAtLoad,
      findings: shown.length,
      vscodeVersion: vscode.version,
    };
    console.log(`VISITNOTES_TIMING ${JSON.stringify(result)}`);
    ok(result.activateToFirstDiagnosticsMs > 0);
  });

  test('diagnostics follow typing', async () => {
    const editor = await open('bad.visit.md');
    const uri = editor.document.uri;
    const missing = await waitFor('required-section diagnostic', () => diagnostics(uri, 'required-section')[0]);
    match(missing.message, /Countertransference/);
    const others = diagnostics(uri).filter((d) => d !== missing).length;
    ok(others > 0, 'the note has other findings too');
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    await editor.edit((b) => b.insert(end, '\n\n## Countertransference\nI noticed I wanted to reassure him quickly about the weight.\n'));
    await waitFor('required-section to go away', () => diagnostics(uri, 'required-section').length === 0);
    ok(diagnostics(uri).length > 0, 'other diagnostics stay');
    await revert();
    await waitFor('required-section back after reverting', () => diagnostics(uri, 'required-section').length > 0);
  });

  test('completion after [ lists the note’s goals; hover on a reference shows the goal', async () => {
    const editor = await open('bad.visit.md');
    const doc = editor.document;
    const at = positionOf(doc, 'Meaning: Worried');
    await editor.edit((b) => b.insert(doc.lineAt(at.line).range.end, ' [G'));
    const pos = doc.lineAt(at.line).range.end;
    await waitFor('goal completions', async () => {
      const r = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, pos, '[');
      const labels = r.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      return labels.some((l) => l.includes('G1')) && labels.some((l) => l.includes('G2'));
    });
    await revert();
    const ref = positionOf(editor.document, 'drive [G1]', 8);
    const hovers = await waitFor('hover', async () => {
      const h = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, ref);
      return h.length > 0 && h;
    });
    const text = hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
    match(text, /Drive up to visit his son/);
  });

  test('a quick fix applies and removes its diagnostic', async () => {
    const editor = await open('bad.visit.md');
    const uri = editor.document.uri;
    const d = await waitFor('required-section diagnostic', () => diagnostics(uri, 'required-section')[0]);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value, 10);
    const fix = actions.find((a) => /Insert section "Countertransference"/.test(a.title) && a.edit);
    ok(fix?.edit, `a quick fix for required-section among: ${actions.map((a) => a.title).join(' | ')}`);
    ok(await vscode.workspace.applyEdit(fix.edit));
    match(editor.document.getText(), /^## Countertransference/m);
    await waitFor('required-section to go away after the fix', () => diagnostics(uri, 'required-section').length === 0);
    await revert();
  });
});
