/**
 * One preview webview for one note. The first rendering sets the whole HTML
 * (strict CSP, nonce'd style and script); later ones post only the body, so
 * the preview keeps its scroll position while you type. Clicks in the preview
 * come back as messages: reveal an offset in the editor, or open a rule's docs.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { RenderOptions } from '../../../server/src/preview/render.ts';
import type { Finding } from '../../../server/src/engine/index.ts';
import type { NoteAnalysis, NoteEngine } from '../note-engine.ts';

export const PREVIEW_VIEW_TYPE = 'visitNotes.preview';

/** Messages the webview script (media/preview.js) sends. */
type FromWebview = { type: 'reveal'; offset: number } | { type: 'showRule'; ruleId: string } | { type: 'ready' };

export interface PreviewDeps {
  engine: NoteEngine;
  extensionUri: vscode.Uri;
  /** The findings to show for a parsed note (the server's diagnostics, or a local lint). */
  findingsFor(document: vscode.TextDocument, analysis: NoteAnalysis): Finding[];
}

export class PreviewPanel implements vscode.Disposable {
  private timer: NodeJS.Timeout | undefined;
  private rendered = false;
  private renderCount = 0;
  private lastBody = '';
  private readonly disposables: vscode.Disposable[] = [];
  private readonly disposed = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposed.event;

  constructor(
    private document: vscode.TextDocument,
    readonly panel: vscode.WebviewPanel,
    private readonly deps: PreviewDeps,
  ) {
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: FromWebview) => void this.onMessage(m)),
      panel.onDidChangeViewState((e) => {
        // A hidden webview is torn down: when it shows again, render it afresh.
        // (Focus changes fire this too; those keep the page and its scroll position.)
        if (!e.webviewPanel.visible) this.rendered = false;
        else if (!this.rendered) this.schedule(0);
      }),
    );
    this.schedule(0);
  }

  get uri(): vscode.Uri {
    return this.document.uri;
  }

  /** The body HTML last rendered (for tests and diagnostics of the preview itself). */
  get html(): string {
    return this.lastBody;
  }

  get renders(): number {
    return this.renderCount;
  }

  setDocument(document: vscode.TextDocument): void {
    this.document = document;
  }

  /** Re-render after `delay` ms of quiet (the typing debounce). */
  schedule(delay: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.render().catch(() => {
        /* a document closed mid-render: the next change renders again */
      });
    }, delay);
  }

  scrollToLine(line: number): void {
    void this.panel.webview.postMessage({ type: 'scroll', line });
  }

  private options(): RenderOptions {
    const includePrivate = vscode.workspace.getConfiguration('visitNotes').get<boolean>('preview.showCountertransference', true);
    return { includePrivate };
  }

  private async render(): Promise<void> {
    if (!this.panel.visible) {
      this.rendered = false; // rendered afresh when shown again
      return;
    }
    const [analysis, { renderNoteBody, renderNoteHtml }] = await Promise.all([
      this.deps.engine.parse(this.document),
      import('../../../server/src/preview/render.ts'),
    ]);
    const findings = this.deps.findingsFor(this.document, analysis);
    const options: RenderOptions = { ...this.options(), template: analysis.template.name };
    this.renderCount++;
    this.panel.title = previewTitle(this.document.uri);
    if (!this.rendered) {
      const webview = this.panel.webview;
      const nonce = randomBytes(16).toString('base64');
      const script = webview.asWebviewUri(vscode.Uri.joinPath(this.deps.extensionUri, 'media', 'preview.js'));
      webview.html = renderNoteHtml(analysis.note, findings, {
        ...options,
        nonce,
        cspSource: webview.cspSource,
        scriptUri: script.toString(),
      });
      this.lastBody = renderNoteBody(analysis.note, findings, options);
      this.rendered = true;
      return;
    }
    const body = renderNoteBody(analysis.note, findings, options);
    if (body === this.lastBody) return;
    this.lastBody = body;
    await this.panel.webview.postMessage({ type: 'update', html: body });
  }

  private async onMessage(m: FromWebview): Promise<void> {
    if (m?.type === 'reveal' && Number.isInteger(m.offset)) {
      const document = this.document.isClosed ? await vscode.workspace.openTextDocument(this.document.uri) : this.document;
      const pos = document.positionAt(m.offset);
      const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === document.uri.toString());
      const editor = await vscode.window.showTextDocument(document, {
        viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One,
        selection: new vscode.Range(pos, pos),
        preserveFocus: false,
      });
      editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    } else if (m?.type === 'showRule' && typeof m.ruleId === 'string' && /^[a-z][a-z0-9-]*$/.test(m.ruleId)) {
      await vscode.commands.executeCommand('visitNotes.showRuleDocumentation', m.ruleId);
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables.splice(0)) d.dispose();
    this.disposed.fire();
    this.disposed.dispose();
    this.panel.dispose();
  }
}

export function previewTitle(uri: vscode.Uri): string {
  return `Preview ${uri.path.slice(uri.path.lastIndexOf('/') + 1) || uri.path}`;
}
