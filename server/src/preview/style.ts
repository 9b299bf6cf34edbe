/**
 * The preview's stylesheet. Inside VS Code it follows the theme (light, dark,
 * high contrast) through the `--vscode-*` variables the webview provides; in an
 * exported file the fallbacks apply, with a dark variant for readers whose
 * system prefers it.
 */
export const PREVIEW_STYLE = `
:root {
  --vn-fg: var(--vscode-editor-foreground, #1f2328);
  --vn-bg: var(--vscode-editor-background, #ffffff);
  --vn-muted: var(--vscode-descriptionForeground, #59636e);
  --vn-border: var(--vscode-contrastBorder, var(--vscode-panel-border, #d1d9e0));
  --vn-card: var(--vscode-editorWidget-background, #f6f8fa);
  --vn-link: var(--vscode-textLink-foreground, #0969da);
  --vn-error: var(--vscode-editorError-foreground, #cf222e);
  --vn-warning: var(--vscode-editorWarning-foreground, #9a6700);
  --vn-info: var(--vscode-editorInfo-foreground, #0969da);
  --vn-chip-bg: var(--vscode-badge-background, #ddf4ff);
  --vn-chip-fg: var(--vscode-badge-foreground, #0a3069);
  --vn-private: var(--vscode-charts-purple, #8250df);
  --vn-focus: var(--vscode-focusBorder, #0969da);
  --vn-code-bg: var(--vscode-textCodeBlock-background, #eff1f3);
  --vn-font: var(--vscode-font-family, system-ui, -apple-system, "Segoe UI", sans-serif);
  --vn-mono: var(--vscode-editor-font-family, ui-monospace, "SFMono-Regular", Menlo, monospace);
}
@media (prefers-color-scheme: dark) {
  body.vn-standalone {
    --vn-fg: #e6edf3; --vn-bg: #0d1117; --vn-muted: #9198a1; --vn-border: #3d444d; --vn-card: #151b23;
    --vn-link: #4493f8; --vn-error: #f85149; --vn-warning: #d29922; --vn-info: #4493f8;
    --vn-chip-bg: #1f3a5f; --vn-chip-fg: #cfe3ff; --vn-private: #ab7df8; --vn-code-bg: #1f2428;
  }
}
* { box-sizing: border-box; }
body { margin: 0; padding: 0 20px 40px; color: var(--vn-fg); background: var(--vn-bg);
  font-family: var(--vn-font); font-size: var(--vscode-font-size, 14px); line-height: 1.55; }
.vn-note { max-width: 860px; margin: 0 auto; }
a { color: var(--vn-link); text-decoration: none; }
a:hover { text-decoration: underline; }
a:focus-visible, .vn-reveal:focus-visible { outline: 1px solid var(--vn-focus); outline-offset: 1px; }
code, pre { font-family: var(--vn-mono); font-size: 0.92em; background: var(--vn-code-bg); border-radius: 3px; }
code { padding: 0.1em 0.3em; }
pre { padding: 8px 12px; overflow-x: auto; }
pre code { padding: 0; background: none; }
.vn-raw-html { display: inline-block; white-space: pre-wrap; color: var(--vn-muted); }
blockquote { margin: 0 0 0 2px; padding-left: 12px; border-left: 3px solid var(--vn-border); color: var(--vn-muted); }
table { border-collapse: collapse; margin: 8px 0; }
th, td { border: 1px solid var(--vn-border); padding: 4px 8px; text-align: left; vertical-align: top; }
h2 { font-size: 1.25em; margin: 0 0 6px; padding-bottom: 3px; border-bottom: 1px solid var(--vn-border); }
h3 { font-size: 1.05em; margin: 14px 0 4px; }
.vn-card { margin: 16px 0; padding: 12px 16px; border: 1px solid var(--vn-border); border-radius: 6px; background: var(--vn-card); }
.vn-card-title { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 12px; }
.vn-patient { font-size: 1.4em; font-weight: 600; }
.vn-label { color: var(--vn-muted); font-size: 0.85em; text-transform: uppercase; letter-spacing: 0.04em; }
.vn-meta { display: flex; flex-wrap: wrap; gap: 4px 18px; margin: 6px 0 0; padding: 0; }
.vn-meta div { display: flex; gap: 6px; align-items: baseline; }
.vn-meta dt { color: var(--vn-muted); font-size: 0.85em; }
.vn-meta dd { margin: 0; }
.vn-counts { display: flex; flex-wrap: wrap; gap: 8px; margin: 10px 0 0; padding: 0; list-style: none; }
.vn-count { padding: 1px 8px; border-radius: 10px; border: 1px solid currentColor; font-size: 0.88em; }
.vn-count-error { color: var(--vn-error); }
.vn-count-warning { color: var(--vn-warning); }
.vn-count-info { color: var(--vn-info); }
.vn-count-clean { color: var(--vn-muted); }
.vn-omitted { margin: 8px 0 0; color: var(--vn-muted); font-style: italic; }
.vn-section, .vn-map, .vn-loose { margin: 22px 0; }
.vn-findings { list-style: none; margin: 6px 0 10px; padding: 0; }
.vn-finding { display: flex; flex-wrap: wrap; gap: 2px 8px; align-items: baseline; margin: 3px 0; padding: 3px 8px;
  border-left: 3px solid var(--vn-sev); background: var(--vn-card); border-radius: 0 4px 4px 0; }
.vn-finding.vn-sev-error { --vn-sev: var(--vn-error); }
.vn-finding.vn-sev-warning { --vn-sev: var(--vn-warning); }
.vn-finding.vn-sev-info { --vn-sev: var(--vn-info); }
.vn-sev { color: var(--vn-sev); font-weight: 600; font-size: 0.85em; text-transform: uppercase; }
.vn-finding-message { color: var(--vn-fg); flex: 1 1 300px; }
.vn-rule, .vn-loc { font-size: 0.85em; color: var(--vn-muted); }
.vn-rule { font-family: var(--vn-mono); }
a.vn-rule { color: var(--vn-link); }
.vn-goal { display: inline-block; padding: 0 6px; border-radius: 9px; font-size: 0.85em; font-weight: 600;
  background: var(--vn-chip-bg); color: var(--vn-chip-fg); }
a.vn-goal:hover { text-decoration: none; outline: 1px solid var(--vn-focus); }
.vn-goal-undefined { background: transparent; color: var(--vn-error); border: 1px dashed var(--vn-error); }
.vn-map-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 12px; }
.vn-map h3 { margin: 4px 0; font-size: 0.95em; color: var(--vn-muted); text-transform: uppercase; letter-spacing: 0.04em; }
.vn-map ul { list-style: none; margin: 0; padding: 0; }
.vn-map li { margin: 0 0 6px; padding: 6px 8px; border: 1px solid var(--vn-border); border-radius: 4px; }
.vn-map li.vn-alone { border: 1px dashed var(--vn-warning); }
.vn-map .vn-links { display: block; margin-top: 2px; font-size: 0.9em; color: var(--vn-muted); }
.vn-map .vn-via { font-size: 0.85em; color: var(--vn-muted); }
.vn-flag { display: block; margin-top: 2px; font-size: 0.85em; font-weight: 600; color: var(--vn-warning); }
.vn-flag::before { content: "\\26A0\\FE0E  "; }
.vn-empty { color: var(--vn-muted); font-style: italic; }
.vn-private { padding: 8px 12px; border: 1px dashed var(--vn-private); border-radius: 6px; }
.vn-private-badge { display: inline-block; margin: 0 0 6px; padding: 1px 8px; border-radius: 10px; font-size: 0.82em;
  font-weight: 600; color: var(--vn-private); border: 1px solid var(--vn-private); }
.vn-image, .vn-link-text { color: var(--vn-muted); }
.vn-highlight { animation: vn-flash 1.2s ease-out; }
@keyframes vn-flash { from { background: var(--vscode-editor-findMatchHighlightBackground, #fff8c5); } to { background: transparent; } }
body.vscode-high-contrast .vn-card, body.vscode-high-contrast .vn-finding, body.vscode-high-contrast .vn-goal { border: 1px solid var(--vn-border); }
@media print {
  body { padding: 0; }
  .vn-card, .vn-finding { break-inside: avoid; }
  a { color: inherit; }
}
`;
