/**
 * The patient timeline's webview page. The language server renders the course
 * of care (`visitNotes/timeline`, server/src/timeline/render.ts: every piece of
 * note text escaped); the extension keeps that page's stylesheet and body and
 * puts them in its own shell: the same strict Content-Security-Policy plus one
 * nonce'd local script (media/timeline.js), so a click on a visit's date opens
 * that note and updates swap only the body (the scroll position stays). When
 * there is nothing to draw, the page explains why instead.
 *
 * Pure: no vscode import (unit-tested in test/client-timeline.test.ts).
 */
import { BASE_STYLE, contentSecurityPolicy, escapeHtml } from '../../../server/src/timeline/html.ts';

export interface TimelineView {
  /** `timeline`: the server's drawing (perhaps with a notice); `empty`: only an explanation. */
  state: 'timeline' | 'empty';
  /** The page title (also the panel's). */
  title: string;
  /** The stylesheet (ours: the server's rendering, or the empty state's). */
  style: string;
  /** Already-escaped HTML for `#vn-root`. */
  body: string;
  /** Note paths the page links to (its visits' `data-path`), in column order. */
  paths: string[];
}

export interface PageEmbedding {
  cspSource: string;
  nonce: string;
  /** `webview.asWebviewUri(media/timeline.js)`. */
  scriptUri: string;
}

/** Why there is no timeline to draw. */
export type EmptyReason = 'no-patient' | 'no-server' | 'failed' | 'gone';

/** Shown above a drawn timeline that is not really a course yet. */
export type Notice = 'only-visit' | 'undated' | undefined;

const EXTRA_STYLE = `
.vn-empty { margin: 12px 0; padding: 10px 14px; border: 1px solid var(--vn-border); border-left: 3px solid var(--vn-accent);
  border-radius: 3px; background: var(--vn-card); max-width: 46em; }
.vn-empty p { margin: 4px 0; }
.vn-empty code { font-family: var(--vn-mono); }
`;

/** The server's page, taken apart: stylesheet, body and the notes it links to. */
export function fromServerPage(html: string, notice?: Notice): TimelineView | undefined {
  const style = /<style(?: nonce="[^"]*")?>([\s\S]*?)<\/style>/.exec(html)?.[1];
  const body = /<body[^>]*>\n?([\s\S]*?)\n?<\/body>/.exec(html)?.[1];
  if (style === undefined || body === undefined || /<script/i.test(body)) return undefined;
  const title = unescapeHtml(/<title>([^<]*)<\/title>/.exec(html)?.[1] ?? 'Course of care');
  const banner = notice ? noticeHtml(notice) : '';
  return {
    state: 'timeline',
    title,
    style: style + EXTRA_STYLE,
    body: banner ? insertAfterHeading(body, banner) : body,
    paths: linkedPaths(body),
  };
}

/** The page when there is no timeline to draw. */
export function emptyView(reason: EmptyReason, noteName: string): TimelineView {
  const e = escapeHtml;
  const [heading, ...lines] = EMPTY_TEXT[reason];
  const body = [
    '<main class="vn-timeline vn-empty-state">',
    '<h1>Course of care</h1>',
    `<div class="vn-empty" role="status"><p><strong>${e(heading)}</strong></p>`,
    ...lines.map((l) => `<p>${codeSpans(l).replace('{note}', `<code>${e(noteName)}</code>`)}</p>`),
    '</div>',
    '</main>',
  ].join('\n');
  return { state: 'empty', title: 'Course of care', style: BASE_STYLE + EXTRA_STYLE, body, paths: [] };
}

/** Which notice a drawn timeline needs: `paths` are its visits, `note` the note it was opened from. */
export function noticeFor(paths: readonly string[], note: string, caseInsensitive = false): Notice {
  const same = (a: string) => (caseInsensitive ? a.toLowerCase() === note.toLowerCase() : a === note);
  if (!paths.some(same)) return 'undated';
  return paths.length <= 1 ? 'only-visit' : undefined;
}

/** The whole document: strict CSP (nothing remote; style and script by nonce only). */
export function pageHtml(view: TimelineView, embedding: PageEmbedding): string {
  const webview = { cspSource: embedding.cspSource, nonce: embedding.nonce };
  // contentSecurityPolicy validates the nonce and cspSource; the one script is allowed by the nonce alone.
  const csp = `${contentSecurityPolicy(view.style, { webview })}; script-src 'nonce-${embedding.nonce}'`;
  const n = escapeHtml(embedding.nonce);
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${escapeHtml(view.title)}</title>`,
    `<style nonce="${n}">${view.style}</style>`,
    '</head>',
    '<body class="vn-webview">',
    `<div id="vn-root" data-state="${view.state}">${view.body}</div>`,
    `<script nonce="${n}" src="${escapeHtml(embedding.scriptUri)}"></script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** The `data-path` values of the page's visit links, unescaped, in order. */
export function linkedPaths(body: string): string[] {
  return [...body.matchAll(/<a class="vn-date vn-open" href="#" data-path="([^"]*)"/g)].map((m) => unescapeHtml(m[1]!));
}

/** The panel title for a patient (the page's own title is longer). */
export function panelTitle(patient: string | undefined): string {
  return patient ? `Timeline ${patient}` : 'Timeline';
}

const EMPTY_TEXT: Record<EmptyReason, string[]> = {
  'no-patient': [
    'No timeline for this note.',
    '{note} has no `patient` in its front matter, so it belongs to no course of care.',
    "Give it the patient's initials or pseudonym (`patient: T.B.`) and a `date: YYYY-MM-DD`: " +
      "the timeline then shows each of that patient's visits in this workspace as a column, with their goals and medications.",
  ],
  'no-server': [
    'The timeline needs the Visit Notes language server, which is not running.',
    'Run `Visit Notes: Restart Language Server`, then show the timeline again (see Output → Visit Notes).',
  ],
  failed: ['The language server could not draw this timeline.', 'See Output → Visit Notes; the timeline tries again when a note changes.'],
  gone: ['The note this timeline was opened from is no longer available.', 'Open another note of the patient and run `Visit Notes: Show Patient Timeline`.'],
};

function noticeHtml(notice: Exclude<Notice, undefined>): string {
  const text =
    notice === 'only-visit'
      ? [
          'Only this visit so far.',
          'Other notes with the same `patient` in this workspace appear here as you write them, one column per visit.',
        ]
      : ['This note is not on the timeline: it has no valid `date` (YYYY-MM-DD) in its front matter.', 'Visits are placed by date.'];
  return `<div class="vn-empty" role="status"><p><strong>${codeSpans(text[0]!)}</strong></p><p>${codeSpans(text[1]!)}</p></div>`;
}

function insertAfterHeading(body: string, html: string): string {
  const at = body.indexOf('</h1>');
  return at < 0 ? html + body : `${body.slice(0, at + 5)}\n${html}${body.slice(at + 5)}`;
}

/** Escapes `text`, then turns `code` spans (ours, not note text) into <code>. */
function codeSpans(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

const UNESCAPE: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

function unescapeHtml(value: string): string {
  return value.replace(/&(?:amp|lt|gt|quot|#39);/g, (m) => UNESCAPE[m]!);
}
