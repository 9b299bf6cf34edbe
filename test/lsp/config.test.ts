/**
 * Config awareness: the nearest `.visitnotes.*` applies per note; adding or
 * editing a config (on disk via didChangeWatchedFiles, or in an open buffer)
 * re-lints open notes; a broken config shows one diagnostic on the config file
 * and a showMessage, and the last good config stays in effect.
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfigFor } from '../../server/src/engine/index.ts';
import { fileUri, tempWorkspace, TestClient } from './client.ts';
import { essentials, expectedDiagnostics } from './expect.ts';
import { PROBLEMS } from './notes.ts';

describe('config awareness', () => {
  let client: TestClient;
  let ws: ReturnType<typeof tempWorkspace>;
  let noteUri: string;
  let notePath: string;
  let configPath: string;
  let configUri: string;

  beforeAll(async () => {
    ws = tempWorkspace();
    mkdirSync(path.join(ws.dir, 'notes', '2026'), { recursive: true });
    notePath = path.join(ws.dir, 'notes', '2026', 'tb.visit.md');
    writeFileSync(notePath, PROBLEMS);
    noteUri = fileUri(notePath);
    configPath = path.join(ws.dir, '.visitnotes.yaml');
    configUri = fileUri(configPath);
    client = await TestClient.start({ workspace: ws.dir });
  });
  afterAll(async () => {
    await client.shutdown();
    ws.cleanup();
  });

  const watched = (type: 1 | 2 | 3) => client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type }] });
  const codes = (diags: { code?: unknown }[]) => new Set(diags.map((d) => d.code));

  test('registers file watchers for configs and notes', async () => {
    const deadline = Date.now() + 3000;
    while (!client.serverRequests.some((r) => r.method === 'client/registerCapability') && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    const reg = client.serverRequests.find((r) => r.method === 'client/registerCapability' && JSON.stringify(r.params).includes('didChangeWatchedFiles'));
    assert.ok(reg, 'watchers registered');
    assert.match(JSON.stringify(reg.params), /\.visitnotes\.\{yaml,yml,json\}/);
    // Every Markdown file (the config's `include` can make any a note) and `.gitignore` (it decides which the walk finds).
    assert.match(JSON.stringify(reg.params), /"\*\*\/\*\.md"/);
    assert.match(JSON.stringify(reg.params), /"\*\*\/\.gitignore"/);
  });

  test('with no config file, the recommended preset applies', async () => {
    await client.open(noteUri, PROBLEMS);
    const published = await client.currentDiagnostics(noteUri);
    assert.ok(codes(published.diagnostics).has('required-section'));
    assert.deepEqual(published.diagnostics.map(essentials), expectedDiagnostics(PROBLEMS));
  });

  test('adding a config file re-lints open notes with it', async () => {
    writeFileSync(configPath, 'rules:\n  required-section: off\n  unlinked-goal: warning\n');
    const since = client.published.length;
    await watched(1);
    const published = await client.waitForDiagnostics(noteUri, (p) => !codes(p.diagnostics).has('required-section'), 5000, since);
    const { config } = await loadConfigFor(notePath);
    assert.deepEqual(published.diagnostics.map(essentials), expectedDiagnostics(PROBLEMS, config));
    assert.ok(published.diagnostics.filter((d) => d.code === 'unlinked-goal').every((d) => d.severity === 2));
  });

  test('a broken config: one diagnostic on the config file, a showMessage, last good config kept', async () => {
    writeFileSync(configPath, 'rules:\n  required-section: [off\n  unlinked-goal: warning\n');
    const since = client.published.length;
    await watched(2);
    const onConfig = await client.waitForDiagnostics(configUri, (p) => p.diagnostics.length > 0, 5000, since);
    assert.equal(onConfig.diagnostics.length, 1);
    const d = onConfig.diagnostics[0]!;
    assert.equal(d.severity, 1);
    assert.equal(d.source, 'visitnotes');
    assert.match(d.message, /last good configuration/);
    const message = await client.waitForMessage((m) => m.message.includes('.visitnotes.yaml'));
    assert.equal(message.type, 1);
    assert.match(message.message, /last good configuration/);
    // The note re-lints under the last good config: still no required-section.
    const note = await client.waitForDiagnostics(noteUri, () => true, 5000, since);
    assert.ok(!codes(note.diagnostics).has('required-section'));
    // The server keeps serving.
    const hover = await client.request('textDocument/hover', { textDocument: { uri: noteUri }, position: { line: 12, character: 3 } });
    assert.ok(hover);
  });

  test('a schema problem is shown at its key', async () => {
    writeFileSync(configPath, 'rules:\n  required-section: off\n  unlinked-goal: loud\n');
    const since = client.published.length;
    await watched(2);
    const onConfig = await client.waitForDiagnostics(configUri, (p) => p.diagnostics.length > 0, 5000, since);
    assert.equal(onConfig.diagnostics.length, 1);
    assert.equal(onConfig.diagnostics[0]!.range.start.line, 2);
    assert.match(onConfig.diagnostics[0]!.message, /unlinked-goal/);
  });

  test('fixing the config clears its diagnostic', async () => {
    writeFileSync(configPath, 'rules:\n  required-section: off\n');
    const since = client.published.length;
    await watched(2);
    const cleared = await client.waitForDiagnostics(configUri, (p) => p.diagnostics.length === 0, 5000, since);
    assert.deepEqual(cleared.diagnostics, []);
  });

  test('editing an open config buffer re-lints notes before it is saved', async () => {
    await client.open(configUri, 'rules:\n  required-section: off\n', 'yaml');
    const since = client.published.length;
    await client.change(configUri, [{ text: 'rules:\n  required-section: error\n  unlinked-goal: off\n' }]);
    const published = await client.waitForDiagnostics(
      noteUri,
      (p) => codes(p.diagnostics).has('required-section') && !codes(p.diagnostics).has('unlinked-goal'),
      5000,
      since,
    );
    assert.ok(published.diagnostics.length > 0);
    await client.close(configUri);
  });

  test('deleting the config file returns to the recommended preset', async () => {
    const { rmSync } = await import('node:fs');
    rmSync(configPath);
    const since = client.published.length;
    await watched(3);
    const expected = JSON.stringify(expectedDiagnostics(PROBLEMS));
    const published = await client.waitForDiagnostics(noteUri, (p) => JSON.stringify(p.diagnostics.map(essentials)) === expected, 5000, since);
    assert.ok(codes(published.diagnostics).has('required-section'));
  });
});

describe('an untrusted config', () => {
  test('extends out of the project, or unreadable: reported on the config and in a message, never quoting the target', async () => {
    const ws = tempWorkspace();
    const outside = tempWorkspace('vn-outside-');
    const secret = 'ghp_SUPERSECRET123';
    writeFileSync(path.join(outside.dir, 'environ'), `SECRET_TOKEN=${secret}\n`);
    const configPath = path.join(ws.dir, '.visitnotes.yaml');
    writeFileSync(configPath, `extends: ${path.relative(ws.dir, path.join(outside.dir, 'environ'))}\n`);
    const notePath = path.join(ws.dir, 'tb.visit.md');
    writeFileSync(notePath, PROBLEMS);
    const client = await TestClient.start({ workspace: ws.dir });
    try {
      const message = client.waitForMessage((m) => /visitnotes\.yaml/.test(m.message), 15_000);
      const onConfig = client.waitForDiagnostics(fileUri(configPath), (p) => p.diagnostics.length > 0, 15_000);
      await client.open(fileUri(notePath), PROBLEMS);
      const [shown, published] = await Promise.all([message, onConfig]);
      assert.match(shown.message, /outside this config's project folder/);
      assert.match(published.diagnostics[0]!.message, /outside this config's project folder/);
      assert.ok(!JSON.stringify([shown, published]).includes(secret));
      // The note is still linted, with the built-in config.
      const note = await client.currentDiagnostics(fileUri(notePath));
      assert.deepEqual(note.diagnostics.map(essentials), expectedDiagnostics(PROBLEMS));
    } finally {
      await client.shutdown();
      ws.cleanup();
      outside.cleanup();
    }
  });
});
