/**
 * The course of care for one patient as an HTML table (the model: model.ts).
 *
 * Pure: summaries in, HTML out. No vscode import, no I/O. The page is
 * self-contained with a strict CSP and every piece of note text escaped; pass
 * `webview` to embed it in a VS Code webview.
 */
import type { VisitSummary } from '../engine/index.ts';
import { BASE_STYLE, escapeHtml, htmlPage, type WebviewEmbedding } from './html.ts';
import { buildTimeline, type GoalCellState, type MedicationCellState, type TimelineModel, type TimelineVisit } from './model.ts';

export {
  buildTimeline,
  type GoalCell,
  type GoalCellState,
  type GoalRow,
  type MedicationCell,
  type MedicationCellState,
  type MedicationRow,
  type TimelineModel,
  type TimelineVisit,
} from './model.ts';

export interface TimelineOptions {
  /** Shown in the title; default: the notes' `patient` value. */
  patient?: string;
  /** Embed in a VS Code webview (its `cspSource` and a fresh nonce). */
  webview?: WebviewEmbedding;
  /** Standalone: a nonce instead of the stylesheet hash in the CSP. */
  nonce?: string;
}

const GOAL_LABELS: Record<GoalCellState, string> = {
  new: 'new',
  carried: 'carried',
  reworded: 'reworded',
  met: 'met',
  dropped: 'dropped',
  revised: 'revised',
  mentioned: 'mentioned',
  missing: 'not carried',
  lapsed: '',
  closed: '',
  absent: '',
};

const MED_LABELS: Record<MedicationCellState, string> = {
  listed: '',
  ended: '',
  gone: 'not listed, no stop',
  absent: '',
};

export function renderTimeline(summaries: readonly VisitSummary[], options: TimelineOptions = {}): string {
  return renderTimelineModel(buildTimeline(summaries, options.patient), options);
}

export function renderTimelineModel(model: TimelineModel, options: TimelineOptions = {}): string {
  const e = escapeHtml;
  const cols = model.visits.length;
  // In a webview the date opens that visit's note (the extension's script turns the click into a message).
  const date = (v: TimelineVisit) =>
    options.webview && v.path
      ? `<a class="vn-date vn-open" href="#" data-path="${e(v.path)}" title="Open this note">${e(v.date)}</a>`
      : `<span class="vn-date">${e(v.date)}</span>`;
  const head = model.visits
    .map(
      (v) =>
        `<th scope="col" class="vn-visit">${date(v)}` +
        (v.visit || v.clinician
          ? `<span class="vn-sub">${e([v.visit, v.clinician].filter(Boolean).join(' · '))}</span>`
          : '') +
        '</th>',
    )
    .join('');

  const goalRows = model.goals
    .map((g) => {
      const cells = g.cells.map((c) => {
        const parts: string[] = [];
        const label = GOAL_LABELS[c.state];
        if (label) parts.push(`<span class="vn-badge vn-g-${c.state}">${e(label)}</span>`);
        if (c.text !== undefined && c.text !== '') parts.push(`<span class="vn-text">${e(c.text)}</span>`);
        if (c.reason) parts.push(`<span class="vn-reason">${e(c.reason)}</span>`);
        if (c.medications.length) parts.push(`<span class="vn-via">via ${e(c.medications.join(', '))}</span>`);
        return `<td class="vn-cell vn-g-${c.state}">${parts.join('')}</td>`;
      });
      return (
        `<tr class="vn-goal-row" data-goal="${e(g.id)}"><th scope="row"><span class="vn-id">${e(g.id)}</span>` +
        `<span class="vn-text">${e(g.text)}</span></th>${cells.join('')}</tr>`
      );
    })
    .join('\n');

  const medRows = model.medications
    .map((m) => {
      const cells = m.cells.map((c) => {
        const parts: string[] = [];
        if (c.state === 'listed') {
          parts.push(`<span class="vn-regimen">${e(c.titles.join('; '))}</span>`);
          if (c.change) parts.push(`<span class="vn-badge vn-c-${e(c.change)}">${e(c.change)}</span>`);
          if (c.goals.length) parts.push(`<span class="vn-via">for ${e(c.goals.join(' '))}</span>`);
        } else if (MED_LABELS[c.state]) {
          parts.push(`<span class="vn-badge vn-m-${c.state}">${e(MED_LABELS[c.state])}</span>`);
        }
        return `<td class="vn-cell vn-m-${c.state}">${parts.join('')}</td>`;
      });
      return `<tr class="vn-med-row" data-medication="${e(m.key)}"><th scope="row">${e(m.name)}</th>${cells.join('')}</tr>`;
    })
    .join('\n');

  const band = (label: string) => `<tr class="vn-band"><th scope="rowgroup" colspan="${cols + 1}">${e(label)}</th></tr>`;
  const empty = (what: string) => `<tr><td class="vn-muted" colspan="${cols + 1}">${e(what)}</td></tr>`;
  const title = model.patient ? `Course of care — ${model.patient}` : 'Course of care';
  const body = [
    '<main class="vn-timeline">',
    `<h1>${e(title)}</h1>`,
    `<p class="vn-muted">${cols} visit${cols === 1 ? '' : 's'}` +
      (model.undated ? ` · ${model.undated} note${model.undated === 1 ? '' : 's'} without a valid date not shown` : '') +
      '</p>',
    cols === 0
      ? '<p class="vn-muted">No dated visits.</p>'
      : [
          '<div class="vn-scroll"><table>',
          `<thead><tr><th scope="col" class="vn-corner"></th>${head}</tr></thead>`,
          '<tbody>',
          band('Goals'),
          goalRows || empty('No goals recorded.'),
          band('Medications'),
          medRows || empty('No medications recorded.'),
          '</tbody></table></div>',
        ].join('\n'),
    '<p class="vn-legend vn-muted">Goals: <span class="vn-badge vn-g-new">new</span> <span class="vn-badge vn-g-carried">carried</span> ' +
      '<span class="vn-badge vn-g-reworded">reworded</span> <span class="vn-badge vn-g-met">met</span> ' +
      '<span class="vn-badge vn-g-dropped">dropped</span> <span class="vn-badge vn-g-revised">revised</span> ' +
      '<span class="vn-badge vn-g-missing">not carried</span>. Medications: the regimen as written and its <code>Change:</code>.</p>',
    '</main>',
  ].join('\n');
  return htmlPage({
    title,
    style: BASE_STYLE + TIMELINE_STYLE,
    body,
    ...(options.webview ? { webview: options.webview } : {}),
    ...(options.nonce !== undefined ? { nonce: options.nonce } : {}),
  });
}

