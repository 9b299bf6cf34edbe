/**
 * Thousands of rapid incremental edits, sent without waiting: the server stays
 * alive, never publishes an older version after a newer one, collapses bursts,
 * and its final diagnostics equal a fresh engine lint of the final text.
 */
import { test } from 'vitest';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Hover, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { generateNote, rng } from '../../bench/generate.ts';
import { fileUri, positionAt, tempWorkspace, TestClient } from './client.ts';
import { essentials, expectedDiagnostics } from './expect.ts';
import { PROBLEMS } from './notes.ts';

const EDITS = 3000;
const SNIPPETS = ['a', 'e', ' ', '\n', '[G1]', '[G7]', 'é', '🙂', '## Goals\n', '- [G3] Sing again.\n', '- Rationale: sleep ', '.', ',', 'x'];

test(`${EDITS} rapid incremental edits: alive, ordered, and the final diagnostics match the engine`, async () => {
  const ws = tempWorkspace();
  const client = await TestClient.start({ workspace: ws.dir });
  try {
    const uri = fileUri(path.join(ws.dir, 'stress.visit.md'));
    let text = PROBLEMS;
    await client.open(uri, text);
    const random = rng(20261120);
    const sends: Promise<number>[] = [];
    const texts = new Map<number, string>([[1, text]]);
    for (let i = 0; i < EDITS; i++) {
      const change = randomEdit(text, random);
      text = change.next;
      texts.set(i + 2, text);
      sends.push(client.change(uri, [change.event]));
    }
    await Promise.all(sends);
    const final = client.version(uri);
    const published = await client.waitForDiagnostics(uri, (p) => p.version === final, 60_000, 0);
    assert.ok(client.alive, 'server alive');
    assert.deepEqual(published.diagnostics.map(essentials), expectedDiagnostics(text));

    // Publishes only ever move forward in version, and bursts collapsed.
    const versions = client.published.filter((p) => p.uri === uri).map((p) => p.version ?? 0);
    for (let i = 1; i < versions.length; i++) assert.ok(versions[i]! > versions[i - 1]!, `version order at ${i}: ${versions[i - 1]} → ${versions[i]}`);
    assert.ok(versions.length < EDITS / 2, `bursts collapsed (${versions.length} publishes for ${EDITS} edits)`);
    // Every publish, not only the last, is exactly the lint of its version's text.
    for (const p of client.published.filter((x) => x.uri === uri)) {
      assert.deepEqual(p.diagnostics.map(essentials), expectedDiagnostics(texts.get(p.version!)!), `version ${p.version}`);
    }

    // Still answering requests on the final text.
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
    assert.ok(hover === null || typeof hover === 'object');
  } finally {
    await client.shutdown();
    ws.cleanup();
  }
});

test('300 rapid edits to a 400-line note (incremental re-parse): the final diagnostics match a full lint', async () => {
  const ws = tempWorkspace();
  const client = await TestClient.start({ workspace: ws.dir });
  try {
    const uri = fileUri(path.join(ws.dir, 'long.visit.md'));
    let text = generateNote(7, { lines: 400 });
    assert.ok(text.length > 20_000, 'long enough for incremental re-parsing');
    await client.open(uri, text);
    await client.currentDiagnostics(uri, 60_000);
    const random = rng(7);
    const texts = new Map<number, string>([[1, text]]);
    for (let round = 0; round < 30; round++) {
      const sends: Promise<number>[] = [];
      for (let i = 0; i < 10; i++) {
        const change = randomEdit(text, random);
        text = change.next;
        texts.set(client.version(uri) + 1, text);
        sends.push(client.change(uri, [change.event]));
      }
      await Promise.all(sends);
      // Let some lints happen between bursts, so later parses re-use earlier trees.
      if (round % 3 === 0) await client.currentDiagnostics(uri, 60_000);
    }
    const published = await client.currentDiagnostics(uri, 60_000);
    assert.deepEqual(published.diagnostics.map(essentials), expectedDiagnostics(text));
    for (const p of client.published.filter((x) => x.uri === uri)) {
      assert.deepEqual(p.diagnostics.map(essentials), expectedDiagnostics(texts.get(p.version!)!), `version ${p.version}`);
    }
  } finally {
    await client.shutdown();
    ws.cleanup();
  }
});

/** A random insert, delete or replace that never splits a surrogate pair or a CRLF. */
function randomEdit(text: string, random: () => number): { event: TextDocumentContentChangeEvent; next: string } {
  const safe = (i: number) => {
    let j = Math.max(0, Math.min(text.length, i));
    while (j > 0 && j < text.length && (isLow(text.charCodeAt(j)) || (text[j] === '\n' && text[j - 1] === '\r'))) j--;
    return j;
  };
  const start = safe(Math.floor(random() * (text.length + 1)));
  const kind = random();
  let end = start;
  let insert = '';
  if (kind < 0.55) insert = SNIPPETS[Math.floor(random() * SNIPPETS.length)]!;
  else if (kind < 0.85) end = safe(start + 1 + Math.floor(random() * 4));
  else {
    end = safe(start + Math.floor(random() * 6));
    insert = SNIPPETS[Math.floor(random() * SNIPPETS.length)]!;
  }
  if (end < start) end = start;
  // Keep the note from shrinking away.
  if (text.length < 200) {
    end = start;
    insert = '\n## Story\nMore of the story here.\n';
  }
  const event = { range: { start: positionAt(text, start), end: positionAt(text, end) }, text: insert };
  return { event, next: text.slice(0, start) + insert + text.slice(end) };
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
