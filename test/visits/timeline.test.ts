import { test } from 'vitest';
import assert from 'node:assert/strict';
import path from 'node:path';
import { VisitIndex } from '../../server/src/engine/index.ts';
import { buildTimeline, renderTimeline } from '../../server/src/timeline/render.ts';
import { contentSecurityPolicy } from '../../server/src/timeline/html.ts';
import { indexFolder } from './helpers.ts';

const fixtures = path.resolve(import.meta.dirname, '../fixtures/visits');

function note(date: string, goals: string, meds = ''): string {
  return `---\npatient: T.B.\ndate: ${date}\n---\n\n## Goals\n${goals}\n\n## Medication meaning\n${meds}\n`;
}

test('model: one column per dated visit, one row per goal and medication', async () => {
  const { index } = await indexFolder(path.join(fixtures, 'course'));
  const model = buildTimeline(index.visitsFor('patient:t.b.'));
  assert.equal(model.patient, 'T.B.');
  assert.deepEqual(model.visits.map((v) => v.date), ['2026-01-12', '2026-02-09', '2026-03-09', '2026-04-06']);
  assert.deepEqual(model.visits[2], {
    date: '2026-03-09',
    visit: 'follow-up',
    clinician: 'B. Lind',
    path: path.join(fixtures, 'course', 'visit-3.visit.md'),
  });
  const rows = Object.fromEntries(model.goals.map((g) => [g.id, g.cells.map((c) => c.state)]));
  assert.deepEqual(rows, {
    G1: ['new', 'carried', 'met', 'new'],
    G2: ['new', 'reworded', 'carried', 'dropped'],
    G3: ['new', 'missing', 'lapsed', 'lapsed'],
    G4: ['absent', 'absent', 'new', 'carried'],
  });
  assert.equal(model.goals[0]!.cells[2]!.reason, 'coached the first spring practice');
  assert.deepEqual(model.goals[0]!.cells[0]!.medications, ['Sertraline']);
  const meds = Object.fromEntries(model.medications.map((m) => [m.name, m.cells.map((c) => c.state + (c.change ? ':' + c.change : ''))]));
  assert.deepEqual(meds, {
    Sertraline: ['listed:start', 'listed:increase', 'listed:continue', 'listed:continue'],
    Trazodone: ['listed:start', 'gone', 'absent', 'absent'],
    Hydroxyzine: ['absent', 'listed:continue', 'listed:stop', 'ended'],
  });
  assert.deepEqual(model.medications[0]!.cells[1]!.titles, ['Sertraline 100 mg daily']);
});

test('html: CSP meta, columns and rows, no scripts or remote assets', async () => {
  const { index } = await indexFolder(path.join(fixtures, 'course'));
  const html = renderTimeline(index.visitsFor('patient:t.b.'));
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
  assert.ok(csp, 'CSP meta present');
  assert.match(csp[1]!, /^default-src 'none'; base-uri 'none'; form-action 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; img-src data:$/);
  assert.equal(html.match(/<th scope="col" class="vn-visit">/g)?.length, 4);
  assert.equal(html.match(/<tr class="vn-goal-row"/g)?.length, 4);
  assert.equal(html.match(/<tr class="vn-med-row"/g)?.length, 3);
  // Each goal row has one cell per visit.
  for (const row of html.match(/<tr class="vn-goal-row"[\s\S]*?<\/tr>/g)!) assert.equal(row.match(/<td /g)?.length, 4);
  assert.doesNotMatch(html, /<script|https?:\/\/|src=|href=|style="/i);
  // The hash in the CSP is the hash of the stylesheet actually embedded.
  const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
  assert.equal(contentSecurityPolicy(style), csp[1]);
});

test('html: note text is escaped everywhere', () => {
  const index = new VisitIndex();
  index.update('/w/a.visit.md', note('2026-01-01', '- [G1] Stop <script>alert("x")</script> & "quote" \'apostrophe\'', '### <img src=x onerror=alert(1)> 5 mg\n- Change: start\n- Rationale: [G1]'));
  index.update('/w/b.visit.md', note('2026-02-01', '- [G1] (met: <b>bold</b>) Stop it'));
  const html = renderTimeline(index.visitsFor('patient:t.b.'), { patient: 'T.B. <i>' });
  assert.doesNotMatch(html, /<script>|<img|<b>|<i>|onerror=alert\(1\)>/);
  assert.match(html, /Stop &lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; &amp; &quot;quote&quot; &#39;apostrophe&#39;/);
  assert.match(html, /&lt;b&gt;bold&lt;\/b&gt;/);
  assert.match(html, /Course of care — T\.B\. &lt;i&gt;/);
});

test('webview embedding: cspSource and nonce, validated', () => {
  const index = new VisitIndex();
  index.update('/w/a.visit.md', note('2026-01-01', '- [G1] Walk.'));
  const html = renderTimeline(index.visitsFor('patient:t.b.'), {
    webview: { cspSource: 'https://abc.vscode-resource.vscode-cdn.net', nonce: 'Zm9vYmFyYmF6cXV4' },
  });
  assert.match(html, /style-src https:\/\/abc\.vscode-resource\.vscode-cdn\.net 'nonce-Zm9vYmFyYmF6cXV4'/);
  assert.match(html, /<style nonce="Zm9vYmFyYmF6cXV4">/);
  assert.match(html, /<body class="vn-webview">/);
  // In a webview the date links to its note (the path is escaped); a standalone page names no files.
  assert.match(html, /<a class="vn-date vn-open" href="#" data-path="\/w\/a\.visit\.md" title="Open this note">2026-01-01<\/a>/);
  assert.doesNotMatch(renderTimeline(index.visitsFor('patient:t.b.')), /data-path|\/w\/a\.visit/);
  const odd = new VisitIndex();
  odd.update('/w/"><script>x</script>.visit.md', note('2026-01-01', '- [G1] Walk.'));
  const oddHtml = renderTimeline(odd.visitsFor('patient:t.b.'), { webview: { cspSource: 'vscode-webview://x', nonce: 'Zm9vYmFyYmF6cXV4' } });
  assert.match(oddHtml, /data-path="\/w\/&quot;&gt;&lt;script&gt;x&lt;\/script&gt;\.visit\.md"/);
  assert.doesNotMatch(oddHtml, /<script/);
  assert.throws(() => renderTimeline([], { webview: { cspSource: "x; script-src 'unsafe-inline'", nonce: 'Zm9vYmFyYmF6cXV4' } }));
  assert.throws(() => renderTimeline([], { webview: { cspSource: "'unsafe-inline'", nonce: 'Zm9vYmFyYmF6cXV4' } }));
  // What VS Code 1.100 actually passes as webview.cspSource.
  const real = renderTimeline([], { webview: { cspSource: "'self' https://*.vscode-cdn.net", nonce: 'Zm9vYmFyYmF6cXV4' } });
  assert.match(real, /style-src &#39;self&#39; https:\/\/\*\.vscode-cdn\.net &#39;nonce-Zm9vYmFyYmF6cXV4&#39;|style-src 'self' https:\/\/\*\.vscode-cdn\.net 'nonce-Zm9vYmFyYmF6cXV4'/);
  assert.throws(() => renderTimeline([], { webview: { cspSource: 'x', nonce: "a' b" } }));
  assert.match(renderTimeline([]), /No dated visits/);
});
