/**
 * Hover, navigation (definition, references, highlights, rename), document and
 * workspace symbols, folding, inlay hints and semantic tokens — over the real
 * protocol, with CRLF and non-ASCII text for position correctness.
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type {
  DocumentHighlight,
  DocumentSymbol,
  FoldingRange,
  Hover,
  InlayHint,
  Location,
  SemanticTokens,
  SymbolInformation,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { applyTextEdits, fileUri, positionAt, positionOf, tempWorkspace, TestClient } from './client.ts';
import { CLEAN, PROBLEMS } from './notes.ts';

describe('hover, navigation, structure', () => {
  let client: TestClient;
  let ws: ReturnType<typeof tempWorkspace>;
  let uri: string;
  const text = CLEAN;

  beforeAll(async () => {
    ws = tempWorkspace();
    client = await TestClient.start({ workspace: ws.dir });
    uri = fileUri(path.join(ws.dir, 'clean.visit.md'));
    await client.open(uri, text);
  });
  afterAll(async () => {
    await client.shutdown();
    ws.cleanup();
  });

  const req = <R>(method: string, params: Record<string, unknown>, u = uri) => client.request<R>(method, { textDocument: { uri: u }, ...params });
  const hoverText = (h: Hover | null) => (h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '');
  const rangeOf = (t: string, needle: string, from = 0) => {
    const i = t.indexOf(needle, from);
    return { start: positionAt(t, i), end: positionAt(t, i + needle.length) };
  };

  test('hover on a goal reference: its text and how many places reference it', async () => {
    const h = await req<Hover>('textDocument/hover', { position: positionOf(text, '[G1].', 2) });
    assert.match(hoverText(h), /\*\*G1\*\* — Coach his daughter's team again by spring\./);
    assert.match(hoverText(h), /Referenced in 2 places/);
    assert.match(hoverText(h), /Sertraline 100 mg daily — Rationale/);
    assert.deepEqual(h.range, rangeOf(text, '[G1]', text.indexOf('the field')));
  });

  test('hover on a goal definition counts its references too', async () => {
    const h = await req<Hover>('textDocument/hover', { position: positionOf(text, '- [G2]', 3) });
    assert.match(hoverText(h), /Referenced in 1 place\./);
  });

  test('hover on a medication heading: rationale, meaning, linked goals', async () => {
    const h = await req<Hover>('textDocument/hover', { position: positionOf(text, '### Trazodone', 6) });
    const v = hoverText(h);
    assert.match(v, /\*\*Trazodone 50 mg at bedtime\*\*/);
    assert.match(v, /\*\*Rationale:\*\* Falling asleep sooner/);
    assert.match(v, /\*\*Meaning:\*\* Worried about not waking/);
    assert.match(v, /G2 — Sleep enough to work day shifts/);
  });

  test('hover on a section heading: what the template expects there', async () => {
    const h = await req<Hover>('textDocument/hover', { position: positionOf(text, '## Countertransference', 4) });
    assert.match(hoverText(h), /Countertransference\*\* — required in template "follow-up"/);
    assert.match(hoverText(h), /Your own reactions/);
  });

  test('no hover on plain prose', async () => {
    const h = await req<Hover | null>('textDocument/hover', { position: positionOf(text, 'holding my breath') });
    assert.equal(h, null);
  });

  test('go to definition from a reference', async () => {
    const defs = await req<Location[]>('textDocument/definition', { position: positionOf(text, '[G2].', 1) });
    assert.deepEqual(defs, [{ uri, range: rangeOf(text, '[G2]') }]);
  });

  test('find references, with and without the declaration', async () => {
    const pos = positionOf(text, '- [G1]', 3);
    const withDecl = await req<Location[]>('textDocument/references', { position: pos, context: { includeDeclaration: true } });
    assert.equal(withDecl.length, 3);
    assert.deepEqual(withDecl[0], { uri, range: rangeOf(text, '[G1]') });
    const without = await req<Location[]>('textDocument/references', { position: pos, context: { includeDeclaration: false } });
    assert.equal(without.length, 2);
    assert.ok(without.every((l) => l.range.start.line > withDecl[0]!.range.start.line));
  });

  test('document highlights: definition as write, references as read', async () => {
    const hl = await req<DocumentHighlight[]>('textDocument/documentHighlight', { position: positionOf(text, '[G1]', 1) });
    assert.deepEqual(hl.map((h) => h.kind), [3, 2, 2]);
  });

  test('prepareRename: the ID inside the brackets; rejects other positions', async () => {
    const ok = await req<{ range: unknown; placeholder: string }>('textDocument/prepareRename', { position: positionOf(text, '- [G2]', 4) });
    assert.equal(ok.placeholder, 'G2');
    const g2 = text.indexOf('[G2]');
    assert.deepEqual(ok.range, { start: positionAt(text, g2 + 1), end: positionAt(text, g2 + 3) });
    await assert.rejects(req('textDocument/prepareRename', { position: positionOf(text, 'holding') }), /Only goal IDs/);
  });

  test('rename updates the definition and every reference', async () => {
    const edit = await req<WorkspaceEdit>('textDocument/rename', { position: positionOf(text, '[G1]', 1), newName: 'G5' });
    const change = edit.documentChanges?.[0] as { textDocument: { uri: string; version: number }; edits: TextEdit[] };
    assert.deepEqual(change.textDocument, { uri, version: 1 });
    assert.equal(change.edits.length, 3);
    const renamed = applyTextEdits(text, change.edits);
    assert.equal(renamed, text.replaceAll('[G1]', '[G5]'));
  });

  test('rename refuses an ID that already exists, and a malformed one', async () => {
    await assert.rejects(req('textDocument/rename', { position: positionOf(text, '[G1]', 1), newName: 'G2' }), /G2 already exists/);
    await assert.rejects(req('textDocument/rename', { position: positionOf(text, '[G1]', 1), newName: 'goal one' }), /not a goal ID/);
  });

  test('document symbols: sections → goals and medication entries', async () => {
    const symbols = await req<DocumentSymbol[]>('textDocument/documentSymbol', {});
    assert.deepEqual(symbols.map((s) => s.name), ['Front matter', 'Story', 'Relationships', 'Goals', 'Medication meaning', 'Countertransference']);
    const goals = symbols.find((s) => s.name === 'Goals')!;
    assert.deepEqual(goals.children!.map((c) => [c.name, c.detail]), [
      ['G1', "Coach his daughter's team again by spring."],
      ['G2', 'Sleep enough to work day shifts without feeling drugged.'],
    ]);
    const meds = symbols.find((s) => s.name === 'Medication meaning')!;
    assert.deepEqual(meds.children!.map((c) => c.name), ['Sertraline 100 mg daily', 'Trazodone 50 mg at bedtime']);
    assert.deepEqual(meds.children![0]!.children!.map((c) => c.name), ['Change', 'Rationale', 'Meaning', 'Plan']);
    // Every child lies within its parent; selection within range.
    const within = (outer: DocumentSymbol['range'], inner: DocumentSymbol['range']) =>
      (inner.start.line > outer.start.line || (inner.start.line === outer.start.line && inner.start.character >= outer.start.character)) &&
      (inner.end.line < outer.end.line || (inner.end.line === outer.end.line && inner.end.character <= outer.end.character));
    const check = (s: DocumentSymbol) => {
      assert.ok(within(s.range, s.selectionRange), `${s.name}: selection within range`);
      for (const c of s.children ?? []) {
        assert.ok(within(s.range, c.range), `${c.name} within ${s.name}`);
        check(c);
      }
    };
    symbols.forEach(check);
  });

  test('folding ranges: front matter, sections, medication entries', async () => {
    const folds = await req<FoldingRange[]>('textDocument/foldingRange', {});
    const line = (needle: string) => positionOf(text, needle).line;
    const starts = folds.map((f) => f.startLine);
    assert.ok(starts.includes(0), 'front matter');
    for (const heading of ['## Story', '## Goals', '## Medication meaning', '### Sertraline', '### Trazodone', '## Countertransference']) {
      assert.ok(starts.includes(line(heading)), heading);
    }
    const sertraline = folds.find((f) => f.startLine === line('### Sertraline'))!;
    assert.equal(sertraline.endLine, line('- Plan: Revisit at 6 weeks'));
    const story = folds.find((f) => f.startLine === line('## Story'))!;
    assert.equal(story.endLine, line('games because of the late shifts'));
  });

  test('inlay hints: the goal text after each reference, none on definitions', async () => {
    const hints = await req<InlayHint[]>('textDocument/inlayHint', { range: { start: { line: 0, character: 0 }, end: positionAt(text, text.length) } });
    assert.equal(hints.length, 3);
    const first = hints[0]!;
    const g1 = text.indexOf('[G1]', text.indexOf('the field'));
    assert.deepEqual(first.position, positionAt(text, g1 + 4));
    assert.equal(first.label, "Coach his daughter's team again…");
    assert.equal(first.paddingLeft, true);
    assert.match(String(first.tooltip), /^G1: Coach/);
  });

  test('semantic tokens: goals, field names, change values, front matter keys', async () => {
    const legend = client.initializeResult.capabilities.semanticTokensProvider!.legend;
    assert.deepEqual(legend.tokenTypes, ['variable', 'property', 'enumMember']);
    const tokens = await req<SemanticTokens>('textDocument/semanticTokens/full', {});
    const decoded: { line: number; char: number; length: number; type: string; mods: number }[] = [];
    let line = 0;
    let char = 0;
    for (let i = 0; i < tokens.data.length; i += 5) {
      const [dl, dc, length, type, mods] = tokens.data.slice(i, i + 5) as [number, number, number, number, number];
      line += dl;
      char = dl === 0 ? char + dc : dc;
      decoded.push({ line, char, length, type: legend.tokenTypes[type]!, mods });
    }
    const lines = text.split('\n');
    const word = (t: (typeof decoded)[number]) => lines[t.line]!.slice(t.char, t.char + t.length);
    assert.deepEqual(decoded.filter((t) => t.type === 'variable').map(word), ['[G1]', '[G2]', '[G1]', '[G1]', '[G2]']);
    assert.deepEqual(decoded.filter((t) => t.type === 'variable' && t.mods === 1).map(word), ['[G1]', '[G2]']);
    assert.ok(decoded.filter((t) => t.type === 'property').map(word).includes('Rationale'));
    assert.ok(decoded.filter((t) => t.type === 'property').map(word).includes('patient'));
    assert.deepEqual(decoded.filter((t) => t.type === 'enumMember').map(word), ['continue', 'start']);
  });
});

