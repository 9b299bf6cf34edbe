/**
 * Diagnostics over the real protocol: push and pull, codes and docs links,
 * severities, related information, exact ranges (CRLF and non-ASCII text
 * included), the empty publish on close, and incremental edits.
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { DocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { ruleDocsUrl } from '../../server/src/engine/index.ts';
import { fileUri, positionAt, positionOf, sleep, tempWorkspace, TestClient } from './client.ts';
import { essentials, expectedDiagnostics } from './expect.ts';
import { CLEAN, PROBLEMS } from './notes.ts';

describe('push diagnostics', () => {
  let client: TestClient;
  let ws: ReturnType<typeof tempWorkspace>;
  beforeAll(async () => {
    ws = tempWorkspace();
    client = await TestClient.start({ workspace: ws.dir });
  });
  afterAll(async () => {
    await client.shutdown();
    ws.cleanup();
  });

  test('advertises incremental sync and no pull provider to a push-only client', () => {
    const caps = client.initializeResult.capabilities;
    assert.deepEqual(caps.textDocumentSync, { openClose: true, change: 2 });
    assert.equal(caps.diagnosticProvider, undefined);
  });

  test('each diagnostic carries code, docs link, severity, source and exact range', async () => {
    const uri = fileUri(path.join(ws.dir, 'problems.visit.md'));
    await client.open(uri, PROBLEMS);
    const published = await client.currentDiagnostics(uri);
    assert.equal(published.version, 1);
    assert.deepEqual(published.diagnostics.map(essentials), expectedDiagnostics(PROBLEMS));
    assert.ok(published.diagnostics.length >= 5);
    for (const d of published.diagnostics) {
      assert.equal(d.source, 'visitnotes');
      assert.deepEqual(d.codeDescription, { href: ruleDocsUrl(String(d.code)) });
      assert.equal((d.data as { version: number }).version, 1);
    }
    const byCode = (code: string) => published.diagnostics.filter((d) => d.code === code);

    // undefined-goal: on the [G7] token, related information at the Goals section.
    const undef = byCode('undefined-goal');
    assert.equal(undef.length, 1);
    const g7 = PROBLEMS.indexOf('[G7]');
    assert.deepEqual(undef[0]!.range, { start: positionAt(PROBLEMS, g7), end: positionAt(PROBLEMS, g7 + 4) });
    assert.equal(undef[0]!.severity, 1);
    const related = undef[0]!.relatedInformation ?? [];
    assert.equal(related.length, 1);
    assert.equal(related[0]!.location.uri, uri);
    assert.equal(related[0]!.location.range.start.line, positionOf(PROBLEMS, '## Goals').line);

    // unlinked-goal: info → Information, faded as Unnecessary.
    const unlinked = byCode('unlinked-goal');
    assert.ok(unlinked.length >= 1);
    for (const d of unlinked) {
      assert.equal(d.severity, 3);
      assert.deepEqual(d.tags, [1]);
    }

    // rationale-goal-link: the contract's fixed phrase for a symptoms-only rationale.
    const link = byCode('rationale-goal-link');
    assert.equal(link.length, 1);
    assert.equal(link[0]!.severity, 2);
    assert.match(link[0]!.message, /symptoms-only rationale, no goal linked/);
    assert.equal(link[0]!.range.start.line, positionOf(PROBLEMS, '- Rationale: Insomnia').line);

    // required-section: both missing sections, errors, each with its fix in data.
    const missing = byCode('required-section');
    assert.deepEqual(missing.map((d) => /"(\w+)"/.exec(d.message)?.[1]).sort(), ['Countertransference', 'Relationships']);
    for (const d of missing) assert.ok((d.data as { fix?: unknown }).fix, 'fix travels in diagnostic.data');
    // The missing section's name travels as data too (the status bar reads it, not the message).
    assert.deepEqual(missing.map((d) => (d.data as { details?: { section?: string } }).details?.section).sort(), ['Countertransference', 'Relationships']);
  });

  test('a clean note publishes an empty list; closing publishes an empty list', async () => {
    const uri = fileUri(path.join(ws.dir, 'clean.visit.md'));
    await client.open(uri, CLEAN);
    const first = await client.currentDiagnostics(uri);
    assert.deepEqual(first.diagnostics, []);

    const problems = fileUri(path.join(ws.dir, 'closing.visit.md'));
    await client.open(problems, PROBLEMS);
    const open = await client.currentDiagnostics(problems);
    assert.ok(open.diagnostics.length > 0);
    const since = client.published.length;
    await client.close(problems);
    const closed = await client.waitForDiagnostics(problems, () => true, 5000, since);
    assert.deepEqual(closed.diagnostics, []);
  });

  test('Markdown files that are not notes get no diagnostics', async () => {
    const readme = fileUri(path.join(ws.dir, 'README.md'));
    const since = client.published.length;
    await client.open(readme, '# Readme\n\nNot a visit note.\n');
    const note = fileUri(path.join(ws.dir, 'after-readme.visit.md'));
    await client.open(note, PROBLEMS);
    await client.currentDiagnostics(note);
    await sleep(50);
    assert.equal(client.published.slice(since).filter((p) => p.uri === readme).length, 0);
    const symbols = await client.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri: readme } });
    assert.deepEqual(symbols, []);
  });

  test('incremental edits: diagnostics follow the text, tagged with the version', async () => {
    const uri = fileUri(path.join(ws.dir, 'edits.visit.md'));
    await client.open(uri, PROBLEMS);
    await client.currentDiagnostics(uri);
    // Define G7 by inserting a goal line after G2's line.
    let text = PROBLEMS;
    const at = positionOf(text, '## Medication meaning');
    const insert = '- [G7] Sing with the choir again.\n';
    const version = await client.change(uri, [{ range: { start: at, end: at }, text: insert }]);
    text = text.slice(0, text.indexOf('## Medication meaning')) + insert + text.slice(text.indexOf('## Medication meaning'));
    const published = await client.currentDiagnostics(uri);
    assert.equal(published.version, version);
    assert.equal(published.diagnostics.filter((d) => d.code === 'undefined-goal').length, 0);
    assert.deepEqual(published.diagnostics.map(essentials), expectedDiagnostics(text));
  });

  test('CRLF and non-ASCII text: ranges count UTF-16 code units per line', async () => {
    const text = PROBLEMS.replace('She talks about', 'Café 🙂 — she talks [G9] about').replace(/\n/g, '\r\n');
    const uri = fileUri(path.join(ws.dir, 'crlf-unicode.visit.md'));
    await client.open(uri, text);
    const published = await client.currentDiagnostics(uri);
    assert.deepEqual(published.diagnostics.map(essentials), expectedDiagnostics(text));
    const g9 = published.diagnostics.find((d) => d.code === 'undefined-goal' && d.message.includes('G9'));
    assert.ok(g9, 'G9 is reported');
    // "Café 🙂 — she talks " is 20 UTF-16 code units (the emoji counts two).
    const line = positionOf(text, 'Café').line;
    assert.deepEqual(g9.range, { start: { line, character: 20 }, end: { line, character: 24 } });
    // Every range stays on real lines: never past a line's end, never inside \r\n.
    const lines = text.split('\r\n');
    for (const d of published.diagnostics) {
      for (const p of [d.range.start, d.range.end]) assert.ok(p.character <= (lines[p.line]?.length ?? 0));
    }
  });
});

describe('pull diagnostics', () => {
  let client: TestClient;
  let ws: ReturnType<typeof tempWorkspace>;
  beforeAll(async () => {
    ws = tempWorkspace();
    client = await TestClient.start({ workspace: ws.dir, pull: true });
  });
  afterAll(async () => {
    await client.shutdown();
    ws.cleanup();
  });

  test('advertises a diagnostic provider and answers textDocument/diagnostic', async () => {
    assert.equal(client.initializeResult.capabilities.diagnosticProvider?.interFileDependencies, false);
    const uri = fileUri(path.join(ws.dir, 'pull.visit.md'));
    await client.open(uri, PROBLEMS);
    const report = await client.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
    assert.equal(report.kind, 'full');
    assert.ok(report.kind === 'full' && report.resultId);
    const items = report.kind === 'full' ? report.items : [];
    assert.deepEqual(items.map(essentials), expectedDiagnostics(PROBLEMS));
    assert.ok(items.every((d) => d.codeDescription?.href.endsWith(`${String(d.code)}.md`)));

    // Same version, same config: unchanged.
    const again = await client.request<DocumentDiagnosticReport>('textDocument/diagnostic', {
      textDocument: { uri },
      previousResultId: report.kind === 'full' ? report.resultId : undefined,
    });
    assert.equal(again.kind, 'unchanged');

    // After an edit: a new full report.
    const end = positionAt(PROBLEMS, PROBLEMS.length);
    await client.change(uri, [{ range: { start: end, end }, text: '\n## Relationships\n- Sister: walks with her.\n' }]);
    const after = await client.request<DocumentDiagnosticReport>('textDocument/diagnostic', {
      textDocument: { uri },
      previousResultId: report.kind === 'full' ? report.resultId : undefined,
    });
    assert.equal(after.kind, 'full');
    assert.ok(after.kind === 'full' && after.resultId !== (report.kind === 'full' ? report.resultId : ''));
  });

  test('a pull client gets no pushed diagnostics for notes', async () => {
    await sleep(100);
    assert.equal(client.published.filter((p) => p.uri.endsWith('.visit.md') && p.diagnostics.length > 0).length, 0);
  });
});
