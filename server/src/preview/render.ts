/**
 * Note → HTML, shared by the VS Code preview (webview) and `visitnotes export`.
 * Pure: no vscode, no file system, no clock. Every piece of note text is escaped
 * (see escape.ts and markdown.ts); raw HTML in a note is shown, never run.
 *
 * - `renderNoteBody` is the fragment the webview swaps in as you type.
 * - `renderNoteHtml` is a whole document with a strict Content-Security-Policy:
 *   in the webview, nonce'd style and script; standalone (export), no script at
 *   all and the one inline stylesheet allowed by its hash, so the file loads
 *   nothing and runs nothing wherever it is opened.
 *
 * The Countertransference section is the clinician's private reflection. It is
 * rendered only with `includePrivate` (the editor preview, clearly marked); when
 * it is left out, so are findings inside it and the countertransference-* rules'
 * findings, whose messages speak about it.
 */
import { createHash } from 'node:crypto';
import type { RootContent } from 'mdast';
import { frontMatterValue, identifierMask, ruleDocsUrl, sectionRole, unparsedReason, type Finding, type Note, type Section } from '../engine/index.ts';
import { escapeHtml as esc } from './escape.ts';
import { buildGoalMap } from './goal-map.ts';
import { renderBlocks, type MarkdownContext } from './markdown.ts';
import { PREVIEW_STYLE } from './style.ts';

export { PREVIEW_STYLE } from './style.ts';
export { buildGoalMap, type GoalMap, type GoalLink } from './goal-map.ts';
export { escapeHtml } from './escape.ts';

export interface RenderOptions {
  /** Render the private Countertransference section (editor preview); exports leave it out by default. */
  includePrivate: boolean;
  /** Webview: nonce for the inline style and the preview script. */
  nonce?: string;
  /** Webview: `webview.cspSource`, allowed for local resources (the preview script). */
  cspSource?: string;
  /** Webview: URI of the preview script (loaded with the nonce). */
  scriptUri?: string;
  /** Export: a self-contained file (no script, CSP by style hash, light/dark by system preference). */
  standalone?: boolean;
  /** Name of the template in effect (default: the note's front matter `template`). */
  template?: string;
  /** Document title (default: "Visit note — <patient>, <date>"). */
  title?: string;
  /** Where a rule's documentation lives (default: the project docs). */
  docsUrl?: (ruleId: string) => string;
}

const PRIVATE_SECTION = 'Countertransference';
const PRIVATE_RULES = /^countertransference-/;

function isPrivate(section: Section): boolean {
  // A heading read as Countertransference (`## Counter-transference`) is just as private.
  return sectionRole(section) === PRIVATE_SECTION;
}

/** The findings a rendering shows (private ones dropped unless includePrivate). */
export function visibleFindings(note: Note, findings: readonly Finding[], includePrivate: boolean): Finding[] {
  if (includePrivate) return [...findings];
  const hidden = note.sections.filter(isPrivate);
  return findings.filter(
    (f) =>
      !PRIVATE_RULES.test(f.ruleId) &&
      !hidden.some((s) => f.range.start >= s.headingRange.start && f.range.start < s.bodyRange.end),
  );
}

/** The Content-Security-Policy for a rendering: nothing remote, nothing inline without a nonce or hash. */
export function previewCsp(options: Pick<RenderOptions, 'nonce' | 'cspSource' | 'standalone'>): string {
  const base = ["default-src 'none'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'"];
  if (options.standalone || !options.nonce) {
    const hash = createHash('sha256').update(PREVIEW_STYLE, 'utf8').digest('base64');
    return [...base, `style-src 'sha256-${hash}'`].join('; ');
  }
  const local = options.cspSource ? ` ${options.cspSource}` : '';
  return [...base.filter((d) => !d.startsWith('frame-ancestors')), `style-src 'nonce-${options.nonce}'`, `script-src 'nonce-${options.nonce}'${local}`].join('; ');
}

