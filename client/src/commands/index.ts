/** Every command the extension contributes, registered in one place. */
import * as vscode from 'vscode';
import type { NoteDetector } from '../notes.ts';
import type { PreviewManager } from '../preview/preview-manager.ts';
import type { ServerHandle } from '../server-handle.ts';
import type { NoteHealthStatus } from '../status-bar.ts';
import type { TimelineManager } from '../timeline/timeline-manager.ts';
import { createConfig } from './create-config.ts';
import { exportHtml, type ExportArgs } from './export-html.ts';
import { insertMissingSections } from './insert-missing-sections.ts';
import type { WorkspaceLinter } from './lint-workspace.ts';
import { newNote, type NewNoteArgs } from './new-note.ts';
import { showRuleDocumentation } from './rule-docs.ts';
import { serverSources } from './server-sources.ts';

export interface CommandDeps {
  extensionUri: vscode.Uri;
  notes: NoteDetector;
  previews: PreviewManager;
  server: ServerHandle;
  status: NoteHealthStatus;
  linter: WorkspaceLinter;
  timelines: TimelineManager;
}

export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  const { templates, exporter, fixer, ruleCatalog, patientKeys } = serverSources(deps.server);
  const activeNote = async (): Promise<vscode.TextEditor | undefined> => {
    const editor = vscode.window.activeTextEditor;
    if (editor && (await deps.notes.isNote(editor.document))) return editor;
    void vscode.window.showInformationMessage('Visit Notes: open a visit note (*.visit.md) first.');
    return undefined;
  };
  const register = (id: string, run: (...args: never[]) => unknown) => vscode.commands.registerCommand(id, run);
  return [
    register('visitNotes.newNote', (args?: NewNoteArgs | vscode.Uri) =>
      newNote(templates, args, (folder, patient) => patientKeys(folder, patient, vscode.Uri.joinPath)),
    ),
    register('visitNotes.openPreviewToSide', async (uri?: vscode.Uri) => {
      const document =
        uri instanceof vscode.Uri ? await vscode.workspace.openTextDocument(uri) : (await activeNote())?.document;
      if (!document) return undefined;
      const panel = await deps.previews.openToSide(document);
      return panel.panel.viewType;
    }),
    register('visitNotes.showTimeline', async (uri?: vscode.Uri) => {
      const document =
        uri instanceof vscode.Uri ? await vscode.workspace.openTextDocument(uri) : (await activeNote())?.document;
      if (!document) return undefined;
      if (!(await deps.notes.isNote(document))) {
        void vscode.window.showInformationMessage('Visit Notes: the timeline is drawn from a visit note; this file is not one.');
        return undefined;
      }
      return deps.timelines.show(document).panel.viewType;
    }),
    register('visitNotes.lintWorkspace', () => deps.linter.run()),
    register('visitNotes.insertMissingSections', async () => {
      const editor = await activeNote();
      return editor ? insertMissingSections(fixer, editor) : 0;
    }),
    register('visitNotes.showRuleDocumentation', (ruleId?: string) => showRuleDocumentation(deps.extensionUri, ruleId, ruleCatalog)),
    register('visitNotes.restartServer', async () => {
      await deps.server.restart();
      deps.notes.invalidate();
      void vscode.window.setStatusBarMessage('Visit Notes: language server restarted', 3000);
    }),
    register('visitNotes.exportHtml', async (args?: ExportArgs) => ((await activeNote()) ? exportHtml(exporter, args) : undefined)),
    register('visitNotes.createConfig', () => createConfig()),
    register('visitNotes.statusBarClick', () => deps.status.click()),
  ];
}
