/**
 * The language server's continuity module without a protocol: the explicit
 * history step indexes a changed buffer and reports affected notes, reading a
 * history never changes the index, completion offers the
 * previous visit's pending goals, hover shows a goal's history.
 */
import { test } from 'vitest';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseWithConfig, RECOMMENDED, type Note } from '../../server/src/engine/index.ts';
import { Continuity } from '../../server/src/lsp/continuity.ts';
import { continuityCompletions, continuityHover, mergeHover } from '../../server/src/lsp/continuity-features.ts';
import { nodeFileSystem } from '../../server/src/node/file-system.ts';

const note = (date: string, goals: string, extra = '') =>
  `---\npatient: X.Y.\ndate: ${date}\n---\n\n## Goals\n${goals}\n\n## Medication meaning\n### Sertraline 50 mg\n- Change: start\n- Rationale: For [G1].\n${extra}`;

function analysed(file: string, text: string) {
  return { uri: pathToFileURL(file).href, text, note: parseWithConfig(text), config: RECOMMENDED, isNote: true };
}

test('scan, history hook, affected notes, deletion', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'vn-cont-'));
  try {
    mkdirSync(path.join(dir, 'node_modules'));
    const a = path.join(dir, 'a.visit.md');
    const b = path.join(dir, 'b.visit.md');
    writeFileSync(a, note('2026-01-01', '- [G1] Walk the dog.\n- [G2] Call her mother.'));
    writeFileSync(b, note('2026-02-01', '- [G1] Walk the dog.'));
    writeFileSync(path.join(dir, 'node_modules', 'x.visit.md'), note('2025-01-01', '- [G7] No.'));
    const buffers = new Map<string, string>();
    const affected: string[][] = [];
    const c = new Continuity({ fs: nodeFileSystem,
      readFile: async (f) => buffers.get(f) ?? (await import('node:fs/promises')).readFile(f, 'utf8').catch(() => undefined),
      configFor: async () => ({ config: RECOMMENDED }),
      onAffected: (files) => affected.push(files),
    });
    await c.setFolders([dir]);
    assert.equal(c.visits.size, 2);
    assert.deepEqual(affected, [[a, b]]);

    const hb = c.history(analysed(b, note('2026-02-01', '- [G1] Walk the dog.')))!;
    assert.deepEqual(hb.previous.map((v) => v.path), [a]);

    // Reading a history changes nothing: linting an edited buffer does not re-index it.
    affected.length = 0;
    const edited = analysed(a, note('2026-01-01', '- [G1] Walk the dog.\n- [G2] Call her mother. (met: Sundays)'));
    c.history(edited);
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(affected, []);
    assert.equal(c.visits.get(a)!.goals.find((g) => g.id === 'G2')!.status, undefined);
    // The explicit step (the server takes it when a buffer changes) re-lints the later note.
    await c.noteChanged(edited);
    assert.deepEqual(affected, [[b]]);
    assert.equal(c.visits.get(a)!.goals.find((g) => g.id === 'G2')!.status, 'met');

    affected.length = 0;
    await c.fileChanged(a, true);
    assert.deepEqual(affected, [[b]]);
    assert.deepEqual(c.history(analysed(b, note('2026-02-01', '- [G1] Walk the dog.')))!.previous, []);
    // Not a note, or no file path: no history.
    assert.equal(c.history({ ...analysed(b, 'x'), isNote: false }), undefined);
    assert.equal(c.history({ ...analysed(b, 'x'), uri: 'untitled:Untitled-1' }), undefined);

    // The timeline of the patient, for a webview.
    await c.fileChanged(a);
    const t = (await c.timeline(analysed(b, note('2026-02-01', '- [G1] Walk the dog.')), { cspSource: 'vscode-webview://x', nonce: 'abcdefgh12345678' }))!;
    assert.equal(t.patient, 'X.Y.');
    assert.equal(t.visits, 2);
    assert.match(t.html, /style-src vscode-webview:\/\/x 'nonce-abcdefgh12345678'/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('completion after [G offers pending goals; hover shows history', async () => {
  const c = new Continuity({ fs: nodeFileSystem, readFile: async () => undefined, configFor: async () => ({ config: RECOMMENDED }), onAffected: () => {} });
  const a = '/w/a.visit.md';
  const b = '/w/b.visit.md';
  await c.noteChanged(analysed(a, note('2026-01-01', '- [G1] Walk the dog.\n- [G2] Call her mother.\n- [G3] Paint. (met: done)')));
  const text = note('2026-02-01', '- [G1] Walk the dog.\n- [G');
  const n: Note = parseWithConfig(text);
  const history = c.history(analysed(b, text));
  const line = text.split('\n').findIndex((l) => l === '- [G');
  const items = continuityCompletions({ linePrefix: '- [G', lineSuffix: '', position: { line, character: 4 }, note: n }, history);
  assert.deepEqual(items.map((i) => [i.label, (i.textEdit as { newText: string }).newText]), [['[G2]', '[G2] Call her mother.']]);
  assert.match(String(items[0]!.detail), /^carry forward \(2026-01-01\)/);
  // Elsewhere the reference alone.
  const ref = continuityCompletions({ linePrefix: '- Rationale: For [', lineSuffix: ']', position: { line: 12, character: 18 }, note: n }, history);
  assert.deepEqual(ref.map((i) => (i.textEdit as { newText: string; range: { end: { character: number } } }).newText), ['[G2]']);
  assert.equal((ref[0]!.textEdit as { range: { end: { character: number } } }).range.end.character, 19);
  assert.deepEqual(continuityCompletions({ linePrefix: 'no bracket', lineSuffix: '', position: { line: 0, character: 10 }, note: n }, history), []);

  const offset = text.indexOf('[G1]');
  const md = continuityHover(n, offset + 1, history)!;
  assert.match(md, /\*\*G1\*\* across visits/);
  assert.match(md, /2026-01-01\*\*: Walk the dog\. — via sertraline/);
  assert.match(md, /2026-02-01\*\* \(this visit\)/);
  assert.equal(continuityHover(n, 0, history), undefined);
  const merged = mergeHover({ contents: { kind: 'markdown', value: '**G1** — Walk the dog.' } }, md)!;
  assert.match((merged.contents as { value: string }).value, /^\*\*G1\*\* — Walk the dog\.\n\n---\n\n\*\*G1\*\* across visits/);
  assert.equal(mergeHover(null, undefined), null);
});

test('a burst of buffer changes is recorded once, after it; a closed buffer records nothing', async () => {
  const affected: string[][] = [];
  const c = new Continuity({ fs: nodeFileSystem, readFile: async () => undefined, configFor: async () => ({ config: RECOMMENDED }), onAffected: (files) => affected.push(files) });
  const a = '/w/a.visit.md';
  const b = '/w/b.visit.md';
  await c.noteChanged(analysed(b, note('2026-02-01', '- [G1] Walk the dog.')));
  let analyses = 0;
  const version = (goals: string) => async () => (analyses++, analysed(a, note('2026-01-01', goals)));
  c.bufferChanged(pathToFileURL(a).href, version('- [G1] Walk the dog.'));
  c.bufferChanged(pathToFileURL(a).href, version('- [G1] Walk the dog.\n- [G2] Call her mother.'));
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(analyses, 1, 'only the last version of the burst is analysed');
  assert.deepEqual(affected, [[b]]);
  assert.deepEqual(c.visits.get(a)!.goals.map((g) => g.id), ['G1', 'G2']);
  c.bufferChanged(pathToFileURL(a).href, version('- [G1] Walk the dog.'));
  c.bufferClosed(pathToFileURL(a).href);
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(analyses, 1);
  const failed: unknown[] = [];
  c.bufferChanged('file:///w/c.visit.md', async () => Promise.reject(new TypeError('x')), (err) => failed.push(err));
  await new Promise((r) => setTimeout(r, 20));
  assert.equal((failed[0] as Error).name, 'TypeError');
});
