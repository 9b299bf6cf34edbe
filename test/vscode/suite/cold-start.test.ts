/// <reference types="mocha" />
/**
 * The packaged extension (installed from the .vsix into a fresh profile):
 * activates on opening a note, starts its bundled server and reports
 * diagnostics. Measures cold activation: from the extension bundle starting to
 * load to the first diagnostics report, written for docs/performance.md.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { diagnostics, extension, open, waitFor } from './helpers.ts';

suite('Packaged extension, cold start', () => {
  test('not active before a note is opened; activates and lints on open', async () => {
    const ext = extension();
    assert.match(ext.extensionPath, /visit-notes\.visit-notes-\d/, `the installed copy, not the working tree: ${ext.extensionPath}`);
    assert.equal(ext.isActive, false, 'no note open yet, no config in the workspace: not activated');
    // "idle": open the note once the window has settled, as a user would; "startup": at once.
    const delay = Number(process.env.VISITNOTES_COLD_DELAY_MS ?? 0);
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    assert.equal(ext.isActive, false, 'still not activated');
    const opened = performance.now();
    const editor = await open('typical.visit.md');
    assert.equal(editor.document.languageId, 'visitnote');
    await waitFor('activation', () => ext.isActive, 20000);
    const a = ext.exports;
    await Promise.race([a.whenFirstDiagnostics(), new Promise((_, no) => setTimeout(() => no(new Error('no diagnostics in 20 s')), 20000))]);
    await waitFor('diagnostics in Problems', () => diagnostics(editor.document.uri).length > 0);
    await new Promise((r) => setTimeout(r, 300)); // let the hand-over settle
    const t = a.timing();
    const label = process.env.VISITNOTES_TIMING_LABEL ?? 'cold';
    const result = {
      label,
      openDelayMs: delay,
      openToFirstDiagnosticsMs: Math.round(t.firstDiagnostics! - opened),
      firstDiagnosticsSource: t.firstDiagnosticsSource,
      openToFirstServerDiagnosticsMs: Math.round(t.firstServerDiagnostics! - opened),
      loadToFirstDiagnosticsMs: Math.round(t.firstDiagnostics! - t.loadStart),
      loadToFirstServerDiagnosticsMs: Math.round(t.firstServerDiagnostics! - t.loadStart),
      hostUptimeAtLoadMs: t.hostUptimeAtLoad,
      evaluateMs: Math.round(t.evaluated - t.loadStart),
      evaluatedToActivateMs: Math.round(t.activateStart - t.evaluated),
      activateMs: Math.round((t.activateEnd ?? t.activateStart) - t.activateStart),
      loadToActivateEndMs: Math.round((t.activateEnd ?? t.activateStart) - t.loadStart),
      loadToServerReadyMs: t.serverReady ? Math.round(t.serverReady - t.loadStart) : null,
      trusted: vscode.workspace.isTrusted,
      vscodeVersion: vscode.version,
    };
    console.log(`VISITNOTES_TIMING ${JSON.stringify(result)}`);
    const dir = process.env.VISITNOTES_TEST_ARTIFACTS;
    if (dir) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, `activation-${label}.json`), JSON.stringify(result, null, 2) + '\n');
    }
    assert.ok(result.loadToFirstDiagnosticsMs > 0 && result.loadToFirstServerDiagnosticsMs >= result.loadToFirstDiagnosticsMs);
    // Once the server has reported, only its diagnostics remain (no duplicates from the early pass).
    const all = vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.source === 'visitnotes');
    const keys = all.map((d) => `${String(typeof d.code === 'object' ? d.code.value : d.code)}@${d.range.start.line}:${d.range.start.character}`);
    assert.equal(new Set(keys).size, keys.length, `no duplicate diagnostics: ${keys.join(', ')}`);
  });
});