export function renderNoteHtml(note: Note, findings: readonly Finding[], options: RenderOptions): string {
  const standalone = options.standalone || !options.nonce;
  const nonceAttr = !standalone ? ` nonce="${esc(options.nonce)}"` : '';
  const script =
    !standalone && options.scriptUri ? `<script${nonceAttr} src="${esc(options.scriptUri)}"></script>` : '';
  const title = options.title ?? defaultTitle(note);
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${esc(previewCsp({ ...options, standalone }))}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(title)}</title>`,
    `<style${nonceAttr}>${PREVIEW_STYLE}</style>`,
    '</head>',
    `<body class="${standalone ? 'vn-standalone' : 'vn-webview'}">`,
    `<div id="vn-root">${renderNoteBody(note, findings, { ...options, standalone })}</div>`,
    script,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

export function renderNoteBody(note: Note, findings: readonly Finding[], options: RenderOptions): string {
  // Over the size or nesting limits (engine/limits.ts): the engine did not parse it; say why instead of showing nothing.
  const unparsed = unparsedReason(note);
  if (unparsed) return `<main class="vn-note"><p class="vn-unparsed" role="alert">This note is not shown: ${esc(unparsed)}</p></main>`;
  const shown = visibleFindings(note, findings, options.includePrivate);
  const docsUrl = options.docsUrl ?? ruleDocsUrl;
  const lines = !options.standalone;
  const medStarts = note.medications.map((m) => m.headingRange.start);
  const ctx: MarkdownContext = { note, lines, medicationIndex: (offset) => medStarts.indexOf(offset) };
  const hasPrivate = note.sections.some(isPrivate);

  // Findings go to the section they start in; the rest (front matter, preamble) to the top.
  const bySection = new Map<Section, Finding[]>();
  const loose: Finding[] = [];
  for (const f of shown) {
    const s = note.sections.find((x) => f.range.start >= x.headingRange.start && f.range.start < x.bodyRange.end);
    if (s) bySection.set(s, [...(bySection.get(s) ?? []), f]);
    else loose.push(f);
  }

  const out: string[] = ['<main class="vn-note">'];
  out.push(header(note, shown, options, hasPrivate && !options.includePrivate));
  if (loose.length) {
    out.push(`<section class="vn-section vn-note-findings" aria-label="Findings about the whole note">${findingList(note, loose, docsUrl)}</section>`);
  }
  out.push(goalMap(note));

  // Walk top-level blocks in order, opening a <section> at each `##` heading.
  const blocks = note.tree.children.filter((n) => n.type !== 'yaml');
  let open: Section | undefined;
  let pending: RootContent[] = [];
  const flush = () => {
    if (pending.length) out.push(`<div class="vn-loose">${renderBlocks(pending, ctx)}</div>`);
    pending = [];
  };
  const close = () => {
    if (open) out.push('</section>');
    open = undefined;
  };
  let skipUntil = -1; // end of a private section that is left out
  for (const node of blocks) {
    const at = node.position?.start.offset ?? 0;
    const section = note.sections.find((s) => s.headingRange.start === at);
    if (section) {
      flush();
      close();
      if (isPrivate(section) && !options.includePrivate) {
        skipUntil = section.bodyRange.end;
        continue;
      }
      open = section;
      out.push(sectionOpen(note, section, lines, bySection.get(section) ?? [], docsUrl));
      continue;
    }
    if (at < skipUntil) continue;
    if (open && at < open.bodyRange.end) {
      out.push(renderBlocks([node], ctx));
      continue;
    }
    close();
    pending.push(node);
  }
  flush();
  close();
  out.push('</main>');
  return out.join('\n');
}

function defaultTitle(note: Note): string {
  const patient = frontMatterText(note, 'patient');
  const date = frontMatterText(note, 'date');
  return ['Visit note', [patient, date].filter(Boolean).join(', ')].filter(Boolean).join(' — ');
}

/** A front-matter value for display, identifiers masked (a full-name `patient:` included). */
function frontMatterText(note: Note, key: string): string {
  const entry = note.frontMatter?.entries.find((e) => e.key === key);
  if (!entry) return '';
  const v = frontMatterValue(note, key);
  const text = typeof v === 'string' || typeof v === 'number' ? String(v) : entry.valueText.trim();
  return identifierMask(note.text, note.identifiers.hits)(text);
}

function header(note: Note, shown: Finding[], options: RenderOptions, omittedPrivate: boolean): string {
  const patient = frontMatterText(note, 'patient');
  const template = options.template ?? frontMatterText(note, 'template');
  const meta: [string, string][] = [
    ['Date', frontMatterText(note, 'date')],
    ['Visit', frontMatterText(note, 'visit')],
    ['Template', template],
    ['Clinician', frontMatterText(note, 'clinician')],
  ];
  const count = (sev: string) => shown.filter((f) => f.severity === sev).length;
  const counts = (
    [
      ['error', count('error')],
      ['warning', count('warning')],
      ['info', count('info')],
    ] as const
  )
    .filter(([, n]) => n > 0)
    .map(([sev, n]) => `<li class="vn-count vn-count-${sev}">${n} ${n === 1 ? sev : sev === 'info' ? 'infos' : `${sev}s`}</li>`);
  const patientHtml = patient
    ? `<span class="vn-patient">${esc(patient)}</span>`
    : '<span class="vn-patient vn-empty">No patient pseudonym</span>';
  return [
    '<header class="vn-card" aria-label="Visit">',
    `<div class="vn-card-title"><span class="vn-label">Patient</span>${patientHtml}</div>`,
    `<dl class="vn-meta">${meta
      .filter(([, v]) => v)
      .map(([k, v]) => `<div><dt>${k}</dt><dd>${esc(v)}</dd></div>`)
      .join('')}</dl>`,
    `<ul class="vn-counts" aria-label="Findings">${counts.length ? counts.join('') : '<li class="vn-count vn-count-clean">No findings</li>'}</ul>`,
    omittedPrivate ? '<p class="vn-omitted">The private Countertransference section is left out of this copy.</p>' : '',
    '</header>',
  ].join('');
}

