/**
 * The patient timeline webview, bound to the note it was shown for. Each
 * rendering asks the language server for that note's course of care
 * (`visitNotes/timeline`) with the panel's `cspSource` and a fresh nonce; the
 * first one sets the whole page, later ones post only the body (the page keeps
 * its scroll position). A click on a visit's date comes back as a message and
 * opens that note, if it is one of the page's own visits.
 */
import * as vscode from 'vscode';
import { TIMELINE, type TimelineParams, type TimelineResult } from '../../../server/src/lsp/continuity-protocol.ts';
import type { ClientSource } from '../client-source.ts';
import { newNonce } from '../nonce.ts';
import type { TimelineView } from './timeline-page.ts';

export const TIMELINE_VIEW_TYPE = 'visitNotes.timeline';

/** Messages the webview script (media/timeline.js) sends. */
type FromWebview = { type: 'open'; path: string } | { type: 'ready' };

/** What the panel shows now (the extension's test API). */
export interface TimelineSnapshot {
  /** The note the timeline was shown for. */
  uri: string;
  /** `pending` until the first rendering. */
  state: 'timeline' | 'empty' | 'pending';
  patient: string | undefined;
  /** Dated visits drawn. */
  visits: number;
  /** The whole page as it stands (the shell with the latest body). */
  html: string;
  renders: number;
}

export interface TimelineDeps {
  extensionUri: vscode.Uri;
  server: ClientSource;
  /** A line for Output → Visit Notes. */
  log(message: string): void;
}

export class TimelinePanel implements vscode.Disposable {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private due = 0;
  private generation = 0;
  /** The webview holds our page (a hidden webview is torn down). */
  private rendered = false;
  /** The page's script said it is listening. */
  private ready = false;
  private nonce = '';
  private view: TimelineView | undefined;
  private page = '';
  private patient: string | undefined;
  private visits = 0;
  private renderCount = 0;
  private closed = false;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly disposed = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposed.event;

