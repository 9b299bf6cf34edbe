/**
 * The server's watchdog (issue 16 item 4), over JSON-RPC: a large note is tried
 * in a worker with the time budget first; one that runs past it gets a single
 * fatal diagnostic, and while it runs the server answers requests on other
 * notes. A 60 MB document is refused before parsing and does not block either.
 * The budget is made small (VISITNOTES_NOTE_TIMEOUT) and the slow note made
 * slow on purpose (VISITNOTES_TEST_SLOW_NOTE, a test seam); only the order of
 * events is asserted, never a time.
 */
import { afterAll as after, beforeAll as before, test } from 'vitest';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { fileUri, tempWorkspace, TestClient } from './client.ts';
import { CLEAN, FIRST_VISIT, secondVisit } from './notes.ts';

const MARKER = 'SPIN-FOR-THE-WATCHDOG';
const TOO_SLOW = 'Took too long to lint (over 3 s); not linted. Please report this (without the note): it should not happen.';
const HEAD = '---\npatient: A.B.\ndate: 2026-03-04\nvisit: follow-up\n---\n\n## Story\n\n';
/** Over the watchdog's 256 KB threshold. */
const LARGE_BODY = 'An ordinary paragraph of the story, told again.\n\n'.repeat(6_000);

let client: TestClient;
let ws: ReturnType<typeof tempWorkspace>;
before(async () => {
  ws = tempWorkspace();
  client = await TestClient.start({ workspace: ws.dir, env: { VISITNOTES_NOTE_TIMEOUT: '3', VISITNOTES_TEST_SLOW_NOTE: MARKER } });
});
after(async () => {
  await client.shutdown();
  ws.cleanup();
});

test('a slow large note gets one fatal diagnostic; other notes are answered meanwhile', async () => {
  const events: string[] = [];
  const slow = fileUri(path.join(ws.dir, 'slow.visit.md'));
  const clean = fileUri(path.join(ws.dir, 'clean.visit.md'));
  const slowPublished = client.waitForDiagnostics(slow, () => true, 90_000).then((p) => {
    events.push('slow diagnostics');
    return p;
  });
  await client.open(slow, HEAD + MARKER + '\n\n' + LARGE_BODY);
  await client.open(clean, CLEAN);
  const symbols = await client.request<{ name: string }[]>('textDocument/documentSymbol', { textDocument: { uri: clean } });
  events.push('clean symbols');
  assert.ok(symbols.some((s) => s.name === 'Story'), JSON.stringify(symbols));
  const cleanPublished = await client.waitForDiagnostics(clean, () => true, 60_000, 0);
  events.push('clean diagnostics');
  assert.deepEqual(cleanPublished.diagnostics, []);

  const published = await slowPublished;
  assert.deepEqual(events, ['clean symbols', 'clean diagnostics', 'slow diagnostics'], 'the clean note was answered while the slow one ran');
  assert.deepEqual(published.diagnostics.map((d) => [d.message, d.severity, d.code]), [[TOO_SLOW, 1, undefined]]);
  // Requests on the stopped note answer from its empty model instead of parsing it here.
  const slowSymbols = await client.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri: slow } });
  assert.deepEqual(slowSymbols, []);
}, 120_000);

test('a large note that is not slow is linted as usual (the worker only vouches for it)', async () => {
  // The default budget here: under load, a 300 KB note can take the test server's 3 s in a fresh worker.
  const relaxed = await TestClient.start({ workspace: ws.dir, env: { VISITNOTES_TEST_SLOW_NOTE: MARKER } });
  try {
    const uri = fileUri(path.join(ws.dir, 'large.visit.md'));
    await relaxed.open(uri, HEAD + LARGE_BODY);
    const published = await relaxed.waitForDiagnostics(uri, () => true, 90_000);
    const codes = published.diagnostics.map((d) => d.code);
    assert.ok(codes.includes('required-section'), codes.join(', '));
    assert.ok(!published.diagnostics.some((d) => /Took too long/.test(d.message)));
  } finally {
    await relaxed.shutdown();
  }
}, 120_000);

test('a keystroke in a large note that was linted is not sent to the worker again', async () => {
  // If the edited version were probed, the marker it inserts would spin the worker
  // past its budget and the note would get the fatal diagnostic instead of its findings.
  const relaxed = await TestClient.start({ workspace: ws.dir, env: { VISITNOTES_TEST_SLOW_NOTE: MARKER } });
  try {
    const uri = fileUri(path.join(ws.dir, 'typed.visit.md'));
    await relaxed.open(uri, HEAD + LARGE_BODY);
    await relaxed.currentDiagnostics(uri, 90_000);
    await relaxed.change(uri, [{ range: { start: { line: 7, character: 0 }, end: { line: 7, character: 0 } }, text: MARKER + ' ' }]);
    const published = await relaxed.currentDiagnostics(uri, 90_000);
    const codes = published.diagnostics.map((d) => d.code);
    assert.ok(codes.includes('required-section'), codes.join(', '));
    assert.ok(!published.diagnostics.some((d) => /Took too long/.test(d.message)));
  } finally {
    await relaxed.shutdown();
  }
}, 120_000);

