/**
 * The patient timeline webview's page (client/src/timeline/timeline-page.ts):
 * the server's rendering in the extension's shell, with a strict CSP, one
 * nonce'd local script, escaped note text, and the empty states.
 */
import { test } from 'vitest';
import assert from 'node:assert/strict';
import { VisitIndex } from '../server/src/engine/index.ts';
import { renderTimeline } from '../server/src/timeline/render.ts';
import { emptyView, fromServerPage, linkedPaths, noticeFor, pageHtml, panelTitle } from '../client/src/timeline/timeline-page.ts';

// VS Code 1.100's webview.cspSource.
const webview = { cspSource: "'self' https://*.vscode-cdn.net", nonce: 'c2VydmVyLW5vbmNl' };
const embedding = { cspSource: webview.cspSource, nonce: 'cGFnZS1ub25jZQ==', scriptUri: 'https://file%2B.vscode-resource.vscode-cdn.net/ext/media/timeline.js' };

function note(date: string, goals: string, extra = ''): string {
  return `---\npatient: T.B.\ndate: ${date}\n${extra}---\n\n## Goals\n${goals}\n\n## Medication meaning\n### Sertraline 50 mg daily\n- Change: continue\n- Rationale: [G1]\n`;
}

function serverPage(notes: Record<string, string>): string {
  const index = new VisitIndex();
  for (const [file, text] of Object.entries(notes)) index.update(file, text);
  return renderTimeline(index.visitsFor('patient:t.b.'), { webview });
}

test('the server page in the extension shell: strict CSP, one nonce script, links to its visits', () => {
  const html = serverPage({
    '/w/a.visit.md': note('2026-01-08', '- [G1] Drive the route.'),
    '/w/b.visit.md': note('2026-02-05', '- [G1] Drive the route. (met: all of it)', 'clinician: J. Moreno\n'),
  });
  const view = fromServerPage(html, noticeFor(linkedPaths(html), '/w/b.visit.md'));
  assert.ok(view);
  assert.equal(view.state, 'timeline');
  assert.equal(view.title, 'Course of care — T.B.');
  assert.deepEqual(view.paths, ['/w/a.visit.md', '/w/b.visit.md']);
  assert.doesNotMatch(view.body, /vn-empty/, 'two visits: no notice');
  const page = pageHtml(view, embedding);
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)![1]!.replaceAll('&#39;', "'");
  assert.equal(
    csp,
    "default-src 'none'; base-uri 'none'; form-action 'none'; " +
      `style-src ${webview.cspSource} 'nonce-cGFnZS1ub25jZQ=='; img-src ${webview.cspSource} data:; font-src ${webview.cspSource}; ` +
      "script-src 'nonce-cGFnZS1ub25jZQ=='",
  );
  assert.equal(page.match(/<script/g)?.length, 1);
  assert.match(page, /<script nonce="cGFnZS1ub25jZQ==" src="https:\/\/file%2B\.vscode-resource\.vscode-cdn\.net\/ext\/media\/timeline\.js"><\/script>/);
  assert.match(page, /<style nonce="cGFnZS1ub25jZQ==">/);
  assert.doesNotMatch(page, /c2VydmVyLW5vbmNl/, "the server's nonce is not reused");
  assert.match(page, /<div id="vn-root" data-state="timeline">\n?<main class="vn-timeline">/);
  assert.equal(page.match(/<th scope="col" class="vn-visit">/g)?.length, 2);
  assert.match(page, /data-goal="G1"/);
  assert.doesNotMatch(page, /https?:\/\/(?![a-z0-9%*.-]*\.vscode-cdn\.net)/i, 'nothing remote');
  assert.throws(() => pageHtml(view, { ...embedding, nonce: "x' 'unsafe-inline" }));
  assert.throws(() => pageHtml(view, { ...embedding, cspSource: "x; script-src 'unsafe-inline'" }));
});

test('note text stays escaped through the shell; paths are unescaped only for the allowlist', () => {
  const html = serverPage({
    '/w/a.visit.md': note('2026-01-08', '- [G1] Stop <script>alert("x")</script> & <img src=x onerror=alert(1)>'),
    "/w/it's <b>.visit.md": note('2026-02-05', '- [G1] Stop it.', 'clinician: "<i>A</i>"\n'),
  });
  const view = fromServerPage(html)!;
  const page = pageHtml(view, embedding);
  assert.equal(page.match(/<script/g)?.length, 1, 'only the extension script');
  assert.doesNotMatch(page, /<img|<b>|<i>/);
  assert.match(page, /Stop &lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; &amp; &lt;img/);
  assert.deepEqual(view.paths, ['/w/a.visit.md', "/w/it's <b>.visit.md"]);
  assert.match(page, /data-path="\/w\/it&#39;s &lt;b&gt;\.visit\.md"/);
});

test('notices: only this visit, or this note undated', () => {
  const one = serverPage({ '/w/a.visit.md': note('2026-01-08', '- [G1] Walk.') });
  assert.equal(noticeFor(linkedPaths(one), '/w/a.visit.md'), 'only-visit');
  assert.match(fromServerPage(one, 'only-visit')!.body, /<\/h1>\n<div class="vn-empty" role="status"><p><strong>Only this visit so far\.<\/strong>/);
  const undated = serverPage({ '/w/a.visit.md': note('2026-01-08', '- [G1] Walk.'), '/w/b.visit.md': note('someday', '- [G1] Walk.') });
  assert.equal(noticeFor(linkedPaths(undated), '/w/b.visit.md'), 'undated');
  assert.match(fromServerPage(undated, 'undated')!.body, /no valid <code>date<\/code>/);
  assert.equal(noticeFor(['C:\\w\\a.visit.md', 'C:\\w\\b.visit.md'], 'c:\\w\\a.visit.md', true), undefined);
  assert.equal(noticeFor(['/w/A.visit.md', '/w/b.visit.md'], '/w/a.visit.md'), 'undated');
});

test('empty states explain what is missing, with the page still strict', () => {
  const view = emptyView('no-patient', '<x>.visit.md');
  assert.equal(view.state, 'empty');
  assert.deepEqual(view.paths, []);
  assert.match(view.body, /No timeline for this note\./);
  assert.match(view.body, /<code>&lt;x&gt;\.visit\.md<\/code> has no <code>patient<\/code> in its front matter/);
  const page = pageHtml(view, embedding);
  assert.match(page, /data-state="empty"/);
  assert.match(page, /--vn-fg: var\(--vscode-editor-foreground/, 'themed like the timeline');
  assert.match(emptyView('no-server', 'a.visit.md').body, /Restart Language Server/);
  assert.match(emptyView('gone', 'a.visit.md').body, /no longer available/);
  assert.match(emptyView('failed', 'a.visit.md').body, /could not draw/);
  assert.equal(panelTitle('T.B.'), 'Timeline T.B.');
  assert.equal(panelTitle(undefined), 'Timeline');
});

test('a page of another shape is not taken apart', () => {
  assert.equal(fromServerPage('<html><body>no style</body></html>'), undefined);
  assert.equal(fromServerPage('<style>x</style><body><script>alert(1)</script></body>'), undefined);
});
