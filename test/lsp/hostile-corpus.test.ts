/**
 * The hostile-input corpus (test/fixtures/hostile/generate.ts) through the
 * language server, over JSON-RPC, with the corpus as its workspace folder (so
 * its workspace index walks the FIFO, the device symlinks and the rest too):
 * every regular note is opened and gets its diagnostics (notes over the limits
 * their one fatal message), document symbols answer for each, no identifier
 * from the corpus appears in anything the server sends, and afterwards the
 * server still answers a request for an ordinary note. No times are asserted.
 */
import { afterAll as after, beforeAll as before, test } from 'vitest';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unlockHostileCorpus, writeHostileCorpus, type Corpus } from '../fixtures/hostile/generate.ts';
import { fileUri, TestClient } from './client.ts';
import { CLEAN } from './notes.ts';

let corpus: Corpus;
let client: TestClient;
before(async () => {
  corpus = writeHostileCorpus(mkdtempSync(path.join(os.tmpdir(), 'vn-lsp-hostile-')));
  client = await TestClient.start({ workspace: corpus.dir });
});
after(async () => {
  await client?.shutdown();
  unlockHostileCorpus(corpus.dir);
  const { rmSync } = await import('node:fs');
  rmSync(corpus.dir, { recursive: true, force: true });
});

test('every note of the corpus gets diagnostics, symbols answer, no identifier is repeated, the server still answers', async () => {
  const sent: string[] = [];
  for (const entry of corpus.entries.filter((e) => e.regular)) {
    const uri = fileUri(path.join(corpus.dir, entry.file));
    const published = client.waitForDiagnostics(uri, () => true, 120_000);
    await client.open(uri, readFileSync(path.join(corpus.dir, entry.file), 'utf8'));
    const diagnostics = (await published).diagnostics;
    sent.push(JSON.stringify(diagnostics));
    if (entry.expect.kind === 'fatal' && entry.file.startsWith('limits/')) {
      assert.equal(diagnostics.length, 1, `${entry.file}: ${JSON.stringify(diagnostics)}`);
      assert.match(diagnostics[0]!.message, entry.expect.message, entry.file);
    }
    if (entry.file.startsWith('markdown/emphasis')) assert.ok(diagnostics.some((d) => d.code === 'markup-limit'), entry.file);
    const symbols = await client.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri } });
    sent.push(JSON.stringify(symbols));
    await client.close(uri);
  }
  for (const id of corpus.identifiers) assert.ok(!sent.some((s) => s.includes(id)), `the server repeated the identifier ${id}`);

  const clean = fileUri(path.join(corpus.dir, 'clean.visit.md'));
  await client.open(clean, CLEAN);
  const symbols = await client.request<{ name: string }[]>('textDocument/documentSymbol', { textDocument: { uri: clean } });
  assert.ok(symbols.some((s) => s.name === 'Story'));
  assert.deepEqual((await client.waitForDiagnostics(clean, () => true, 60_000, 0)).diagnostics, []);
  assert.ok(client.alive);
}, 300_000);