test.each([
  ['pushed', false],
  ['pulled', true],
] as const)("a large note's first diagnostics, %s, come from the worker with its history: the server's own, cross-visit findings included", async (_, pull) => {
  const visits = tempWorkspace('vn-watchdog-visits-');
  writeFileSync(path.join(visits.dir, '2026-01-08.visit.md'), FIRST_VISIT);
  const relaxed = await TestClient.start({ workspace: visits.dir, pull, env: { VISITNOTES_TEST_SLOW_NOTE: MARKER } });
  try {
    const uri = fileUri(path.join(visits.dir, '2026-02-05.visit.md'));
    const diagnostics = async () =>
      pull
        ? (await relaxed.request<{ items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } })).items
        : (await relaxed.currentDiagnostics(uri, 90_000)).diagnostics;
    // The workspace scan has indexed the earlier visit (this request waits for it).
    await relaxed.request('visitNotes/patientKeys', { uri, patient: 'T.B.' });
    await relaxed.open(uri, secondVisit(LARGE_BODY));
    const fromWorker = await diagnostics();
    const codes = fromWorker.map((d) => String(d.code));
    assert.ok(codes.includes('goal-continuity') && codes.includes('medication-continuity'), codes.join(', '));
    // The same text linted on the server's own thread: an edit and its undo are small
    // edits of the parsed note, never probed (with the marker in, a probe would spin).
    const at = { line: 9, character: 0 };
    await relaxed.change(uri, [{ range: { start: at, end: at }, text: MARKER + ' ' }]);
    await relaxed.change(uri, [{ range: { start: at, end: { line: 9, character: MARKER.length + 1 } }, text: '' }]);
    const fromServer = await diagnostics();
    const withoutVersion = (ds: Diagnostic[]) => ds.map((d) => ({ ...d, data: { ...(d.data as object), version: 0 } }));
    assert.deepEqual(withoutVersion(fromServer), withoutVersion(fromWorker));
  } finally {
    await relaxed.shutdown();
    visits.cleanup();
  }
}, 120_000);

test('a 60 MB document is refused before parsing and another note is still answered', async () => {
  const huge = fileUri(path.join(ws.dir, 'huge.visit.md'));
  const clean = fileUri(path.join(ws.dir, 'clean2.visit.md'));
  const hugePublished = client.waitForDiagnostics(huge, () => true, 90_000);
  await client.open(huge, HEAD + 'A line of the story, again and again.\n'.repeat(1_600_000));
  await client.open(clean, CLEAN);
  const hover = await client.request<unknown>('textDocument/documentSymbol', { textDocument: { uri: clean } });
  assert.ok(Array.isArray(hover) && hover.length > 0);
  const published = await hugePublished;
  assert.equal(published.diagnostics.length, 1);
  assert.match(published.diagnostics[0]!.message, /^Too large to lint \(\d+\.\d MB; the limit is 4 MB per note\)/);
}, 120_000);

/**
 * The server as the VSIX ships it: only the dist/ files `.vscodeignore` lets into
 * the package (no node_modules: everything is bundled). Its watchdog needs piscina's
 * worker script beside the bundle; without it the worker never starts, the slow note
 * would be parsed on the server's own thread, and no fatal diagnostic would come.
 */
test('the server with only the files the VSIX ships still has its watchdog', async () => {
  const root = path.join(import.meta.dirname, '../..');
  const shipped = readFileSync(path.join(root, '.vscodeignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('!dist/') && !l.includes('*') && !l.startsWith('!dist/web/'))
    .map((l) => l.slice(1));
  assert.ok(shipped.includes('dist/server.js'), shipped.join(', '));
  const app = mkdtempSync(path.join(os.tmpdir(), 'visitnotes-vsix-server-'));
  try {
    for (const rel of [...shipped, 'package.json']) {
      mkdirSync(path.dirname(path.join(app, rel)), { recursive: true });
      copyFileSync(path.join(root, rel), path.join(app, rel));
    }
    const shippedClient = await TestClient.start({ workspace: ws.dir, server: path.join(app, 'dist/server.js'), env: { VISITNOTES_NOTE_TIMEOUT: '3', VISITNOTES_TEST_SLOW_NOTE: MARKER } });
    try {
      const slow = fileUri(path.join(ws.dir, 'slow-shipped.visit.md'));
      const published = shippedClient.waitForDiagnostics(slow, () => true, 45_000);
      await shippedClient.open(slow, HEAD + MARKER + '\n\n' + LARGE_BODY);
      assert.deepEqual((await published).diagnostics.map((d) => d.message), [TOO_SLOW]);
    } finally {
      shippedClient.child.kill();
    }
  } finally {
    rmSync(app, { recursive: true, force: true });
  }
}, 120_000);
