/**
 * Every command the extension contributes, registered in one place for both
 * builds: the desktop and the browser feed them from the language server alike
 * (server-sources.ts), so one table serves both. A failing command says which
 * command failed, in both builds, and why in words that never quote a note
 * (command-failure.ts).
 */
import * as vscode from 'vscode';
import type { ClientSource } from '../client-source.ts';
import type { NoteDetector } from '../notes.ts';
import type { PreviewManager } from '../preview/preview-manager.ts';
import type { NoteHealthStatus } from '../status-bar.ts';
import type { TimelineManager } from '../timeline/timeline-manager.ts';
import { createConfig } from './create-config.ts';
import { failureReason } from '../command-failure.ts';
import { exportHtml, type ExportArgs } from './export-html.ts';
import { insertMissingSections } from './insert-missing-sections.ts';
import type { WorkspaceLinter } from './lint-workspace.ts';
import { newNote, type NewNoteArgs } from './new-note.ts';
import { showRuleDocumentation } from './rule-docs.ts';
import { serverSources } from './server-sources.ts';

export interface CommandDeps {
  extensionUri: vscode.Uri;
  linter: WorkspaceLinter;
  notes: NoteDetector;
  previews: PreviewManager;
  /** The desktop's ServerHandle or the browser's WebServerHandle. */
  server: ClientSource & { restart(): Promise<void> };
  status: NoteHealthStatus;
  timelines: TimelineManager;
}

export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  const { server } = deps;
  const { templates, exporter, fixer, ruleCatalog, patientKeys } = serverSources(server);
  const activeNote = async (): Promise<vscode.TextEditor | undefined> => {
    const editor = vscode.window.activeTextEditor;
    if (editor && (await deps.notes.isNote(editor.document))) return editor;
    void vscode.window.showInformationMessage('Visit Notes: open a visit note (*.visit.md) first.');
    return undefined;
  };
  const documentFor = async (uri?: unknown) =>
    uri instanceof vscode.Uri ? vscode.workspace.openTextDocument(uri) : (await activeNote())?.document;
  const fail = (what: string) => (err: unknown) => {
    void vscode.window.showErrorMessage(`Visit Notes: ${what} failed: ${failureReason(err)}`);
    return undefined;
  };
  const register = (id: string, run: (...args: never[]) => unknown) => vscode.commands.registerCommand(id, run);
  return [
    register('visitNotes.newNote', (args?: NewNoteArgs | vscode.Uri) =>
      newNote(templates, args, (folder, patient) => patientKeys(folder, patient, vscode.Uri.joinPath)).catch(fail('New Note')),
    ),
    register('visitNotes.openPreviewToSide', async (uri?: vscode.Uri) => {
      const document = await documentFor(uri);
      return document ? (await deps.previews.openToSide(document)).panel.viewType : undefined;
    }),
    register('visitNotes.showTimeline', async (uri?: vscode.Uri) => {
      const document = await documentFor(uri);
      if (!document) return undefined;
      if (!(await deps.notes.isNote(document))) {
        void vscode.window.showInformationMessage('Visit Notes: the timeline is drawn from a visit note; this file is not one.');
        return undefined;
      }
      return deps.timelines.show(document).panel.viewType;
    }),
    register('visitNotes.exportHtml', async (args?: ExportArgs) =>
      (await activeNote()) ? exportHtml(exporter, args).catch(fail('Export Note as HTML')) : undefined,
    ),
    register('visitNotes.insertMissingSections', async () => {
      const editor = await activeNote();
      return editor ? insertMissingSections(fixer, editor).catch(fail('Insert Missing Sections')) : 0;
    }),
    register('visitNotes.showRuleDocumentation', (ruleId?: string) =>
      showRuleDocumentation(deps.extensionUri, ruleId, ruleCatalog).catch(fail('Show Rule Documentation')),
    ),
    register('visitNotes.restartServer', async () => {
      await server.restart();
      deps.notes.invalidate();
      void vscode.window.setStatusBarMessage('Visit Notes: language server restarted', 3000);
    }),
    register('visitNotes.statusBarClick', () => deps.status.click()),
    register('visitNotes.lintWorkspace', () => deps.linter.run()),
    register('visitNotes.createConfig', () => createConfig().catch(fail('Create Config File'))),
  ];
}