describe('positions in CRLF and non-ASCII notes', () => {
  let client: TestClient;
  let ws: ReturnType<typeof tempWorkspace>;
  const text = CLEAN.replace('He describes', 'Café 🙂 first [G1] then').replace(/\n/g, '\r\n');
  let uri: string;

  beforeAll(async () => {
    ws = tempWorkspace();
    client = await TestClient.start({ workspace: ws.dir });
    uri = fileUri(path.join(ws.dir, 'unicode.visit.md'));
    await client.open(uri, text);
  });
  afterAll(async () => {
    await client.shutdown();
    ws.cleanup();
  });

  test('hover, definition, rename and inlay hints land on the right characters', async () => {
    const ref = text.indexOf('[G1] then');
    const pos = positionAt(text, ref + 1);
    assert.equal(pos.character, 15, '"Café 🙂 first " is 14 UTF-16 code units');
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: pos });
    assert.deepEqual(hover.range, { start: positionAt(text, ref), end: positionAt(text, ref + 4) });
    const defs = await client.request<Location[]>('textDocument/definition', { textDocument: { uri }, position: pos });
    assert.deepEqual(defs[0]!.range.start, positionAt(text, text.indexOf('- [G1]') + 2));
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position: pos, newName: '[G9]' });
    const edits = (edit.documentChanges![0] as { edits: TextEdit[] }).edits;
    assert.equal(applyTextEdits(text, edits), text.replaceAll('[G1]', '[G9]'));
    const hints = await client.request<InlayHint[]>('textDocument/inlayHint', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: positionAt(text, text.length) },
    });
    assert.deepEqual(hints[0]!.position, positionAt(text, ref + 4));
  });
});

