/// <reference types="mocha" />
/**
 * `Visit Notes: Show Patient Timeline` end to end: the language server's visit
 * index (the workspace's notes of T.B., visits/t-b/) → `visitNotes/timeline` →
 * the webview beside the editor, its updates while another note of the patient
 * is edited, and the empty states.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TimelineSnapshot } from '../../../client/src/timeline/timeline-panel.ts';
import { api, open, positionOf, waitFor, workspaceUri } from './helpers.ts';

const DATES = ['2026-01-08', '2026-02-05', '2026-03-05', '2026-04-02'];

async function showTimeline(): Promise<void> {
  const viewType = await vscode.commands.executeCommand<string>('visitNotes.showTimeline');
  assert.equal(viewType, 'visitNotes.timeline');
}

async function timeline(what: string, check: (t: TimelineSnapshot) => boolean, timeout = 30000): Promise<TimelineSnapshot> {
  const a = await api();
  return waitFor(what, () => {
    const t = a.timeline();
    return t && check(t) ? t : undefined;
  }, timeout);
}

/** The rows of the goal `id`, as HTML. */
function goalRow(html: string, id: string): string {
  const row = new RegExp(`<tr class="vn-goal-row" data-goal="${id}">[\\s\\S]*?</tr>`).exec(html);
  assert.ok(row, `a row for ${id}`);
  return row[0];
}

suite('Visit Notes patient timeline', () => {
  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('shows every visit of the patient as a column and every goal as a row', async () => {
    const editor = await open('visits', 't-b', '2026-04-02-follow-up.visit.md');
    await showTimeline();
    const t = await timeline('the timeline of T.B. with four visits', (s) => s.state === 'timeline' && s.visits === 4);
    assert.equal(t.uri, editor.document.uri.toString());
    assert.equal(t.patient, 'T.B.');
    const tab = await waitFor('timeline tab', () =>
      vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .find((x) => x.input instanceof vscode.TabInputWebview && x.input.viewType.endsWith('visitNotes.timeline') && x.label === 'Timeline T.B.'),
    );
    assert.notEqual(tab.group.viewColumn, vscode.ViewColumn.One, 'beside the editor');

    const html = t.html;
    assert.equal(html.match(/<th scope="col" class="vn-visit">/g)?.length, 4);
    for (const date of DATES) {
      assert.match(html, new RegExp(`<a class="vn-date vn-open" href="#" data-path="[^"]*/visits/t-b/${date}-[a-z-]+\\.visit\\.md" title="Open this note">${date}</a>`));
    }
    for (const id of ['G1', 'G2', 'G3', 'G4']) goalRow(html, id);
    assert.match(goalRow(html, 'G1'), /vn-badge vn-g-met">met</);
    assert.match(goalRow(html, 'G3'), /vn-badge vn-g-revised">revised</);
    assert.match(html, /<tr class="vn-med-row" data-medication="propranolol">[\s\S]*?vn-c-start[\s\S]*?vn-c-taper[\s\S]*?vn-m-ended[\s\S]*?<\/tr>/);
    assert.doesNotMatch(html, /class="vn-empty"/, 'a real course: no notice');

    // The page: strict CSP, theme variables, the extension's one script.
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1]?.replaceAll('&#39;', "'");
    assert.ok(csp);
    const source = /style-src (.+?) 'nonce-/.exec(csp)?.[1];
    assert.ok(source && !/'unsafe|\*(?!\.)/.test(source), `webview.cspSource only: ${source}`);
    assert.match(csp, /^default-src 'none'; base-uri 'none'; form-action 'none'; style-src [^;]+ 'nonce-[A-Za-z0-9+/=]+'; img-src [^;]+; font-src [^;]+; script-src 'nonce-[A-Za-z0-9+/=]+'$/);
    assert.equal(html.match(/<script/g)?.length, 1);
    assert.match(html, /<script nonce="[^"]+" src="[^"]+\/media\/timeline\.js"><\/script>/);
    assert.match(html, /var\(--vscode-editor-foreground/);
  });

  test('follows edits to another note of the patient, with its text escaped', async () => {
    await open('visits', 't-b', '2026-04-02-follow-up.visit.md');
    await showTimeline();
    await timeline('four visits', (s) => s.state === 'timeline' && s.visits === 4);
    const march = await open('visits', 't-b', '2026-03-05-follow-up.visit.md');
    const g4 = positionOf(march.document, '- [G4]');
    await march.edit((b) =>
      b.insert(march.document.lineAt(g4.line).range.end, '\n- [G5] Read <script>alert("timeline")</script> & <img src=x onerror=alert(1)> at the concert.'),
    );
    const t = await timeline('the new goal G5 in the timeline', (s) => s.html.includes('data-goal="G5"'));
    assert.match(goalRow(t.html, 'G5'), /Read &lt;script&gt;alert\(&quot;timeline&quot;\)&lt;\/script&gt; &amp; &lt;img src=x onerror=alert\(1\)&gt; at the concert\./);
    assert.equal(t.html.match(/<script/g)?.length, 1, 'no script from note text');
    assert.doesNotMatch(t.html, /<img/);
    assert.equal(t.uri, workspaceUri('visits', 't-b', '2026-04-02-follow-up.visit.md').toString(), 'still the timeline of the note it was shown for');
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await timeline('G5 gone after the revert', (s) => !s.html.includes('data-goal="G5"') && s.visits === 4);
  });

  test('explains a timeline with one visit, and a note without a patient', async () => {
    await open('clean.visit.md');
    await showTimeline();
    const one = await timeline('the one-visit timeline of R.M.', (s) => s.patient === 'R.M.' && s.state === 'timeline');
    assert.equal(one.visits, 1);
    assert.match(one.html, /class="vn-empty" role="status"><p><strong>Only this visit so far\./);

    const lone = workspaceUri('no-patient.visit.md');
    await vscode.workspace.fs.writeFile(lone, new TextEncoder().encode('---\ndate: 2026-05-01\n---\n\n## Story\nA note without a patient.\n'));
    try {
      await open('no-patient.visit.md');
      await showTimeline();
      const empty = await timeline('the empty state', (s) => s.uri === lone.toString() && s.state === 'empty');
      assert.match(empty.html, /No timeline for this note\./);
      assert.match(empty.html, /<code>no-patient\.visit\.md<\/code> has no <code>patient<\/code> in its front matter/);
      assert.equal(empty.patient, undefined);
      assert.doesNotMatch(empty.html, /vn-visit/);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace.fs.delete(lone);
    }
  });
});
