/**
 * The preview renderer (server/src/preview/render.ts): what the webview and
 * `visitnotes export` show. Pure, so these run without VS Code.
 */
import { test } from 'vitest';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { lintText, type Finding, type Note } from '../server/src/engine/index.ts';
import { buildGoalMap, previewCsp, renderNoteBody, renderNoteHtml, visibleFindings } from '../server/src/preview/render.ts';

const root = path.resolve(import.meta.dirname, '..');
const example = (name: string) => readFileSync(path.join(root, 'examples', name), 'utf8');
const render = (text: string, options: Parameters<typeof renderNoteHtml>[2]) => {
  const { note, findings } = lintText(text);
  return renderNoteHtml(note, findings, options);
};

/** The renderer shows whatever findings it is given: tests hand-make them so they do not depend on rule wording. */
function finding(note: Note, ruleId: string, severity: Finding['severity'], needle: string, message: string): Finding {
  const start = note.text.indexOf(needle);
  assert.ok(start >= 0, `note contains ${needle}`);
  return { ruleId, severity, message, range: { start, end: start + needle.length } };
}
const csp = (html: string) => /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1]!.replace(/&#39;/g, "'");

const HOSTILE = [
  '---',
  'patient: <b onmouseover="x()">A.B.</b>',
  'date: 2026-11-20',
  'template: "\'><script>alert(1)</script>"',
  '---',
  '',
  '## Story <script>alert("heading")</script>',
  'She said <script>alert("story")</script> and <img src=x onerror=alert(2)>.',
  '',
  '<iframe src="https://example.com/frame"></iframe>',
  '',
  '[click](javascript:alert(3)) and ![scan](https://tracker.example/pixel.png) and [ok](https://example.org/a?b=1&c=2)',
  '',
  '```html',
  '<script>alert("code")</script>',
  '```',
  '',
  '## Relationships',
  '- Friend: `<style>` & "quotes" \'too\'',
  '',
  '## Goals',
  '- [G1] Walk to the <marquee>park</marquee>.',
  '',
  '## Medication meaning',
  '### <script>Sertraline</script> 50 mg',
  '- Rationale: Walks [G1] [G7].',
  '- Meaning: "x" onclick="y"',
  '',
  '## Countertransference',
  'I felt <u>rushed</u>.',
  '',
].join('\n');

test('note text is escaped everywhere: no markup from the note survives', () => {
  for (const options of [
    { includePrivate: true, nonce: 'abc123', cspSource: 'vscode-webview://x', scriptUri: 'vscode-resource:/media/preview.js' },
    { includePrivate: true, standalone: true },
  ]) {
    const html = render(HOSTILE, options);
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    assert.equal(scripts.length, options.standalone ? 0 : 1, 'only our own script tag');
    if (!options.standalone) assert.match(scripts[0]!, /^<script nonce="abc123" src="vscode-resource:\/media\/preview\.js">$/);
    assert.doesNotMatch(html, /<(img|iframe|marquee|b|u)\b/i, 'no element from the note');
    assert.doesNotMatch(html, /<[a-z][^>]*\son\w+=/i, 'no event handler attribute on any element');
    assert.doesNotMatch(html, /href="javascript:/i, 'no javascript: link');
    assert.doesNotMatch(html, /src="https?:/i, 'nothing remote is loaded');
    assert.match(html, /She said <span class="vn-raw-html">&lt;script&gt;<\/span>alert\(&quot;story&quot;\)<span class="vn-raw-html">&lt;\/script&gt;<\/span>/, 'inline HTML shown as text');
    assert.match(html, /<p( data-line="9")?><span class="vn-raw-html">&lt;iframe src=&quot;https:\/\/example\.com\/frame&quot;&gt;&lt;\/iframe&gt;<\/span><\/p>/, 'block HTML shown as text');
    assert.match(html, /&lt;img src=x onerror=alert\(2\)&gt;/);
    assert.match(html, /&lt;script&gt;alert\(&quot;code&quot;\)&lt;\/script&gt;/, 'code block escaped');
    assert.match(html, /&lt;b onmouseover=&quot;x\(\)&quot;&gt;A\.B\.&lt;\/b&gt;/, 'front matter value escaped');
    assert.match(html, /<code>&lt;style&gt;<\/code> &amp; &quot;quotes&quot; &#39;too&#39;/);
    assert.match(html, /\[image: scan\]/, 'images are never loaded');
    assert.match(html, /<a class="vn-external" href="https:\/\/example\.org\/a\?b=1&amp;c=2"/, 'web links kept, escaped');
    assert.match(html, /<span class="vn-link-text" title="javascript:alert\(3\)">click<\/span>/);
  }
});

test('the CSP meta is present and strict in the webview', () => {
  const html = render(example('clean-follow-up.visit.md'), {
    includePrivate: true,
    nonce: 'n0nce',
    cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
    scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/preview.js',
  });
  assert.match(html, /<meta http-equiv="Content-Security-Policy" content="/, 'CSP meta');
  const policy = csp(html);
  assert.match(policy, /^default-src 'none'/);
  assert.match(policy, /style-src 'nonce-n0nce'/);
  assert.match(policy, /script-src 'nonce-n0nce'/);
  assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval|\*/);
  assert.match(html, /<style nonce="n0nce">/);
  assert.ok(html.indexOf('Content-Security-Policy') < html.indexOf('<style'), 'CSP comes before any style');
});

test('standalone export: no script, inline style allowed only by its hash', () => {
  const html = render(example('clean-follow-up.visit.md'), { includePrivate: false, standalone: true });
  const policy = csp(html);
  const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
  const hash = createHash('sha256').update(style, 'utf8').digest('base64');
  assert.match(policy, /^default-src 'none'/);
  assert.ok(policy.includes(`style-src 'sha256-${hash}'`), 'hash matches the inline style');
  assert.doesNotMatch(policy, /script-src/);
  assert.doesNotMatch(html, /<script/);
  assert.doesNotMatch(html, /data-line=/, 'no editor plumbing in exports');
  assert.equal(previewCsp({ standalone: true }), policy);
});

test('header card: pseudonym, date, template, finding counts', () => {
  const { note } = lintText(example('symptoms-only.visit.md'));
  const findings = [
    finding(note, 'rationale-goal-link', 'warning', 'GAD and panic attacks.', 'symptoms-only rationale, no goal linked'),
    finding(note, 'goal-symptom-framed', 'info', 'Less anxiety.', 'Goal is framed as symptom reduction.'),
    finding(note, 'phi', 'warning', 'library', 'Looks like an identifier.'),
  ];
  const html = renderNoteHtml(note, findings, { includePrivate: true, standalone: true, template: 'follow-up' });
  const body = html.slice(html.indexOf('<body'));
  assert.match(body, /<li class="vn-count vn-count-info">1 info<\/li>/);
  assert.match(html, /<span class="vn-patient">L\.D\.<\/span>/);
  assert.match(html, /<dt>Date<\/dt><dd>2026-11-12<\/dd>/);
  assert.match(html, /<dt>Template<\/dt><dd>follow-up<\/dd>/);
  assert.match(body, /<li class="vn-count vn-count-warning">2 warnings<\/li>/);
  assert.doesNotMatch(body, /vn-count-error/);
  assert.match(html, /<title>Visit note — L\.D\., 2026-11-12<\/title>/);
});

test('a clean note says so', () => {
  const { note } = lintText(example('clean-follow-up.visit.md'));
  const html = renderNoteBody(note, [], { includePrivate: true, standalone: true });
  assert.match(html, /No findings/);
  assert.doesNotMatch(html, /vn-flag/);
});

test('goal ↔ medication map: who serves what, and what stands alone', () => {
  const { note } = lintText(example('symptoms-only.visit.md'));
  const map = buildGoalMap(note);
  assert.deepEqual(
    map.goals.map((g) => [g.goal.id, g.links.map((l) => note.medications[l.medication]!.title)]),
    [
      ['G1', ['Hydroxyzine 25 mg as needed']],
      ['G2', []],
    ],
  );
  assert.deepEqual(map.medications.map((m) => m.links.map((l) => l.goal)), [[], ['G1']]);
  const html = renderNoteBody(note, [], { includePrivate: true });
  assert.match(html, /<li class="vn-map-goal vn-alone" data-goal="G2">[\s\S]*?Served by no medication/);
  assert.match(html, /<li class="vn-map-med vn-alone" data-medication="0">[\s\S]*?Escitalopram 10 mg daily[\s\S]*?Linked to no goal/);
  assert.match(html, /<li class="vn-map-med" data-medication="1">[\s\S]*?Serves <a class="vn-goal vn-reveal" href="#vn-goal-G1"/);
});

test('undefined goal references are marked, in the text and in the map', () => {
  const { note, findings } = lintText(HOSTILE);
  const html = renderNoteBody(note, findings, { includePrivate: true });
  assert.match(html, /<span class="vn-goal vn-goal-undefined" title="Goal G7 is not defined in this note">G7<\/span>/);
  assert.match(html, /<a class="vn-goal vn-goal-def vn-reveal" id="vn-goal-G1"/);
});

test('findings appear inline at their section, with rule and docs link', () => {
  const text = example('symptoms-only.visit.md');
  const { note } = lintText(text);
  const rationale = finding(note, 'rationale-goal-link', 'warning', 'GAD and panic attacks.', 'symptoms-only rationale, no goal linked');
  const fm = finding(note, 'frontmatter', 'error', 'clinician', 'Unknown key.');
  const html = renderNoteBody(note, [fm, rationale], { includePrivate: true, docsUrl: (id) => `https://docs.example/${id}` });
  const med = html.slice(html.indexOf('data-section="Medication meaning"'));
  const { line } = note.lines.toLineColumn(rationale.range.start);
  assert.match(med.slice(0, med.indexOf('</ul>')), new RegExp(`data-rule="rationale-goal-link"[^>]*>rationale-goal-link</a><span class="vn-loc">line ${line}:`));
  assert.match(html, /href="https:\/\/docs\.example\/rationale-goal-link"/);
  assert.match(html, new RegExp(`data-offset="${rationale.range.start}"`), 'finding reveals its place');
  const top = html.slice(html.indexOf('vn-note-findings'), html.indexOf('vn-map'));
  assert.match(top, /data-rule="frontmatter"/, 'front-matter findings sit above the sections');
  assert.doesNotMatch(top, /rationale-goal-link/);
});

test('webview rendering carries data-line for scroll sync and offsets for reveal', () => {
  const { note, findings } = lintText(example('clean-follow-up.visit.md'));
  const html = renderNoteBody(note, findings, { includePrivate: true });
  const story = note.sections.find((s) => s.canonical === 'Story')!;
  assert.match(html, new RegExp(`<h2 data-line="${note.lines.lineAt(story.headingRange.start)}">`));
  const med = note.medications[0]!;
  assert.match(html, new RegExp(`<h3 class="vn-med-heading" id="vn-med-0" data-line="${note.lines.lineAt(med.headingRange.start)}"><a class="vn-reveal" href="#vn-med-0" data-offset="${med.headingRange.start}">`));
});

test('Countertransference: shown marked private in the editor, left out of exports', () => {
  const text = example('pressure-to-act.visit.md');
  const { note } = lintText(text);
  const ct = note.sections.find((s) => s.canonical === 'Countertransference')!;
  const findings = [
    finding(note, 'countertransference-prescribing', 'info', 'Change: start', 'Started while the reflection records pressure to act.'),
    { ruleId: 'phi', severity: 'warning' as const, message: 'inside the private section', range: { start: ct.bodyRange.start + 1, end: ct.bodyRange.start + 2 } },
  ];
  const sample = ct.text.split(/\s+/).slice(0, 4).join(' ');
  assert.ok(sample.length > 5);

  const editor = renderNoteHtml(note, findings, { includePrivate: true, nonce: 'x' });
  assert.match(editor, /<section class="vn-section vn-private" data-section="Countertransference">/);
  assert.match(editor, /Private — your reflection; left out of exports/);
  assert.ok(editor.includes(sample.replace(/&/g, '&amp;').replace(/'/g, '&#39;').replace(/"/g, '&quot;')));

  const shared = renderNoteHtml(note, findings, { includePrivate: false, standalone: true });
  assert.doesNotMatch(shared, /data-section="Countertransference"/);
  assert.ok(!shared.includes(sample), 'private text absent');
  assert.match(shared, /private Countertransference section is left out/);
  assert.doesNotMatch(shared, /countertransference-(prescribing|reflection)/, 'its findings are left out too');
  assert.doesNotMatch(shared, /inside the private section/);
  assert.match(editor, /inside the private section/);
  assert.ok(visibleFindings(note, findings, false).every((f) => !f.ruleId.startsWith('countertransference-')));
});

test('a note with no front matter or sections still renders', () => {
  const html = render('Just a line of text with [G1].\n', { includePrivate: true, standalone: true });
  assert.match(html, /No patient pseudonym/);
  assert.match(html, /Just a line of text/);
  const empty = render('', { includePrivate: true, standalone: true });
  assert.match(empty, /<main class="vn-note">/);
});