describe('inlay hints can be turned off', () => {
  test('via initializationOptions, and back on via workspace configuration', async () => {
    const ws = tempWorkspace();
    const client = await TestClient.start({
      workspace: ws.dir,
      initializationOptions: { visitNotes: { inlayHints: { enabled: false } } },
      settings: { inlayHints: { enabled: false } },
    });
    try {
      const uri = fileUri(path.join(ws.dir, 'off.visit.md'));
      await client.open(uri, CLEAN);
      const range = { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } };
      assert.deepEqual(await client.request('textDocument/inlayHint', { textDocument: { uri }, range }), []);
      client.settings = { inlayHints: { enabled: true } };
      await client.notify('workspace/didChangeConfiguration', { settings: null });
      const deadline = Date.now() + 3000;
      let hints: InlayHint[] = [];
      while (hints.length === 0 && Date.now() < deadline) {
        hints = await client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range });
      }
      assert.equal(hints.length, 3);
      assert.ok(client.serverRequests.some((r) => r.method === 'workspace/inlayHint/refresh'));
    } finally {
      await client.shutdown();
      ws.cleanup();
    }
  });
});

describe('workspace symbols', () => {
  test('goals and medications across the workspace notes, kept current by file events', async () => {
    const ws = tempWorkspace();
    mkdirSync(path.join(ws.dir, 'a'), { recursive: true });
    mkdirSync(path.join(ws.dir, 'node_modules', 'x'), { recursive: true });
    writeFileSync(path.join(ws.dir, 'a', 'rm.visit.md'), CLEAN);
    writeFileSync(path.join(ws.dir, 'tb.visit.md'), PROBLEMS);
    writeFileSync(path.join(ws.dir, 'node_modules', 'x', 'ignored.visit.md'), CLEAN);
    const client = await TestClient.start({ workspace: ws.dir });
    try {
      const all = await client.request<SymbolInformation[]>('workspace/symbol', { query: '' });
      assert.equal(all.filter((s) => s.location.uri.includes('node_modules')).length, 0);
      const names = all.map((s) => `${s.containerName}: ${s.name}`);
      assert.ok(names.includes("a/rm.visit.md: G1 Coach his daughter's team again by spring."));
      assert.ok(names.includes('a/rm.visit.md: Trazodone 50 mg at bedtime'));
      assert.ok(names.includes('tb.visit.md: Sertraline 50 mg daily'));
      const sertraline = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'sertr' });
      assert.deepEqual(sertraline.map((s) => s.name).sort(), ['Sertraline 100 mg daily', 'Sertraline 50 mg daily']);
      const loc = sertraline.find((s) => s.name === 'Sertraline 50 mg daily')!.location;
      assert.equal(loc.uri, fileUri(path.join(ws.dir, 'tb.visit.md')));
      assert.deepEqual(loc.range.start, positionOf(PROBLEMS, 'Sertraline 50', 0));

      // A new note on disk, announced by a watched-file event.
      const added = path.join(ws.dir, 'new.visit.md');
      writeFileSync(added, PROBLEMS.replace('Sertraline 50 mg daily', 'Lithium 400 mg twice daily'));
      await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(added), type: 1 }] });
      const lithium = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'lithium' });
      assert.deepEqual(lithium.map((s) => s.containerName), ['new.visit.md']);

      // An open buffer's unsaved edits count.
      const tb = fileUri(path.join(ws.dir, 'tb.visit.md'));
      await client.open(tb, PROBLEMS.replace('Sertraline 50 mg daily', 'Escitalopram 10 mg daily'));
      const esc = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'escitalopram' });
      assert.equal(esc.length, 1);

      // Deleted notes leave the index.
      await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(added), type: 3 }] });
      assert.deepEqual(await client.request('workspace/symbol', { query: 'lithium' }), []);
    } finally {
      await client.shutdown();
      ws.cleanup();
    }
  });
});
