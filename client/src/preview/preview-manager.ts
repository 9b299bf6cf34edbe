/**
 * Previews beside the editor, one per note: opened by `Open Preview to the
 * Side` (or automatically, by setting), re-rendered as you type (debounced),
 * when the language server's diagnostics change and when config changes; the
 * editor's scrolling scrolls the preview.
 */
import * as vscode from 'vscode';
import { PREVIEW_VIEW_TYPE, PreviewPanel, previewTitle, type PreviewRenderer } from './preview-panel.ts';

/** Which documents are notes (NoteDetector). */
export interface NoteTest {
  isNote(document: vscode.TextDocument): Promise<boolean>;
}

export class PreviewManager implements vscode.Disposable {
  private readonly panels = new Map<string, PreviewPanel>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly renderer: PreviewRenderer,
    private readonly notes: NoteTest,
    /** Config files changed: every preview renders again. */
    onDidChangeConfig: vscode.Event<void>,
  ) {
    const settings = () => vscode.workspace.getConfiguration('visitNotes');
    this.subscriptions.push(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length === 0) return;
        this.panelFor(e.document.uri)?.schedule(settings().get<number>('preview.updateDelay', 250));
      }),
      vscode.languages.onDidChangeDiagnostics((e) => {
        for (const uri of e.uris) this.panelFor(uri)?.schedule(50);
      }),
      vscode.window.onDidChangeTextEditorVisibleRanges((e) => {
        const panel = this.panelFor(e.textEditor.document.uri);
        const first = e.visibleRanges[0];
        if (panel && first && settings().get<boolean>('preview.scrollSync', true)) panel.scrollToLine(first.start.line);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('visitNotes.preview')) this.refreshAll();
      }),
      vscode.workspace.onDidOpenTextDocument((doc) => this.panelFor(doc.uri)?.setDocument(doc)),
      vscode.window.onDidChangeActiveTextEditor((editor) => void this.autoOpen(editor)),
      onDidChangeConfig(() => this.refreshAll()),
    );
    void this.autoOpen(vscode.window.activeTextEditor);
  }

  /** Opens (or reveals) the preview of `document` beside the editor. */
  async openToSide(document: vscode.TextDocument, preserveFocus = true): Promise<PreviewPanel> {
    const existing = this.panelFor(document.uri);
    if (existing) {
      existing.panel.reveal(undefined, preserveFocus);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(
      PREVIEW_VIEW_TYPE,
      previewTitle(document.uri),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus },
      {
        enableScripts: true,
        enableFindWidget: true,
        enableCommandUris: false,
        localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'media')],
      },
    );
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'images', 'preview.svg');
    const preview = new PreviewPanel(document, panel, { extensionUri: this.extensionUri, renderer: this.renderer });
    const key = document.uri.toString();
    this.panels.set(key, preview);
    preview.onDidDispose(() => this.panels.delete(key));
    return preview;
  }

  panelFor(uri: vscode.Uri): PreviewPanel | undefined {
    return this.panels.get(uri.toString());
  }

  private refreshAll(): void {
    for (const p of this.panels.values()) p.schedule(0);
  }

  private async autoOpen(editor: vscode.TextEditor | undefined): Promise<void> {
    if (!editor || !vscode.workspace.getConfiguration('visitNotes').get<boolean>('preview.openAutomatically', false)) return;
    if (this.panelFor(editor.document.uri) || !(await this.notes.isNote(editor.document))) return;
    await this.openToSide(editor.document);
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    for (const p of [...this.panels.values()]) p.dispose();
  }
}
