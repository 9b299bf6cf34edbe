/**
 * Code actions over the protocol, applied to the text: engine fixes as
 * preferred quick fixes, suggestions, "Link a goal", "Insert all missing
 * sections", "Disable <rule> for this line" (indentation, CRLF), fix-all on
 * save, and the version check on `diagnostic.data`.
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { fixAll, lintText } from '../../server/src/engine/index.ts';
import { applyTextEdits, fileUri, positionOf, tempWorkspace, TestClient } from './client.ts';
import { PROBLEMS } from './notes.ts';

describe('code actions', () => {
  let client: TestClient;
  let ws: ReturnType<typeof tempWorkspace>;
  let n = 0;

  beforeAll(async () => {
    ws = tempWorkspace();
    client = await TestClient.start({ workspace: ws.dir });
  });
  afterAll(async () => {
    await client.shutdown();
    ws.cleanup();
  });

  async function openNote(text: string): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
    const uri = fileUri(path.join(ws.dir, `a${n++}.visit.md`));
    await client.open(uri, text);
    const published = await client.currentDiagnostics(uri);
    return { uri, diagnostics: published.diagnostics };
  }
  function actionsFor(uri: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range,
      context: { diagnostics, ...(only ? { only } : {}) },
    });
  }
  /** The single document's edits of an action (versioned documentChanges). */
  function editsOf(action: CodeAction, uri: string, version: number): TextEdit[] {
    const change = action.edit?.documentChanges?.[0] as { textDocument: { uri: string; version: number }; edits: TextEdit[] };
    assert.deepEqual(change.textDocument, { uri, version });
    return change.edits;
  }
  const codes = (text: string) => lintText(text).findings.map((f) => f.ruleId);

  test('an engine fix is the preferred quick fix; applying it removes the finding', async () => {
    const { uri, diagnostics } = await openNote(PROBLEMS);
    const missing = diagnostics.find((d) => d.code === 'required-section' && d.message.includes('Relationships'))!;
    const actions = await actionsFor(uri, [missing]);
    const fix = actions.find((a) => a.isPreferred)!;
    assert.equal(fix.kind, 'quickfix');
    assert.match(fix.title, /Relationships/);
    assert.deepEqual(fix.diagnostics, [missing]);
    const fixed = applyTextEdits(PROBLEMS, editsOf(fix, uri, 1));
    assert.match(fixed, /^## Relationships$/m);
    assert.ok(!lintText(fixed).findings.some((f) => f.ruleId === 'required-section' && f.message.includes('Relationships')));
  });

  test('Insert all missing sections: one edit adding every missing section', async () => {
    const { uri, diagnostics } = await openNote(PROBLEMS);
    const missing = diagnostics.filter((d) => d.code === 'required-section');
    assert.equal(missing.length, 2);
    const actions = await actionsFor(uri, [missing[0]!]);
    const all = actions.find((a) => a.title === 'Insert all missing sections')!;
    assert.ok(all, 'offered');
    const edits = editsOf(all, uri, 1);
    assert.equal(edits.length, 1);
    const fixed = applyTextEdits(PROBLEMS, edits);
    assert.ok(!codes(fixed).includes('required-section'));
    assert.equal(fixed, fixAll(PROBLEMS, { only: ['required-section'] }).text);
  });

  test('suggestions become further quick fixes: link a goal to a rationale', async () => {
    const { uri, diagnostics } = await openNote(PROBLEMS);
    const d = diagnostics.find((x) => x.code === 'rationale-goal-link')!;
    const actions = await actionsFor(uri, [d]);
    const links = actions.filter((a) => /G1|G2/.test(a.title) && !a.title.startsWith('Disable'));
    assert.equal(links.length, 2);
    assert.ok(links.every((a) => !a.isPreferred));
    const fixed = applyTextEdits(PROBLEMS, editsOf(links[0]!, uri, 1));
    assert.match(fixed, /- Rationale: Insomnia and nightmares \[G1\]\./);
    assert.ok(!codes(fixed).includes('rationale-goal-link'));
  });

  test('linking a goal offers exactly the rule’s suggestions: never a goal marked (met)', async () => {
    const text = PROBLEMS.replace('Thursdays.', 'Thursdays. (met)');
    const { uri, diagnostics } = await openNote(text);
    const d = diagnostics.find((x) => x.code === 'rationale-goal-link')!;
    const actions = await actionsFor(uri, [d]);
    const links = actions.filter((a) => a.kind === 'quickfix' && !a.title.startsWith('Disable'));
    const finding = lintText(text, { only: ['rationale-goal-link'] }).findings[0]!;
    assert.deepEqual(links.map((a) => a.title), finding.suggestions!.map((s) => s.title));
    assert.equal(links.length, 1);
    assert.match(links[0]!.title, /\[G2\]/);
    assert.ok(!actions.some((a) => /\[G1\]/.test(a.title)), 'the met goal is not offered');
  });

  test('undefined-goal offers each defined goal as a replacement', async () => {
    const { uri, diagnostics } = await openNote(PROBLEMS);
    const d = diagnostics.find((x) => x.code === 'undefined-goal')!;
    const actions = await actionsFor(uri, [d]);
    const change = actions.find((a) => a.title.includes('G2') && !a.title.startsWith('Disable'))!;
    assert.match(applyTextEdits(PROBLEMS, editsOf(change, uri, 1)), /Revisit in 6 weeks \[G2\]\./);
  });

  test('Disable <rule> for this line inserts the directive above, and the finding goes away', async () => {
    const { uri, diagnostics } = await openNote(PROBLEMS);
    const d = diagnostics.find((x) => x.code === 'rationale-goal-link')!;
    const actions = await actionsFor(uri, [d]);
    const disable = actions.find((a) => a.title === 'Disable rationale-goal-link for this line')!;
    assert.equal(disable.kind, 'quickfix');
    const fixed = applyTextEdits(PROBLEMS, editsOf(disable, uri, 1));
    assert.ok(fixed.includes('- Change: increase\n<!-- visitnotes-disable-next-line rationale-goal-link -->\n- Rationale: Insomnia'));
    assert.ok(!codes(fixed).includes('rationale-goal-link'));
  });

  test('Disable keeps the line’s indentation and the document’s CRLF', async () => {
    const text = PROBLEMS.replace('- [G1] Get', '  - [G1] Get').replace('- [G2] Walk', '  - [G2] Walk').replace(/\n/g, '\r\n');
    const { uri, diagnostics } = await openNote(text);
    const d = diagnostics.find((x) => x.code === 'unlinked-goal' && x.range.start.line === positionOf(text, '[G2] Walk').line);
    assert.ok(d, 'unlinked-goal on the indented goal');
    const actions = await actionsFor(uri, [d]);
    const disable = actions.find((a) => a.title === 'Disable unlinked-goal for this line')!;
    const fixed = applyTextEdits(text, editsOf(disable, uri, 1));
    assert.ok(fixed.includes('Thursdays.\r\n  <!-- visitnotes-disable-next-line unlinked-goal -->\r\n  - [G2] Walk'));
  });

  test('no Disable action inside the front matter', async () => {
    const text = PROBLEMS.replace('date: 2026-10-02', 'date: 2026-13-45');
    const { uri, diagnostics } = await openNote(text);
    const d = diagnostics.find((x) => x.code === 'frontmatter');
    assert.ok(d, 'an invalid date is reported');
    const actions = await actionsFor(uri, [d]);
    assert.ok(!actions.some((a) => a.title.startsWith('Disable')));
  });

  test('source.fixAll.visitnotes: one edit equal to the engine’s fix-all', async () => {
    const { uri } = await openNote(PROBLEMS);
    const actions = await actionsFor(uri, [], ['source.fixAll']);
    assert.equal(actions.length, 1);
    assert.equal(actions[0]!.kind, 'source.fixAll.visitnotes');
    const edits = editsOf(actions[0]!, uri, 1);
    assert.equal(edits.length, 1);
    assert.equal(applyTextEdits(PROBLEMS, edits), fixAll(PROBLEMS).text);
    // Quick-fix and automatic requests never carry the (costly) source action; a menu the user opens does.
    const quick = await actionsFor(uri, [], ['quickfix']);
    assert.ok(!quick.some((a) => a.kind?.startsWith('source')));
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const automatic = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [], triggerKind: 2 } });
    assert.ok(!automatic.some((a) => a.kind?.startsWith('source')));
    const invoked = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [], triggerKind: 1 } });
    assert.ok(invoked.some((a) => a.kind === 'source.fixAll.visitnotes'));
  });

  test('stale diagnostic data is not trusted: fixes come from the current version', async () => {
    const { uri, diagnostics } = await openNote(PROBLEMS);
    const relationships = diagnostics.find((d) => d.code === 'required-section' && d.message.includes('Relationships'))!;
    // Insert a line at the top of the Story: every range below shifts.
    const at = positionOf(PROBLEMS, 'She talks about');
    const version = await client.change(uri, [{ range: { start: at, end: at }, text: 'A new first line.\n' }]);
    const text = PROBLEMS.replace('She talks about', 'A new first line.\nShe talks about');
    const actions = await actionsFor(uri, [relationships]);
    // The old range no longer holds that finding: no fix with stale offsets.
    for (const a of actions.filter((x) => !x.title.startsWith('Disable'))) {
      const fixed = applyTextEdits(text, editsOf(a, uri, version));
      assert.ok(!fixed.includes('A new first line.\n## Relationships\nShe'), 'no edit from stale offsets');
    }
    // The current diagnostic gets its fix, edits tagged with the current version.
    const current = await client.currentDiagnostics(uri);
    const fresh = current.diagnostics.find((d) => d.code === 'required-section' && d.message.includes('Relationships'))!;
    const actions2 = await actionsFor(uri, [fresh]);
    const fix = actions2.find((a) => a.isPreferred)!;
    assert.match(applyTextEdits(text, editsOf(fix, uri, version)), /^## Relationships$/m);
  });

  test('clients that drop diagnostic.data still get fixes (looked up by rule and range)', async () => {
    const { uri, diagnostics } = await openNote(PROBLEMS);
    const d = { ...diagnostics.find((x) => x.code === 'required-section')! };
    delete d.data;
    const actions = await actionsFor(uri, [d]);
    assert.ok(actions.some((a) => a.isPreferred));
  });
});
