/**
 * Any text the `phi` rule flags is masked wherever an output would quote it:
 * rule messages in every CLI format, fix and code-action titles, hovers, inlay
 * hints, completions, document and workspace symbols, the report, the
 * timeline, the export, and the server's own messages. One pair of notes holds
 * identifiers in every field a tool shows (front matter value and key, section
 * heading, goal, medication heading, field values), and each output is swept.
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ensureBuilt, removeProject, runCli, tempProject } from './helpers.ts';
import { ensureServerBuilt, fileUri, positionAt, TestClient } from '../lsp/client.ts';

const EARLIER = `---
patient: Robert Miller
date: 2026-09-01
clinician: A. Okafor 555-201-7788
---

## Story
He worries about the night shifts.

## Relationships
- Sister: calls every week.

## Goals
- [G1] Call his sister at 555-333-2211 every Sunday.
- [G2] Drive to 42 Elm Street again.

## Medication meaning
### name@example.com 20 mg
- Change: start
- Rationale: Fewer panic attacks [G1].
- Meaning: Unsure.

## Countertransference
I felt steady.
`;

const NOTE = `---
patient: Robert Miller
date: 2026-10-01
clinician: A. Okafor 555-201-7788
555-867-5309: x
---

## Story
He wrote from robert.miller@example.org about the move.

## Call 555-444-1212
Notes for the call.

## Relationships
- Sister: calls every week.

## Goals
- [G1] Call his sister at 555-333-2211 every Sunday.
- Visit 42 Elm Street weekly.

## Medication meaning
### 555-201-7788
- Change: start
- Rationale: Low mood.

### Sertraline 50 mg
- Change: increase
- Rationale: Panic attacks, MRN 48213377.
- Meaning: He hopes it helps [G1].
- Plna: recheck

## Countertransference
I felt pressure to do something and wanted to prescribe right away.
`;

const IDENTIFIERS = [
  'Robert Miller',
  'Miller',
  '555-201-7788',
  '201-7788',
  '555-867-5309',
  '867-5309',
  '555-444-1212',
  '444-1212',
  '555-333-2211',
  '333-2211',
  'robert.miller@example.org',
  'name@example.com',
  'example.com',
  'example.org',
  '42 Elm Street',
  'Elm Street',
  '48213377',
];

function assertClean(name: string, text: string): void {
  for (const id of IDENTIFIERS) assert.ok(!text.includes(id), `${name} quotes "${id}":\n${text.slice(0, 2000)}`);
}

const TIMEOUT = 120_000;
let dir = '';
beforeAll(() => {
  ensureBuilt();
  ensureServerBuilt();
  dir = tempProject({ 'notes/2026-09-01.visit.md': EARLIER, 'notes/2026-10-01.visit.md': NOTE });
});
afterAll(() => removeProject(dir));

describe('identifiers are masked in every output', { concurrent: true, timeout: TIMEOUT }, () => {
  test('the CLI: lint in every format, report, timeline and export', async () => {
    const json = await runCli(['lint', '-f', 'json'], { cwd: dir });
    const messages = JSON.parse(json.stdout).flatMap((r: { messages: { ruleId: string; message: string }[] }) => r.messages);
    const rules = new Set(messages.map((m: { ruleId: string }) => m.ruleId));
    // The notes do reach the rules that would quote a name or a heading.
    for (const id of ['phi', 'medication-fields', 'rationale-goal-link', 'frontmatter', 'countertransference-prescribing', 'medication-continuity']) {
      assert.ok(rules.has(id), `expected findings of ${id}; got ${[...rules].join(', ')}`);
    }
    assert.ok(messages.some((m: { message: string }) => m.message.includes('[identifier]')), 'some message shows the mask');
    for (const args of [
      ['lint', '-f', 'stylish'],
      ['lint', '-f', 'json'],
      ['lint', '-f', 'sarif'],
      ['lint', '-f', 'github'],
      ['lint', '--fix-dry-run', '-f', 'json'],
      ['report', '--format', 'md', '--name-clinicians'],
      ['report', '--format', 'html', '--name-clinicians'],
      ['report', '--format', 'json', '--name-clinicians'],
      ['timeline', 'Robert Miller', 'notes'],
      ['export', 'notes/2026-10-01.visit.md'],
      ['export', 'notes/2026-10-01.visit.md', '--include-private'],
    ]) {
      const r = await runCli(args, { cwd: dir });
      assert.ok(r.code === 0 || r.code === 1, `${args.join(' ')}: exit ${r.code}\n${r.stderr}`);
      assertClean(`stdout of ${args.join(' ')}`, r.stdout);
      assertClean(`stderr of ${args.join(' ')}`, r.stderr);
    }
    const exported = await runCli(['export', 'notes/2026-10-01.visit.md', '-o', 'out.html'], { cwd: dir });
    assert.match(exported.stderr, /identifiers were replaced by \[identifier\]/);
    const html = readFileSync(path.join(dir, 'out.html'), 'utf8');
    assertClean('the exported file', html);
    assert.match(html, /\[identifier\]/);
    assert.match(html, /Sertraline/, 'the rest of the note is exported');
  });

  test('the language server: diagnostics, code actions, hover, inlay hints, completion, symbols, timeline', async () => {
    const client = await TestClient.start({ workspace: dir });
    try {
      const earlierUri = fileUri(path.join(dir, 'notes/2026-09-01.visit.md'));
      const uri = fileUri(path.join(dir, 'notes/2026-10-01.visit.md'));
      await client.open(earlierUri, EARLIER, 'visitnote');
      await client.open(uri, NOTE, 'visitnote');
      const published = await client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.source && /continuity/.test(String(d.code))), 30_000).catch(() =>
        client.currentDiagnostics(uri),
      );
      const diagnostics = published.diagnostics;
      assert.ok(diagnostics.length > 5);
      assertClean('diagnostic messages', JSON.stringify(diagnostics.map((d) => [d.message, d.relatedInformation?.map((r) => r.message)])));

      const end = positionAt(NOTE, NOTE.length);
      const range = { start: { line: 0, character: 0 }, end };
      const actions = await client.request<{ title: string }[]>('textDocument/codeAction', {
        textDocument: { uri },
        range,
        context: { diagnostics, only: undefined },
      });
      assert.ok(actions.length > 0);
      assertClean('code action titles', JSON.stringify(actions.map((a) => a.title)));
      for (const d of diagnostics) {
        const each = await client.request<{ title: string }[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
        assertClean(`code actions for ${String(d.code)}`, JSON.stringify((each ?? []).map((a) => a.title)));
      }

      const hovers: string[] = [];
      for (let offset = 0; offset < NOTE.length; offset += 2) {
        const h = await client.request<{ contents: unknown } | null>('textDocument/hover', { textDocument: { uri }, position: positionAt(NOTE, offset) });
        if (h) hovers.push(JSON.stringify(h.contents));
      }
      assert.ok(hovers.length > 0, 'some hovers');
      assertClean('hovers', hovers.join('\n'));

      const hints = await client.request<unknown[]>('textDocument/inlayHint', { textDocument: { uri }, range });
      assert.ok((hints ?? []).length > 0, 'inlay hints for the goal references');
      assertClean('inlay hints', JSON.stringify(hints));

      const symbols = await client.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri } });
      assertClean('document symbols', JSON.stringify(symbols));
      const workspaceSymbols = await client.request<unknown[]>('workspace/symbol', { query: '' });
      assert.ok((workspaceSymbols ?? []).length > 0);
      assertClean('workspace symbols', JSON.stringify(workspaceSymbols));

      const completions: string[] = [];
      for (const needle of ['[G1].', '- Change: increase\n', '## Medication meaning\n']) {
        const at = NOTE.indexOf(needle) + needle.length - 1;
        const list = await client.request<unknown>('textDocument/completion', { textDocument: { uri }, position: positionAt(NOTE, at) });
        completions.push(JSON.stringify(list));
      }
      assertClean('completions', completions.join('\n'));

      const timeline = await client.request<{ html?: string; patient?: string } | null>('visitNotes/timeline', { uri, cspSource: 'vscode-resource:', nonce: 'abcdefgh12' });
      assert.ok(timeline?.html?.includes('Sertraline'), 'the timeline was drawn');
      assertClean('timeline', JSON.stringify(timeline));
    } finally {
      await client.shutdown();
    }
  });
});
