/**
 * The language server applies the CLI's limits (issue 16): a note over 4 MB
 * or nested over 100 levels gets the CLI's one fatal message and no rule
 * findings; a note with a pathological block gets the `markup-limit` finding
 * and the rest of its findings; and the server keeps answering for other notes.
 * No timings are asserted: each wait has a generous timeout only so that a
 * hang fails the test instead of stalling it.
 */
import { afterAll as after, beforeAll as before, test } from 'vitest';
import assert from 'node:assert/strict';
import path from 'node:path';
import { MAX_NESTING } from '../../server/src/engine/index.ts';
import { fileUri, tempWorkspace, TestClient } from './client.ts';
import { CLEAN } from './notes.ts';

let client: TestClient;
let ws: ReturnType<typeof tempWorkspace>;
before(async () => {
  ws = tempWorkspace();
  client = await TestClient.start({ workspace: ws.dir });
});
after(async () => {
  await client.shutdown();
  ws.cleanup();
});

const HEAD = '---\npatient: A.B.\ndate: 2026-03-04\nvisit: follow-up\n---\n\n## Story\n\n';

test('a note over 4 MB gets the fatal "too large" message only', async () => {
  const uri = fileUri(path.join(ws.dir, 'huge.visit.md'));
  await client.open(uri, HEAD + 'A line of the story, again and again.\n'.repeat(120_000));
  const published = await client.waitForDiagnostics(uri, () => true, 60_000);
  assert.equal(published.diagnostics.length, 1);
  const [d] = published.diagnostics;
  assert.match(d!.message, /^Too large to lint \(4\.\d MB; the limit is 4 MB per note\)/);
  assert.equal(d!.severity, 1);
  assert.equal(d!.code, undefined);
  assert.deepEqual(d!.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
});

test('a note nested over 100 levels gets the fatal "too deeply nested" message only', async () => {
  const uri = fileUri(path.join(ws.dir, 'deep.visit.md'));
  await client.open(uri, HEAD + '>'.repeat(MAX_NESTING * 100) + ' deep\n');
  const published = await client.waitForDiagnostics(uri, () => true, 60_000);
  assert.deepEqual(
    published.diagnostics.map((d) => d.message),
    [`Too deeply nested to parse (block quotes, lists or footnote definitions more than ${MAX_NESTING} levels deep); not linted.`],
  );
});

test('a pathological paragraph gets markup-limit, the rest of the note is linted, and other notes still answer', async () => {
  const uri = fileUri(path.join(ws.dir, 'stars.visit.md'));
  await client.open(uri, HEAD + '*_'.repeat(32_000) + '\n');
  const published = await client.waitForDiagnostics(uri, () => true, 60_000);
  const codes = published.diagnostics.map((d) => d.code);
  assert.ok(codes.includes('markup-limit'), codes.join(', '));
  assert.ok(codes.includes('required-section'), codes.join(', '));

  // A keystroke in it is linted too (incrementally), with the same finding.
  const version = await client.change(uri, [{ range: { start: { line: 8, character: 0 }, end: { line: 8, character: 0 } }, text: 'x' }]);
  const again = await client.waitForDiagnostics(uri, (p) => p.version === version, 60_000);
  assert.ok(again.diagnostics.some((d) => d.code === 'markup-limit'));

  const clean = fileUri(path.join(ws.dir, 'clean.visit.md'));
  await client.open(clean, CLEAN);
  const cleanPublished = await client.waitForDiagnostics(clean, () => true, 60_000);
  assert.deepEqual(cleanPublished.diagnostics, []);
});
