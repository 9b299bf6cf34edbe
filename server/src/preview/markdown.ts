/**
 * A small mdast → HTML renderer for the preview. It never passes raw HTML
 * through: HTML blocks and inline HTML are shown as escaped code (comments are
 * dropped), images are never loaded, and only web and mail links become links.
 * Goal IDs and references become chips the preview can reveal in the editor.
 */
import type { Nodes, RootContent, TableCell } from 'mdast';
import { GOAL_TOKEN, type Note } from '../engine/index.ts';
import { escapeHtml as esc, safeHref } from './escape.ts';

export interface MarkdownContext {
  note: Note;
  /** Add `data-line` to blocks, for scroll sync (the webview only). */
  lines: boolean;
  /** Called for each medication `###` heading, in order; returns extra attributes. */
  medicationIndex: (offset: number) => number;
}

const start = (n: Nodes) => n.position?.start.offset ?? 0;
const end = (n: Nodes) => n.position?.end.offset ?? 0;

function lineAttr(ctx: MarkdownContext, n: Nodes): string {
  return ctx.lines ? ` data-line="${ctx.note.lines.lineAt(start(n))}"` : '';
}

export function renderBlocks(nodes: readonly RootContent[], ctx: MarkdownContext): string {
  return nodes
    .map((n) => {
      const html = renderNode(n, ctx);
      // A block of raw HTML is shown as a paragraph of (escaped) text.
      return n.type === 'html' && html ? `<p${lineAttr(ctx, n)}>${html}</p>` : html;
    })
    .join('');
}

function children(n: Nodes, ctx: MarkdownContext): string {
  return 'children' in n ? (n.children as RootContent[]).map((c) => renderNode(c, ctx)).join('') : '';
}

