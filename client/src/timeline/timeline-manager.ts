/**
 * `Visit Notes: Show Patient Timeline`: one timeline panel beside the editor,
 * for the patient of the note it was shown for (running the command in another
 * note switches it). While it is open it re-renders, debounced, when a note is
 * edited, saved, created, changed on disk or deleted, when the server's
 * diagnostics change (the server re-lints exactly the notes whose history
 * changed, and its first workspace scan ends that way), when config changes and
 * when the server restarts. Nothing is watched while no timeline is open.
 */
import * as vscode from 'vscode';
import { isNoteFileName } from '../../../server/src/engine/workspace/note-files.ts';
import type { ClientSource } from '../client-source.ts';
import { NoteDetector } from '../notes.ts';
import type { NoteTest } from '../preview/preview-manager.ts';
import { TIMELINE_VIEW_TYPE, TimelinePanel, type TimelineSnapshot } from './timeline-panel.ts';

export class TimelineManager implements vscode.Disposable {
  private current: TimelinePanel | undefined;
  private listeners: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    /** Config files changed (the server re-reads them). */
    private readonly onDidChangeConfig: vscode.Event<void>,
    private readonly notes: NoteTest,
    private readonly server: ClientSource,
    private readonly log: (message: string) => void,
  ) {}

  /** Opens (or reveals and switches) the timeline for `document`'s patient, beside the editor. */
  show(document: vscode.TextDocument, preserveFocus = true): TimelinePanel {
    if (this.current) {
      this.current.retarget(document.uri);
      this.current.panel.reveal(undefined, preserveFocus);
      return this.current;
    }
    const panel = vscode.window.createWebviewPanel(
      TIMELINE_VIEW_TYPE,
      'Timeline',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus },
      {
        enableScripts: true, // media/timeline.js only, by nonce
        enableFindWidget: true,
        enableCommandUris: false,
        localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'media')],
      },
    );
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'images', 'preview.svg');
    const timeline = new TimelinePanel(document.uri, panel, { extensionUri: this.extensionUri, server: this.server, log: this.log });
    this.current = timeline;
    this.listeners = this.listen(timeline);
    timeline.onDidDispose(() => {
      if (this.current !== timeline) return;
      this.current = undefined;
      for (const l of this.listeners.splice(0)) l.dispose();
    });
    return timeline;
  }

  snapshot(): TimelineSnapshot | undefined {
    return this.current?.snapshot();
  }

  private listen(timeline: TimelinePanel): vscode.Disposable[] {
    const delay = () => vscode.workspace.getConfiguration('visitNotes').get<number>('preview.updateDelay', 250);
    const noteChanged = (document: vscode.TextDocument) => {
      if (NoteDetector.isNoteByName(document)) timeline.schedule(delay());
      else if (document.languageId === 'markdown') {
        void this.notes.isNote(document).then((yes) => yes && timeline.schedule(delay()));
      }
    };
    const onDisk = () => timeline.schedule(500); // the server reads the file on its own watcher event
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.visit.md');
    return [
      watcher,
      watcher.onDidCreate(onDisk),
      watcher.onDidChange(onDisk),
      watcher.onDidDelete(onDisk),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0) noteChanged(e.document);
      }),
      vscode.workspace.onDidSaveTextDocument(noteChanged),
      vscode.languages.onDidChangeDiagnostics((e) => {
        if (e.uris.some((u) => isNoteFileName(u.path))) timeline.schedule(150);
      }),
      this.onDidChangeConfig(() => timeline.schedule(500)),
      this.server.onDidStart(() => timeline.schedule(0)),
    ];
  }

  dispose(): void {
    for (const l of this.listeners.splice(0)) l.dispose();
    this.current?.dispose();
    this.current = undefined;
  }
}
