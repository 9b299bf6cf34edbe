/**
 * One preview webview for one note. The first rendering sets the whole HTML
 * (strict CSP, nonce'd style and script); later ones post only the body, so
 * the preview keeps its scroll position while you type. Clicks in the preview
 * come back as messages: reveal an offset in the editor, or open a rule's docs.
 */
import * as vscode from 'vscode';
import { newNonce } from '../nonce.ts';

export const PREVIEW_VIEW_TYPE = 'visitNotes.preview';

/** Messages the webview script (media/preview.js) sends. */
type FromWebview = { type: 'reveal'; offset: number } | { type: 'showRule'; ruleId: string } | { type: 'ready' };

/** What a rendering embeds in the webview's whole page (the first rendering). */
export interface PreviewPage {
  nonce: string;
  cspSource: string;
  scriptUri: string;
}

/**
 * Renders a note for the preview: the bundled engine on the desktop
 * (preview-renderer.ts), the language server's worker in the browser.
 */
export interface PreviewRenderer {
  /** The body, and with `page` the whole page too; undefined when there is nothing to show (keep the current one). */
  render(document: vscode.TextDocument, includePrivate: boolean, page?: PreviewPage): Promise<{ body: string; html?: string } | undefined>;
}

export interface PreviewDeps {
  extensionUri: vscode.Uri;
  renderer: PreviewRenderer;
}

export class PreviewPanel implements vscode.Disposable {
  private timer: ReturnType<typeof setTimeout> | undefined;
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

  private async render(): Promise<void> {
    if (!this.panel.visible) {
      this.rendered = false; // rendered afresh when shown again
      return;
    }
    const includePrivate = vscode.workspace.getConfiguration('visitNotes').get<boolean>('preview.showCountertransference', true);
    const webview = this.panel.webview;
    const page = this.rendered
      ? undefined
      : {
          nonce: newNonce(),
          cspSource: webview.cspSource,
          scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.deps.extensionUri, 'media', 'preview.js')).toString(),
        };
    const rendering = await this.deps.renderer.render(this.document, includePrivate, page);
    if (!rendering) return;
    this.renderCount++;
    this.panel.title = previewTitle(this.document.uri);
    if (page && rendering.html !== undefined) {
      webview.html = rendering.html;
      this.lastBody = rendering.body;
      this.rendered = true;
      return;
    }
    if (rendering.body === this.lastBody) return;
    this.lastBody = rendering.body;
    await webview.postMessage({ type: 'update', html: rendering.body });
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