function renderNode(n: Nodes, ctx: MarkdownContext): string {
  switch (n.type) {
    case 'root':
      return children(n, ctx);
    case 'paragraph':
      return `<p${lineAttr(ctx, n)}>${children(n, ctx)}</p>`;
    case 'heading': {
      const level = Math.min(6, Math.max(1, n.depth));
      const med = level === 3 ? ctx.medicationIndex(start(n)) : -1;
      if (med >= 0) {
        return `<h3 class="vn-med-heading" id="vn-med-${med}"${lineAttr(ctx, n)}><a class="vn-reveal" href="#vn-med-${med}" data-offset="${start(n)}">${children(n, ctx)}</a></h3>`;
      }
      return `<h${level}${lineAttr(ctx, n)}>${children(n, ctx)}</h${level}>`;
    }
    case 'text':
      return renderText(n.value, start(n), end(n), ctx);
    case 'emphasis':
      return `<em>${children(n, ctx)}</em>`;
    case 'strong':
      return `<strong>${children(n, ctx)}</strong>`;
    case 'delete':
      return `<del>${children(n, ctx)}</del>`;
    case 'inlineCode':
      return `<code>${esc(n.value)}</code>`;
    case 'code':
      return `<pre${lineAttr(ctx, n)}><code${n.lang ? ` class="language-${esc(n.lang)}"` : ''}>${esc(n.value)}</code></pre>`;
    case 'blockquote':
      return `<blockquote${lineAttr(ctx, n)}>${children(n, ctx)}</blockquote>`;
    case 'list': {
      const tag = n.ordered ? 'ol' : 'ul';
      const startAttr = n.ordered && typeof n.start === 'number' && n.start !== 1 ? ` start="${n.start}"` : '';
      return `<${tag}${startAttr}${lineAttr(ctx, n)}>${children(n, ctx)}</${tag}>`;
    }
    case 'listItem': {
      const box =
        typeof n.checked === 'boolean' ? `<input type="checkbox" disabled${n.checked ? ' checked' : ''}> ` : '';
      // Tight lists: render a lone paragraph's content inline, as Markdown does.
      const inner =
        !n.spread && n.children.length >= 1 && n.children[0]!.type === 'paragraph'
          ? children(n.children[0]!, ctx) + n.children.slice(1).map((c) => renderNode(c, ctx)).join('')
          : children(n, ctx);
      return `<li${lineAttr(ctx, n)}>${box}${inner}</li>`;
    }
    case 'thematicBreak':
      return `<hr${lineAttr(ctx, n)}>`;
    case 'break':
      return '<br>';
    case 'link': {
      const href = safeHref(n.url);
      const inner = children(n, ctx);
      return href
        ? `<a class="vn-external" href="${esc(href)}" rel="noreferrer noopener" title="${esc(href)}">${inner}</a>`
        : `<span class="vn-link-text" title="${esc(n.url)}">${inner}</span>`;
    }
    case 'image':
      // Never load images: a note is a health record and the preview loads nothing.
      return `<span class="vn-image" title="${esc(n.url)}">[image: ${esc(n.alt ?? '')}]</span>`;
    case 'imageReference':
      return `<span class="vn-image">[image: ${esc(n.alt ?? '')}]</span>`;
    case 'linkReference':
      return children(n, ctx);
    case 'definition':
      return '';
    case 'html':
      // Comments (including visitnotes-disable) are not content; other HTML is shown, escaped.
      if (/^\s*<!--[\s\S]*-->\s*$/.test(n.value)) return '';
      return `<span class="vn-raw-html">${esc(n.value)}</span>`;
    case 'table': {
      const align = n.align ?? [];
      const rows = n.children.map((row, r) => {
        const tag = r === 0 ? 'th' : 'td';
        const cells = row.children.map((cell: TableCell, c) => {
          const a = align[c];
          return `<${tag}${a ? ` style="text-align:${a}"` : ''}>${children(cell, ctx)}</${tag}>`;
        });
        return `<tr>${cells.join('')}</tr>`;
      });
      const [head, ...body] = rows;
      return `<table${lineAttr(ctx, n)}><thead>${head ?? ''}</thead><tbody>${body.join('')}</tbody></table>`;
    }
    case 'footnoteReference':
      return `<sup class="vn-footnote-ref">[${esc(n.label ?? n.identifier)}]</sup>`;
    case 'footnoteDefinition':
      return `<div class="vn-footnote"${lineAttr(ctx, n)}><sup>[${esc(n.label ?? n.identifier)}]</sup> ${children(n, ctx)}</div>`;
    case 'yaml':
      return '';
    default: {
      const any = n as { value?: unknown; children?: unknown };
      if (Array.isArray(any.children)) return children(n, ctx);
      return typeof any.value === 'string' ? esc(any.value) : '';
    }
  }
}

/**
 * Text with goal chips. A `[Gn]` that is a goal's own definition becomes an
 * anchor the map links to; any other becomes a reference chip that reveals the
 * definition (or is marked undefined).
 */
function renderText(value: string, from: number, to: number, ctx: MarkdownContext): string {
  const { note } = ctx;
  // `search` ignores lastIndex; `test` on the shared global regex would shift matchAll's start.
  if (value.search(GOAL_TOKEN) < 0) return esc(value);
  const defsHere = note.goals.filter((g) => g.idRange.start >= from && g.idRange.start < to);
  let out = '';
  let last = 0;
  for (const m of value.matchAll(GOAL_TOKEN)) {
    const id = `G${m[1]}`;
    out += esc(value.slice(last, m.index));
    last = m.index! + m[0].length;
    const defIndex = defsHere.findIndex((g) => g.id === id);
    if (defIndex >= 0) {
      const def = defsHere.splice(defIndex, 1)[0]!;
      out += `<a class="vn-goal vn-goal-def vn-reveal" id="vn-goal-${esc(id)}" href="#vn-goal-${esc(id)}" data-offset="${def.idRange.start}">${esc(id)}</a>`;
      continue;
    }
    const target = note.goals.find((g) => g.id === id);
    out += target
      ? `<a class="vn-goal vn-goal-ref vn-reveal" href="#vn-goal-${esc(id)}" data-offset="${target.idRange.start}" title="${esc(target.text)}">${esc(id)}</a>`
      : `<span class="vn-goal vn-goal-undefined" title="Goal ${esc(id)} is not defined in this note">${esc(id)}</span>`;
  }
  return out + esc(value.slice(last));
}
