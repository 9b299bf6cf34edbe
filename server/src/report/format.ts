/**
 * Views of a ProgramReport: JSON (the data as is), Markdown (tables with text
 * bars) and HTML (tables with inline SVG bars, self-contained, strict CSP).
 * Pure string building; the report already holds no note text or identifiers,
 * and what little text it has (clinician labels) is escaped anyway.
 */
import { BASE_STYLE, escapeHtml, htmlPage } from '../timeline/html.ts';
import type { Metrics, PeriodMetrics, ProgramReport, Shares } from './build.ts';

export type ReportFormat = 'md' | 'html' | 'json';
export const REPORT_FORMATS: readonly ReportFormat[] = ['md', 'html', 'json'];

export function formatReport(report: ProgramReport, format: ReportFormat): string {
  if (format === 'json') return formatReportJson(report);
  if (format === 'html') return formatReportHtml(report);
  return formatReportMarkdown(report);
}

export function formatReportJson(report: ProgramReport): string {
  return JSON.stringify(report, null, 2) + '\n';
}

type Row = Metrics & { shares: Shares };

const pct = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)}%`);
const num = (x: number | null) => (x === null ? '–' : x.toFixed(2));

function summaryLine(r: ProgramReport): string {
  const span = r.periods.length ? (r.periods.length === 1 ? r.periods[0]! : `${r.periods[0]} to ${r.periods[r.periods.length - 1]}`) : 'no dated notes';
  const parts = [`${r.totals.notes} note${r.totals.notes === 1 ? '' : 's'}`, span];
  parts.push(r.anonymized ? 'clinicians anonymized' : 'clinicians named');
  if (r.undatedNotes) parts.push(`${r.undatedNotes} without a valid date (in totals only)`);
  return parts.join(' · ');
}

// ---------------------------------------------------------------- Markdown

function textBar(x: number | null, width = 10): string {
  if (x === null) return '';
  const full = Math.round(x * width);
  return '█'.repeat(full) + '░'.repeat(width - full) + ' ';
}

function mdEscape(s: string): string {
  return s.replace(/[\\|*_`<>[\]#]/g, (c) => `\\${c}`);
}

function mdTrend(rows: PeriodMetrics[], total: Row): string[] {
  const line = (label: string, m: Row) =>
    `| ${label} | ${m.notes} | ${textBar(m.shares.goalLinkedRationale)}${pct(m.shares.goalLinkedRationale)} (${m.goalLinkedEntries}/${m.medicationEntries}) ` +
    `| ${textBar(m.shares.reflectiveCountertransference)}${pct(m.shares.reflectiveCountertransference)} (${m.reflectiveNotes}/${m.notes}) ` +
    `| ${num(m.shares.findingsPerNote)} |`;
  return [
    '| Month | Notes | Medication entries with a goal-linked rationale | Notes with a reflective Countertransference section | Findings per note |',
    '|---|---:|---|---|---:|',
    ...rows.map((m) => line(m.period, m)),
    line('**All**', total),
  ];
}

export function formatReportMarkdown(r: ProgramReport): string {
  const out: string[] = ['# Program report', '', summaryLine(r), ''];
  out.push(
    '> Counts only: no note text, no patients, no file names, dates by month. ' +
      (r.anonymized ? 'Clinicians are labelled by order of their first note.' : 'Clinicians are named as in their notes.'),
    '',
  );
  out.push('## All clinicians, by month', '', ...mdTrend(r.byPeriod, r.totals), '');
  out.push('## By clinician', '');
  for (const c of r.clinicians) out.push(`### ${mdEscape(c.label)}`, '', ...mdTrend(c.byPeriod, c.totals), '');
  out.push('## By rule: findings per note, by month', '');
  if (r.rules.length === 0) out.push('No findings.', '');
  else {
    out.push(
      `| Rule | Findings | Notes affected | Per note | ${r.periods.join(' | ')} |`,
      `|---|---:|---:|---:|${r.periods.map(() => '---:|').join('')}`,
      ...r.rules.map(
        (t) => `| \`${t.ruleId}\` | ${t.total} | ${t.notesAffected} | ${num(t.perNote)} | ${t.byPeriod.map((p) => num(p.perNote)).join(' | ')} |`,
      ),
      '',
    );
  }
  return out.join('\n');
}

