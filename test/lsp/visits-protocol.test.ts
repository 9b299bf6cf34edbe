/**
 * Across visits over the protocol: the server indexes the workspace's notes,
 * cross-visit rules see the patient's earlier visits, editing an earlier visit
 * re-lints the later open note, completion offers goals not carried forward,
 * hover shows a goal's history, and the extension's custom requests answer.
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CompletionList, Hover } from 'vscode-languageserver-protocol';
import { fileUri, positionAt, positionOf, tempWorkspace, TestClient } from './client.ts';

const visit = (date: string, goals: string, rationaleGoal: string) => `---
patient: X.Y.
date: ${date}
visit: follow-up
---

## Story
He talks about the allotment and the walk to the bus stop with his son.

## Relationships
- Son (9): they walk to the bus stop together most mornings.

## Goals
${goals}

## Medication meaning
### Sertraline 50 mg daily
- Change: ${date === '2026-01-10' ? 'start' : 'continue'}
- Rationale: Steadier mornings so he can walk his son to the bus [${rationaleGoal}].
- Meaning: Worried it will make him "flat" with his son.

## Countertransference
I noticed I wanted to reassure him quickly and slowed down instead.
`;

const JANUARY = visit('2026-01-10', '- [G1] Walk his son to the bus stop every morning.\n- [G2] Keep the allotment going through winter.', 'G1');
const FEBRUARY = visit('2026-02-07', '- [G1] Walk his son to the bus stop every morning.', 'G1');

describe('continuity in the language server', () => {
  let client: TestClient;
  let ws: ReturnType<typeof tempWorkspace>;
  let janPath: string;
  let febUri: string;

  beforeAll(async () => {
    ws = tempWorkspace();
    janPath = path.join(ws.dir, '2026-01-10.visit.md');
    writeFileSync(janPath, JANUARY);
    writeFileSync(path.join(ws.dir, '2026-02-07.visit.md'), FEBRUARY);
    febUri = fileUri(path.join(ws.dir, '2026-02-07.visit.md'));
    client = await TestClient.start({ workspace: ws.dir });
  });
  afterAll(async () => {
    await client.shutdown();
    ws.cleanup();
  });

  test('a goal of the previous visit that vanished is reported once the workspace is indexed', async () => {
    await client.open(febUri, FEBRUARY);
    const published = await client.waitForDiagnostics(febUri, (p) => p.diagnostics.some((d) => d.code === 'goal-continuity'), 15_000, 0);
    const d = published.diagnostics.find((x) => x.code === 'goal-continuity')!;
    assert.match(d.message, /G2/);
  });

  test('completion after [ offers the goal not carried forward', async () => {
    const list = await client.request<CompletionList>('textDocument/completion', {
      textDocument: { uri: febUri },
      position: positionOf(FEBRUARY, '[G1]', 1),
    });
    const labels = list.items.map((i) => `${i.label} ${i.detail ?? ''}`);
    assert.ok(labels.some((l) => l.startsWith('[G2]') && /previous visit|carry forward/.test(l)), labels.join(' | '));
  });

  test('hover on a goal shows its history across visits', async () => {
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: febUri }, position: positionOf(FEBRUARY, '- [G1]', 3) });
    const value = typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
    assert.match(value, /Walk his son to the bus stop/);
    assert.match(value, /2026-01-10/);
  });

  test('marking the vanished goal met in the earlier visit re-lints the later open note', async () => {
    const janUri = fileUri(janPath);
    const since = client.published.length;
    await client.open(janUri, JANUARY);
    const at = JANUARY.indexOf('through winter.') + 'through winter.'.length;
    await client.change(janUri, [{ range: { start: positionAt(JANUARY, at), end: positionAt(JANUARY, at) }, text: ' (met: harvested in December)' }]);
    const feb = await client.waitForDiagnostics(febUri, (p) => !p.diagnostics.some((d) => d.code === 'goal-continuity'), 15_000, since);
    assert.ok(!feb.diagnostics.some((d) => d.code === 'goal-continuity'));
  });

  test('visitNotes/timeline, visitNotes/listNotes, visitNotes/lintWorkspace and visitNotes/isNote answer', async () => {
    const timeline = await client.request<{ patient: string; html: string; visits: number } | null>('visitNotes/timeline', {
      uri: febUri,
      cspSource: 'vscode-webview://test',
      nonce: 'bm9uY2Vub25jZQ==',
    });
    assert.ok(timeline);
    assert.equal(timeline.visits, 2);
    assert.match(timeline.html, /<html/i);

    const listed = await client.request<{ uris: string[] }>('visitNotes/listNotes', {});
    assert.deepEqual(listed.uris, [fileUri(janPath), febUri].sort());
    const linted = await client.request<{ results: { uri: string; diagnostics: unknown[] }[] }>('visitNotes/lintWorkspace', { uris: listed.uris });
    assert.equal(linted.results.length, 2);
    const isNote = await client.request<{ isNote: boolean }>('visitNotes/isNote', { uri: fileUri(path.join(ws.dir, 'README.md')), languageId: 'markdown' });
    assert.equal(isNote.isNote, false);
  });
});

describe('Lint Workspace sees the patient history of notes that are not open', () => {
  test('a closed later visit gets its goal-continuity finding', async () => {
    const ws = tempWorkspace();
    writeFileSync(path.join(ws.dir, '2026-01-10.visit.md'), JANUARY);
    const febPath = path.join(ws.dir, '2026-02-07.visit.md');
    writeFileSync(febPath, FEBRUARY);
    const client = await TestClient.start({ workspace: ws.dir });
    try {
      const febUri = fileUri(febPath);
      // Poll until the background visit index has been built (no note is open).
      let codes: unknown[] = [];
      for (let i = 0; i < 50 && !codes.includes('goal-continuity'); i++) {
        const linted = await client.request<{ results: { uri: string; diagnostics: { code?: unknown }[] }[] }>(
          'visitNotes/lintWorkspace',
          { uris: [febUri] },
        );
        codes = linted.results[0]?.diagnostics.map((d) => d.code) ?? [];
        if (!codes.includes('goal-continuity')) await new Promise((r) => setTimeout(r, 100));
      }
      assert.ok(codes.includes('goal-continuity'), `codes: ${codes.join(', ')}`);
    } finally {
      await client.shutdown();
      ws.cleanup();
    }
  });
});

describe('visitNotes/patientKeys: what New Note offers', () => {
  test('the keys earlier notes with the pseudonym carry, most used first; none for a new pseudonym', async () => {
    const ws = tempWorkspace();
    const keyed = (key: string, date: string) => JANUARY.replace('patient: X.Y.\n', `patient: X.Y.\npatient-key: ${key}\n`).replace('2026-01-10', date);
    writeFileSync(path.join(ws.dir, 'a.visit.md'), keyed('h3vq-8k2n', '2026-01-10'));
    writeFileSync(path.join(ws.dir, 'b.visit.md'), keyed('h3vq-8k2n', '2026-02-10'));
    writeFileSync(path.join(ws.dir, 'c.visit.md'), keyed('w9dz-4m7c', '2026-03-10'));
    writeFileSync(path.join(ws.dir, 'd.visit.md'), JANUARY.replace('patient: X.Y.', 'patient: Q.Q.'));
    const client = await TestClient.start({ workspace: ws.dir });
    try {
      const uri = fileUri(path.join(ws.dir, 'new.visit.md'));
      const keys = await client.request<{ keys: { key: string; notes: number }[] }>('visitNotes/patientKeys', { uri, patient: 'x.y.' });
      assert.deepEqual(keys.keys, [{ key: 'h3vq-8k2n', notes: 2 }, { key: 'w9dz-4m7c', notes: 1 }]);
      assert.deepEqual((await client.request<{ keys: unknown[] }>('visitNotes/patientKeys', { uri, patient: 'Q.Q.' })).keys, []);
      assert.deepEqual((await client.request<{ keys: unknown[] }>('visitNotes/patientKeys', { uri, patient: 'N.N.' })).keys, []);
    } finally {
      await client.shutdown();
      ws.cleanup();
    }
  });
});