function sectionOpen(note: Note, section: Section, lines: boolean, findings: Finding[], docsUrl: (id: string) => string): string {
  const line = lines ? ` data-line="${note.lines.lineAt(section.headingRange.start)}"` : '';
  const priv = isPrivate(section);
  const cls = `vn-section${priv ? ' vn-private' : ''}`;
  const badge = priv ? '<span class="vn-private-badge">Private — your reflection; left out of exports</span>' : '';
  return [
    `<section class="${cls}" data-section="${esc(section.canonical ?? section.title)}">`,
    badge,
    `<h2${line}><a class="vn-reveal" href="#" data-offset="${section.headingRange.start}">${esc(section.title)}</a></h2>`,
    findings.length ? findingList(note, findings, docsUrl) : '',
  ].join('');
}

function findingList(note: Note, findings: Finding[], docsUrl: (id: string) => string): string {
  const items = findings.map((f) => {
    const { line, column } = note.lines.toLineColumn(f.range.start);
    return [
      `<li class="vn-finding vn-sev-${f.severity}">`,
      `<span class="vn-sev">${f.severity}</span>`,
      `<a class="vn-finding-message vn-reveal" href="#" data-offset="${f.range.start}">${esc(f.message)}</a>`,
      `<a class="vn-rule" href="${esc(docsUrl(f.ruleId))}" data-rule="${esc(f.ruleId)}" rel="noreferrer noopener" title="Rule documentation">${esc(f.ruleId)}</a>`,
      `<span class="vn-loc">line ${line}:${column}</span>`,
      '</li>',
    ].join('');
  });
  return `<ul class="vn-findings">${items.join('')}</ul>`;
}

function goalMap(note: Note): string {
  if (note.goals.length === 0 && note.medications.length === 0) return '';
  const map = buildGoalMap(note);
  const medName = (i: number) => note.medications[i]?.title ?? '';
  const goals = map.goals.map(({ goal, links }) => {
    const via = links
      .map(
        (l) =>
          `<a class="vn-reveal" href="#vn-med-${l.medication}" data-offset="${l.offset}">${esc(medName(l.medication))}</a> <span class="vn-via">(${esc(l.fields.join(', '))})</span>`,
      )
      .join('; ');
    return [
      `<li class="vn-map-goal${links.length ? '' : ' vn-alone'}" data-goal="${esc(goal.id)}">`,
      `<a class="vn-goal vn-reveal" href="#vn-goal-${esc(goal.id)}" data-offset="${goal.idRange.start}">${esc(goal.id)}</a> ${esc(goal.text)}`,
      links.length
        ? `<span class="vn-links">Served by ${via}</span>`
        : '<span class="vn-flag">Served by no medication</span>',
      '</li>',
    ].join('');
  });
  const meds = map.medications.map(({ medication, index, links, undefinedGoals }) => {
    const chips = links
      .map((l) => `<a class="vn-goal vn-reveal" href="#vn-goal-${esc(l.goal)}" data-offset="${l.offset}">${esc(l.goal)}</a>`)
      .join(' ');
    const undef = undefinedGoals
      .map((g) => `<span class="vn-goal vn-goal-undefined" title="Goal ${esc(g)} is not defined in this note">${esc(g)}</span>`)
      .join(' ');
    const change = medication.change ? ` <span class="vn-via">${esc(medication.change)}</span>` : '';
    return [
      `<li class="vn-map-med${links.length ? '' : ' vn-alone'}" data-medication="${index}">`,
      `<a class="vn-reveal" href="#vn-med-${index}" data-offset="${medication.headingRange.start}">${esc(medication.title)}</a>${change}`,
      links.length || undef ? `<span class="vn-links">Serves ${[chips, undef].filter(Boolean).join(' ')}</span>` : '',
      links.length ? '' : '<span class="vn-flag">Linked to no goal</span>',
      '</li>',
    ].join('');
  });
  return [
    '<section class="vn-map" aria-labelledby="vn-map-title">',
    '<h2 id="vn-map-title">Goals and medications</h2>',
    '<div class="vn-map-grid">',
    `<div><h3>Goals</h3>${goals.length ? `<ul>${goals.join('')}</ul>` : '<p class="vn-empty">No goals defined.</p>'}</div>`,
    `<div><h3>Medications</h3>${meds.length ? `<ul>${meds.join('')}</ul>` : '<p class="vn-empty">No medication entries.</p>'}</div>`,
    '</div>',
    '</section>',
  ].join('');
}