// ---------------------------------------------------------------- HTML

/** A horizontal bar for a share (0..1): inline SVG, sized by attributes (no inline style). */
function svgShare(x: number | null): string {
  if (x === null) return '';
  const w = Math.round(x * 100);
  return (
    `<svg class="vn-bar" width="100" height="10" viewBox="0 0 100 10" role="img" aria-label="${pct(x)}">` +
    `<rect class="vn-bar-bg" x="0" y="0" width="100" height="10"></rect><rect class="vn-bar-fg" x="0" y="0" width="${w}" height="10"></rect></svg>`
  );
}

/** A small column chart of one trend over the months (null months left empty). */
function svgTrend(label: string, points: { period: string; value: number | null }[], max: number, format: (x: number | null) => string): string {
  const bw = 14;
  const gap = 4;
  const h = 40;
  const width = Math.max(1, points.length * (bw + gap));
  const bars = points
    .map((p, i) => {
      const x = i * (bw + gap);
      if (p.value === null) return `<rect class="vn-col-none" x="${x}" y="${h - 1}" width="${bw}" height="1"><title>${escapeHtml(p.period)}: –</title></rect>`;
      const bh = max > 0 ? Math.max(1, Math.round((p.value / max) * (h - 2))) : 1;
      return `<rect class="vn-col" x="${x}" y="${h - bh}" width="${bw}" height="${bh}"><title>${escapeHtml(`${p.period}: ${format(p.value)}`)}</title></rect>`;
    })
    .join('');
  return (
    `<figure class="vn-trend"><svg width="${width}" height="${h}" viewBox="0 0 ${width} ${h}" role="img" aria-label="${escapeHtml(label)}">${bars}</svg>` +
    `<figcaption>${escapeHtml(label)}</figcaption></figure>`
  );
}

function htmlTrend(rows: PeriodMetrics[], total: Row): string {
  const e = escapeHtml;
  const maxFindings = Math.max(0, ...rows.map((m) => m.shares.findingsPerNote ?? 0));
  const charts =
    rows.length > 1
      ? `<div class="vn-trends">` +
        svgTrend('Goal-linked rationale', rows.map((m) => ({ period: m.period, value: m.shares.goalLinkedRationale })), 1, pct) +
        svgTrend('Reflective countertransference', rows.map((m) => ({ period: m.period, value: m.shares.reflectiveCountertransference })), 1, pct) +
        svgTrend('Findings per note', rows.map((m) => ({ period: m.period, value: m.shares.findingsPerNote })), maxFindings, num) +
        '</div>'
      : '';
  const line = (label: string, m: Row, cls = '') =>
    `<tr${cls}><th scope="row">${e(label)}</th><td class="vn-num">${m.notes}</td>` +
    `<td>${svgShare(m.shares.goalLinkedRationale)} ${pct(m.shares.goalLinkedRationale)} <span class="vn-muted">(${m.goalLinkedEntries}/${m.medicationEntries})</span></td>` +
    `<td>${svgShare(m.shares.reflectiveCountertransference)} ${pct(m.shares.reflectiveCountertransference)} <span class="vn-muted">(${m.reflectiveNotes}/${m.notes})</span></td>` +
    `<td class="vn-num">${num(m.shares.findingsPerNote)}</td></tr>`;
  return (
    charts +
    '<table class="vn-report-table"><thead><tr><th scope="col">Month</th><th scope="col">Notes</th>' +
    '<th scope="col">Medication entries with a goal-linked rationale</th><th scope="col">Notes with a reflective Countertransference section</th>' +
    '<th scope="col">Findings per note</th></tr></thead><tbody>' +
    rows.map((m) => line(m.period, m)).join('') +
    line('All', total, ' class="vn-total"') +
    '</tbody></table>'
  );
}

