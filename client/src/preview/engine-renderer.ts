/**
 * The desktop preview's renderer: the engine bundled in the extension parses
 * the note under its config; the findings are what Problems shows while the
 * language server runs, a local lint otherwise.
 */
import * as vscode from 'vscode';
import type { RenderOptions } from '../../../server/src/preview/render.ts';
import { loadPreviewRender } from '../engine-loader.ts';
import { findingsFromDiagnostics, type NoteEngine } from '../note-engine.ts';
import type { PreviewPage, PreviewRenderer } from './preview-panel.ts';

export class EnginePreviewRenderer implements PreviewRenderer {
  constructor(
    private readonly engine: NoteEngine,
    private readonly serverRunning: () => boolean,
  ) {}

  async render(document: vscode.TextDocument, includePrivate: boolean, page?: PreviewPage): Promise<{ body: string; html?: string }> {
    const [analysis, { renderNoteBody, renderNoteHtml }] = await Promise.all([
      this.engine.parse(document),
      loadPreviewRender(),
    ]);
    const findings = this.serverRunning()
      ? findingsFromDiagnostics(document, vscode.languages.getDiagnostics(document.uri))
      : this.engine.lint(analysis);
    const options: RenderOptions = { includePrivate, template: analysis.template.name };
    const body = renderNoteBody(analysis.note, findings, options);
    return page ? { body, html: renderNoteHtml(analysis.note, findings, { ...options, ...page }) } : { body };
  }
}
