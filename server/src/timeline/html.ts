/**
 * Self-contained HTML pages for the timeline and the program report: one inline
 * stylesheet, no scripts, no remote assets, and a strict Content-Security-Policy
 * (`default-src 'none'`). Standalone files allow their stylesheet by hash; inside
 * a VS Code webview the caller passes its `cspSource` and a fresh `nonce`.
 * No vscode import: the extension and the CLI call the same code.
 */
import { createHash } from 'node:crypto';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Every piece of note text goes through this, in element content and attributes alike. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

export interface WebviewEmbedding {
  /** `webview.cspSource`, allowed for styles and images. */
  cspSource: string;
  /** A fresh random nonce per render; the stylesheet carries it. */
  nonce: string;
}

export interface PageOptions {
  title: string;
  /** CSS text (trusted: it is ours, never note text). */
  style: string;
  /** Already-escaped body HTML. */
  body: string;
  /** Embed in a VS Code webview instead of a standalone file. */
  webview?: WebviewEmbedding;
  /** Standalone only: use this nonce rather than a hash of the stylesheet. */
  nonce?: string;
}

const NONCE = /^[A-Za-z0-9+/_=-]{8,}$/;
/** A host source, or `'self'`: VS Code's `webview.cspSource` is `'self' https://*.vscode-cdn.net`. */
const SOURCE = /^(?:'self'|[A-Za-z0-9*.:/_+-]+)$/;

/** The CSP a page will carry; exported so tests and callers can inspect it. */
export function contentSecurityPolicy(style: string, options: Pick<PageOptions, 'webview' | 'nonce'> = {}): string {
  const common = "default-src 'none'; base-uri 'none'; form-action 'none'";
  if (options.webview) {
    const { cspSource, nonce } = options.webview;
    if (!NONCE.test(nonce)) throw new Error('webview nonce must be at least 8 base64 characters');
    const sources = cspSource.split(/\s+/).filter(Boolean);
    if (sources.length === 0 || !sources.every((s) => SOURCE.test(s))) throw new Error('invalid webview cspSource');
    const src = sources.join(' ');
    return `${common}; style-src ${src} 'nonce-${nonce}'; img-src ${src} data:; font-src ${src}`;
  }
  if (options.nonce !== undefined) {
    if (!NONCE.test(options.nonce)) throw new Error('nonce must be at least 8 base64 characters');
    return `${common}; style-src 'nonce-${options.nonce}'; img-src data:`;
  }
  const hash = createHash('sha256').update(style, 'utf8').digest('base64');
  return `${common}; style-src 'sha256-${hash}'; img-src data:`;
}

export function htmlPage(options: PageOptions): string {
  const csp = contentSecurityPolicy(options.style, options);
  const nonce = options.webview?.nonce ?? options.nonce;
  const nonceAttr = nonce !== undefined ? ` nonce="${escapeHtml(nonce)}"` : '';
  const bodyClass = options.webview ? 'vn-webview' : 'vn-standalone';
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    // Built from validated parts only; keep its quotes readable (`'none'`), escape the rest.
    `<meta http-equiv="Content-Security-Policy" content="${csp.replace(/[&<>"]/g, (c) => ENTITIES[c]!)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${escapeHtml(options.title)}</title>`,
    `<style${nonceAttr}>${options.style}</style>`,
    '</head>',
    `<body class="${bodyClass}">`,
    options.body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/**
 * Theme variables shared by the timeline and the report: VS Code's variables
 * inside a webview, readable fallbacks (light, and dark when the system prefers
 * it) in a standalone file.
 */
export const BASE_STYLE = `
:root {
  --vn-fg: var(--vscode-editor-foreground, #1f2328);
  --vn-bg: var(--vscode-editor-background, #ffffff);
  --vn-muted: var(--vscode-descriptionForeground, #59636e);
  --vn-border: var(--vscode-panel-border, #d1d9e0);
  --vn-card: var(--vscode-editorWidget-background, #f6f8fa);
  --vn-accent: var(--vscode-charts-blue, #0969da);
  --vn-good: var(--vscode-charts-green, #1a7f37);
  --vn-warn: var(--vscode-charts-orange, #9a6700);
  --vn-bad: var(--vscode-charts-red, #cf222e);
  --vn-quiet: var(--vscode-charts-purple, #8250df);
  --vn-font: var(--vscode-font-family, system-ui, -apple-system, "Segoe UI", sans-serif);
  --vn-mono: var(--vscode-editor-font-family, ui-monospace, "SFMono-Regular", Menlo, monospace);
}
@media (prefers-color-scheme: dark) {
  body.vn-standalone {
    --vn-fg: #e6edf3; --vn-bg: #0d1117; --vn-muted: #9198a1; --vn-border: #3d444d; --vn-card: #151b23;
    --vn-accent: #4493f8; --vn-good: #3fb950; --vn-warn: #d29922; --vn-bad: #f85149; --vn-quiet: #ab7df8;
  }
}
* { box-sizing: border-box; }
body { margin: 0; padding: 12px 20px 40px; color: var(--vn-fg); background: var(--vn-bg);
  font-family: var(--vn-font); font-size: var(--vscode-font-size, 14px); line-height: 1.5; }
h1 { font-size: 1.4em; margin: 8px 0 4px; }
h2 { font-size: 1.15em; margin: 22px 0 8px; padding-bottom: 3px; border-bottom: 1px solid var(--vn-border); }
.vn-muted { color: var(--vn-muted); }
table { border-collapse: collapse; }
th, td { border: 1px solid var(--vn-border); padding: 4px 8px; text-align: left; vertical-align: top; }
thead th { background: var(--vn-card); }
`;