export function formatReportHtml(r: ProgramReport): string {
  const e = escapeHtml;
  const parts: string[] = [
    '<main class="vn-report">',
    '<h1>Program report</h1>',
    `<p class="vn-muted">${e(summaryLine(r))}</p>`,
    `<p class="vn-note">Counts only: no note text, no patients, no file names, dates by month. ${
      r.anonymized ? 'Clinicians are labelled by order of their first note.' : 'Clinicians are named as in their notes.'
    }</p>`,
    '<h2>All clinicians, by month</h2>',
    htmlTrend(r.byPeriod, r.totals),
    '<h2>By clinician</h2>',
  ];
  for (const c of r.clinicians) parts.push(`<section class="vn-clinician"><h3>${e(c.label)}</h3>${htmlTrend(c.byPeriod, c.totals)}</section>`);
  parts.push('<h2>By rule: findings per note, by month</h2>');
  if (r.rules.length === 0) parts.push('<p class="vn-muted">No findings.</p>');
  else {
    const maxPer = Math.max(0, ...r.rules.flatMap((t) => t.byPeriod.map((p) => p.perNote ?? 0)));
    parts.push(
      '<table class="vn-report-table"><thead><tr><th scope="col">Rule</th><th scope="col">Findings</th><th scope="col">Notes affected</th>' +
        `<th scope="col">Per note</th><th scope="col">Trend</th>${r.periods.map((p) => `<th scope="col">${e(p)}</th>`).join('')}</tr></thead><tbody>` +
        r.rules
          .map(
            (t) =>
              `<tr><th scope="row"><code>${e(t.ruleId)}</code></th><td class="vn-num">${t.total}</td><td class="vn-num">${t.notesAffected}</td>` +
              `<td class="vn-num">${num(t.perNote)}</td><td>${svgTrend(`${t.ruleId} per note`, t.byPeriod.map((p) => ({ period: p.period, value: p.perNote })), maxPer, num)}</td>` +
              t.byPeriod.map((p) => `<td class="vn-num">${num(p.perNote)}</td>`).join('') +
              '</tr>',
          )
          .join('') +
        '</tbody></table>',
    );
  }
  parts.push('</main>');
  return htmlPage({ title: 'Program report', style: BASE_STYLE + REPORT_STYLE, body: parts.join('\n') });
}

const REPORT_STYLE = `
.vn-report { max-width: 1100px; }
.vn-note { font-size: 0.9em; padding: 6px 10px; border-left: 3px solid var(--vn-border); background: var(--vn-card); }
.vn-report-table { margin: 8px 0 16px; }
.vn-report-table td, .vn-report-table th { white-space: nowrap; }
.vn-num { text-align: right; font-variant-numeric: tabular-nums; }
.vn-total th, .vn-total td { font-weight: 600; border-top: 2px solid var(--vn-border); }
.vn-bar { vertical-align: middle; }
.vn-bar-bg { fill: var(--vn-card); stroke: var(--vn-border); stroke-width: 1; }
.vn-bar-fg { fill: var(--vn-accent); }
.vn-trends { display: flex; flex-wrap: wrap; gap: 12px 28px; margin: 8px 0; }
.vn-trend { margin: 0; }
.vn-trend figcaption { font-size: 0.8em; color: var(--vn-muted); }
.vn-report-table .vn-trend figcaption { display: none; }
.vn-col { fill: var(--vn-accent); }
.vn-col-none { fill: var(--vn-border); }
.vn-clinician h3 { margin: 16px 0 4px; }
code { font-family: var(--vn-mono); }
`;
