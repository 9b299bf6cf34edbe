/**
 * Across visits over the protocol, the editing cases: an unsaved edit to an
 * earlier note re-lints the later one and closing it unsaved falls back to the
 * file on disk; a change on disk (watched files) re-lints; medication
 * continuity comes through as well as goal continuity. (The basic features —
 * diagnostics, completion, hover, custom requests — are in visits-protocol.test.ts.)
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CompletionList, PublishDiagnosticsParams, TextEdit } from 'vscode-languageserver-protocol';
import { applyTextEdits, fileUri, positionOf, tempWorkspace, TestClient } from './client.ts';
import { FIRST_VISIT, secondVisit } from './notes.ts';

const FIRST = FIRST_VISIT;
const SECOND = secondVisit();

const CROSS = ['goal-continuity', 'medication-continuity', 'goal-id-reuse'];
const cross = (p: PublishDiagnosticsParams) => p.diagnostics.filter((d) => CROSS.includes(String(d.code))).map((d) => String(d.code));

describe('continuity while editing', () => {
  let client: TestClient;
  let ws: ReturnType<typeof tempWorkspace>;
  let firstFile: string;
  let secondUri: string;

  beforeAll(async () => {
    ws = tempWorkspace('vn-lsp-visits-');
    firstFile = path.join(ws.dir, '2026-01-08.visit.md');
    writeFileSync(firstFile, FIRST);
    writeFileSync(path.join(ws.dir, '2026-02-05.visit.md'), SECOND);
    secondUri = fileUri(path.join(ws.dir, '2026-02-05.visit.md'));
    client = await TestClient.start({ workspace: ws.dir });
  });
  afterAll(async () => {
    await client.shutdown();
    ws.cleanup();
  });

  test('goal and medication continuity from the earlier note on disk', async () => {
    await client.open(secondUri, SECOND);
    const p = await client.waitForDiagnostics(secondUri, (x) => cross(x).length === 2, 15_000, 0);
    const found = p.diagnostics.filter((d) => CROSS.includes(String(d.code))).map((d) => [d.code, d.message.slice(0, 40), d.severity]);
    assert.deepEqual(found, [
      ['goal-continuity', 'G2 from the previous visit (2026-01-08) ', 3],
      ['medication-continuity', 'Propranolol (previous visit, 2026-01-08)', 3],
    ]);
  });

  test('completing [G on a new Goals line carries the pending goal forward', async () => {
    const text = SECOND.replace('- [G1] Drive her morning route again.', '- [G1] Drive her morning route again.\n- [G');
    await client.change(secondUri, [{ text }]);
    const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri: secondUri }, position: positionOf(text, '- [G\n', 4) });
    const item = list.items.find((i) => i.label === '[G2]' && String(i.detail).startsWith('carry forward'));
    assert.ok(item, JSON.stringify(list.items.map((i) => [i.label, i.detail])));
    assert.match(applyTextEdits(text, [item.textEdit as TextEdit]), /- \[G2\] Sing with the church choir on Sundays\.\n/);
    const since = client.published.length;
    await client.change(secondUri, [{ text: SECOND }]);
    await client.waitForDiagnostics(secondUri, (x) => x.version === client.version(secondUri) && cross(x).length === 2, 15_000, since);
  });

  test('an unsaved edit to the earlier note re-lints the later one; closing it unsaved restores the file', async () => {
    const firstUri = fileUri(firstFile);
    await client.open(firstUri, FIRST);
    const since = client.published.length;
    const edited = FIRST.replace('choir on Sundays.', 'choir on Sundays. (dropped: the choir disbanded)').replace('- Change: start\n- Rationale: Calmer', '- Change: stop\n- Rationale: Calmer');
    await client.change(firstUri, [{ text: edited }]);
    await client.waitForDiagnostics(secondUri, (x) => cross(x).length === 0, 15_000, since);
    const since2 = client.published.length;
    await client.close(firstUri);
    await client.waitForDiagnostics(secondUri, (x) => cross(x).length === 2, 15_000, since2);
  });

  test('a change on disk (watched files) re-lints the open notes of the patient', async () => {
    const since = client.published.length;
    writeFileSync(firstFile, FIRST.replace('choir on Sundays.', 'choir on Sundays. (met: sang at Easter)'));
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(firstFile), type: 2 }] });
    const p = await client.waitForDiagnostics(secondUri, (x) => cross(x).length === 1, 15_000, since);
    assert.deepEqual(cross(p), ['medication-continuity']);
  });
});