  constructor(
    private note: vscode.Uri,
    readonly panel: vscode.WebviewPanel,
    private readonly deps: TimelineDeps,
  ) {
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: FromWebview) => void this.onMessage(m)),
      panel.onDidChangeViewState((e) => {
        if (!e.webviewPanel.visible) this.rendered = false;
        else if (!this.rendered) this.schedule(0);
      }),
    );
    this.schedule(0);
  }

  get uri(): vscode.Uri {
    return this.note;
  }

  /** Shows the timeline of `note`'s patient from now on. */
  retarget(note: vscode.Uri): void {
    if (note.toString() === this.note.toString()) return;
    this.note = note;
    this.schedule(0);
  }

  snapshot(): TimelineSnapshot {
    return {
      uri: this.note.toString(),
      state: this.view?.state ?? (this.page ? 'timeline' : 'pending'),
      patient: this.patient,
      visits: this.visits,
      html: this.page,
      renders: this.renderCount,
    };
  }

  /** Re-render after `delay` ms of quiet; an earlier request for a later time wins (the typing debounce). */
  schedule(delay: number): void {
    const due = Date.now() + delay;
    if (this.timer && this.due >= due) return;
    if (this.timer) clearTimeout(this.timer);
    this.due = due;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.render().catch((err: unknown) => {
        // The server restarted mid-render: the next change renders again.
        if (!this.closed) this.deps.log(`Timeline: rendering failed: ${(err as Error)?.message ?? String(err)}`);
      });
    }, delay);
  }

  private async render(): Promise<void> {
    if (!this.panel.visible) {
      this.rendered = false; // rendered afresh when shown again
      return;
    }
    const generation = ++this.generation;
    const next = await this.compute();
    if (generation !== this.generation || !next) return; // a newer rendering is under way, or keep the page
    this.renderCount++;
    this.patient = next.patient;
    this.visits = next.visits;
    this.panel.title = next.title;
    const page = await import('./timeline-page.ts');
    if (this.closed) return;
    const webview = this.panel.webview;
    const scriptUri = webview.asWebviewUri(vscode.Uri.joinPath(this.deps.extensionUri, 'media', 'timeline.js')).toString();
    if (!next.view) {
      // The server's page as it is (its own strict CSP, no script): only if its shape was not recognised.
      this.view = undefined;
      this.page = next.raw ?? '';
      webview.html = this.page;
      this.rendered = false;
      return;
    }
    const view = next.view;
    const reuse = this.rendered && this.ready && this.view !== undefined && this.view.style === view.style;
    if (!reuse) this.nonce = newNonce();
    const html = page.pageHtml(view, { cspSource: webview.cspSource, nonce: this.nonce, scriptUri });
    const before = this.view;
    this.view = view;
    this.page = html;
    if (!reuse) {
      this.ready = false;
      webview.html = html;
      this.rendered = true;
    } else if (before!.body !== view.body) {
      await webview.postMessage({ type: 'update', html: view.body, state: view.state });
    }
  }

  /** What to show now; undefined keeps the current page (a failed request while there is one). */
  private async compute(): Promise<{ title: string; patient?: string; visits: number; view?: TimelineView; raw?: string } | undefined> {
    const page = await import('./timeline-page.ts');
    const name = this.note.path.slice(this.note.path.lastIndexOf('/') + 1) || this.note.path;
    const empty = (reason: Parameters<typeof page.emptyView>[0]) => ({ title: page.panelTitle(undefined), visits: 0, view: page.emptyView(reason, name) });
    const client = await this.deps.server.ready();
    if (!client) return empty('no-server');
    try {
      // The server answers for open documents; this opens the note (no editor) if it was closed.
      await vscode.workspace.openTextDocument(this.note);
    } catch {
      return empty('gone');
    }
    const params: TimelineParams = {
      uri: client.code2ProtocolConverter.asUri(this.note),
      cspSource: this.panel.webview.cspSource,
      nonce: newNonce(),
    };
    let result: TimelineResult;
    try {
      result = await client.sendRequest<TimelineResult>(TIMELINE, params);
    } catch (err) {
      this.deps.log(`Timeline: ${TIMELINE} failed: ${(err as Error)?.message ?? String(err)}`);
      return this.view || this.page ? undefined : empty('failed');
    }
    if (!result) return empty('no-patient');
    const paths = page.linkedPaths(result.html);
    // Paths compare case-insensitively on Windows (no `process` in the browser's extension host).
    const windows = typeof process !== 'undefined' && process.platform === 'win32';
    const found = page.noticeFor(paths, this.note.fsPath, windows);
    const view = page.fromServerPage(result.html, found);
    const title = page.panelTitle(result.patient);
    return view ? { title, patient: result.patient, visits: result.visits, view } : { title, patient: result.patient, visits: result.visits, raw: result.html };
  }

  private async onMessage(m: FromWebview): Promise<void> {
    if (m?.type === 'ready') {
      this.ready = true;
      return;
    }
    // Only the page's own visits: a message names a path, never opens an arbitrary file.
    if (m?.type !== 'open' || typeof m.path !== 'string' || !this.view?.paths.includes(m.path)) return;
    // A path in the note's own file system (github.dev's, vscode.dev's, or the disk).
    const uri = this.note.scheme === 'file' ? vscode.Uri.file(m.path) : this.note.with({ path: m.path });
    const other = vscode.window.visibleTextEditors.find((e) => e.viewColumn !== undefined && e.viewColumn !== this.panel.viewColumn);
    await vscode.window.showTextDocument(uri, { viewColumn: other?.viewColumn ?? vscode.ViewColumn.One, preserveFocus: false });
  }

  dispose(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.generation++;
    for (const d of this.disposables.splice(0)) d.dispose();
    this.disposed.fire();
    this.disposed.dispose();
    this.panel.dispose();
  }
}
