/** Every command the extension contributes, registered in one place. */
import * as vscode from 'vscode';
import type { NoteEngine } from '../note-engine.ts';
import type { NoteDetector } from '../notes.ts';
import type { PreviewManager } from '../preview/preview-manager.ts';
import type { ServerHandle } from '../server-handle.ts';
import type { NoteHealthStatus } from '../status-bar.ts';
import type { TimelineManager } from '../timeline/timeline-manager.ts';
import { createConfig } from './create-config.ts';
import { engineExporter, engineFixer, engineRuleCatalog, engineTemplates } from './engine-sources.ts';
import { exportHtml, type ExportArgs } from './export-html.ts';
import { insertMissingSections } from './insert-missing-sections.ts';
import type { WorkspaceLinter } from './lint-workspace.ts';
import { newNote, type NewNoteArgs } from './new-note.ts';
import { showRuleDocumentation } from './rule-docs.ts';
import { PATIENT_KEYS, type PatientKeysParams, type PatientKeysResult } from '../../../server/src/lsp/continuity-protocol.ts';

export interface CommandDeps {
  extensionUri: vscode.Uri;
  engine: NoteEngine;
  notes: NoteDetector;
  previews: PreviewManager;
  server: ServerHandle;
  status: NoteHealthStatus;
  linter: WorkspaceLinter;
  timelines: TimelineManager;
}

export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  const activeNote = async (): Promise<vscode.TextEditor | undefined> => {
    const editor = vscode.window.activeTextEditor;
    if (editor && (await deps.notes.isNote(editor.document))) return editor;
    void vscode.window.showInformationMessage('Visit Notes: open a visit note (*.visit.md) first.');
    return undefined;
  };
  const register = (id: string, run: (...args: never[]) => unknown) => vscode.commands.registerCommand(id, run);
  return [
    register('visitNotes.newNote', (args?: NewNoteArgs | vscode.Uri) =>
      newNote(engineTemplates(deps.engine), args, async (folder, patient) => {
        const client = await deps.server.ready();
        if (!client) return [];
        const params: PatientKeysParams = { uri: vscode.Uri.joinPath(folder, 'new.visit.md').toString(), patient };
        return (await client.sendRequest<PatientKeysResult>(PATIENT_KEYS, params))?.keys ?? [];
      }),
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
      return editor ? insertMissingSections(engineFixer(deps.engine), editor) : 0;
    }),
    register('visitNotes.showRuleDocumentation', (ruleId?: string) => showRuleDocumentation(deps.extensionUri, ruleId, engineRuleCatalog)),
    register('visitNotes.restartServer', async () => {
      await deps.server.restart();
      deps.notes.invalidate();
      void vscode.window.setStatusBarMessage('Visit Notes: language server restarted', 3000);
    }),
    register('visitNotes.exportHtml', async (args?: ExportArgs) => ((await activeNote()) ? exportHtml(engineExporter(deps.engine), args) : undefined)),
    register('visitNotes.createConfig', () => createConfig()),
    register('visitNotes.statusBarClick', () => deps.status.click()),
  ];
}