const TIMELINE_STYLE = `
.vn-scroll { overflow-x: auto; }
.vn-timeline table { min-width: 100%; }
.vn-timeline th[scope="row"] { min-width: 200px; max-width: 320px; font-weight: normal; }
.vn-visit { min-width: 150px; }
.vn-date { display: block; font-weight: 600; font-family: var(--vn-mono); }
a.vn-open { color: var(--vscode-textLink-foreground, var(--vn-accent)); text-decoration: none; }
a.vn-open:hover { text-decoration: underline; }
a.vn-open:focus-visible { outline: 1px solid var(--vscode-focusBorder, var(--vn-accent)); outline-offset: 2px; }
.vn-sub { display: block; font-size: 0.85em; font-weight: normal; color: var(--vn-muted); }
.vn-band th { background: transparent; border-left: 0; border-right: 0; padding-top: 14px; font-size: 0.85em;
  text-transform: uppercase; letter-spacing: 0.05em; color: var(--vn-muted); }
.vn-id { display: inline-block; margin-right: 6px; padding: 0 6px; border-radius: 9px; font-weight: 600; font-size: 0.85em;
  background: var(--vn-card); border: 1px solid var(--vn-border); }
.vn-cell > span { display: block; }
.vn-cell > span.vn-badge { display: inline-block; }
.vn-badge { padding: 0 6px; border-radius: 9px; font-size: 0.8em; font-weight: 600; border: 1px solid currentColor; }
.vn-g-new .vn-badge, .vn-badge.vn-g-new, .vn-badge.vn-c-start { color: var(--vn-accent); }
.vn-badge.vn-g-carried { color: var(--vn-muted); }
.vn-badge.vn-g-reworded, .vn-badge.vn-g-revised, .vn-badge.vn-c-increase, .vn-badge.vn-c-decrease, .vn-badge.vn-c-switch { color: var(--vn-quiet); }
.vn-badge.vn-g-met { color: var(--vn-good); }
.vn-badge.vn-g-dropped, .vn-badge.vn-c-stop, .vn-badge.vn-c-taper { color: var(--vn-muted); }
.vn-badge.vn-g-missing, .vn-badge.vn-m-gone { color: var(--vn-warn); border-style: dashed; }
.vn-badge.vn-g-mentioned, .vn-badge.vn-c-continue { color: var(--vn-muted); border-style: dotted; }
td.vn-g-closed, td.vn-g-absent, td.vn-g-lapsed, td.vn-m-absent, td.vn-m-ended { background: var(--vn-card); }
.vn-text { margin-top: 2px; }
.vn-reason { font-style: italic; color: var(--vn-muted); }
.vn-reason::before { content: "— "; }
.vn-via { font-size: 0.85em; color: var(--vn-muted); }
.vn-regimen { font-weight: 600; }
.vn-legend { margin-top: 16px; font-size: 0.9em; }
.vn-legend .vn-badge { display: inline-block; }
code { font-family: var(--vn-mono); }
`;
