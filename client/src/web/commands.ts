/**
 * The commands in the browser. They are the desktop's own (the same files under
 * client/src/commands/), fed by the language server's worker instead of an
 * engine bundled in the extension: one copy of the engine in the VSIX. Lint
 * Workspace and Create Config File work as on the desktop: the worker reads
 * the workspace through `workspace.fs` (file-access.ts).
 */
import * as vscode from 'vscode';
import { PATIENT_KEYS, type PatientKeysParams, type PatientKeysResult } from '../../../server/src/lsp/continuity-protocol.ts';
import {
  EXPORT_HTML,
  FIX_ALL_TEXT,
  NEW_NOTE_TEMPLATES,
  RULE_CATALOG,
  type ExportHtmlParams,
  type ExportHtmlResult,
  type FixAllTextParams,
  type FixAllTextResult,
  type NewNoteTemplatesParams,
  type NewNoteTemplatesResult,
  type RuleInfo,
} from '../../../server/src/lsp/web-protocol.ts';
import { createConfig } from '../commands/create-config.ts';
import { exportHtml, type ExportArgs, type NoteExporter } from '../commands/export-html.ts';
import { insertMissingSections, type NoteFixer } from '../commands/insert-missing-sections.ts';
import type { WorkspaceLinter } from '../commands/lint-workspace.ts';
import { newNote, type NewNoteArgs, type NoteTemplates } from '../commands/new-note.ts';
import { showRuleDocumentation } from '../commands/rule-docs.ts';
import type { NoteDetector } from '../notes.ts';
import type { PreviewManager } from '../preview/preview-manager.ts';
import type { NoteHealthStatus } from '../status-bar.ts';
import type { TimelineManager } from '../timeline/timeline-manager.ts';
import type { WebServerHandle } from './server-handle.ts';

export interface WebCommandDeps {
  extensionUri: vscode.Uri;
  linter: WorkspaceLinter;
  notes: NoteDetector;
  previews: PreviewManager;
  server: WebServerHandle;
  status: NoteHealthStatus;
  timelines: TimelineManager;
}

export function registerWebCommands(deps: WebCommandDeps): vscode.Disposable[] {
  const { server } = deps;
  /** A request to the worker (`params` gets URIs as the client sends them); throws when it is not running. */
  const ask = async <R>(method: string, params: (uri: (u: vscode.Uri) => string) => unknown): Promise<R> => {
    const client = await server.ready();
    if (!client) throw new Error('the language server is not running (Output → Visit Notes)');
    return client.sendRequest<R>(method, params((u) => client.code2ProtocolConverter.asUri(u)));
  };
  const templates = async (note: vscode.Uri): Promise<NoteTemplates> => {
    const r = await ask<NewNoteTemplatesResult>(NEW_NOTE_TEMPLATES, (uri): NewNoteTemplatesParams => ({ uri: uri(note) }));
    // The worker's key generator is the engine's; each note asks for its own.
    return { ...r, newPatientKey: () => r.patientKey };
  };
  const exporter: NoteExporter = async (document, includePrivate) => {
    const r = await ask<ExportHtmlResult>(EXPORT_HTML, (uri): ExportHtmlParams => ({ uri: uri(document.uri), includePrivate }));
    if (!r) throw new Error('this document is not an open visit note');
    return r;
  };
  const fixer: NoteFixer = async (document, only) => {
    const r = await ask<FixAllTextResult>(FIX_ALL_TEXT, (uri): FixAllTextParams => ({ uri: uri(document.uri), only }));
    // Fixed on another version (typing went on meanwhile): apply nothing.
    return r && r.version === document.version ? r : undefined;
  };
  const activeNote = async (): Promise<vscode.TextEditor | undefined> => {
    const editor = vscode.window.activeTextEditor;
    if (editor && (await deps.notes.isNote(editor.document))) return editor;
    void vscode.window.showInformationMessage('Visit Notes: open a visit note (*.visit.md) first.');
    return undefined;
  };
  const documentFor = async (uri?: unknown) =>
    uri instanceof vscode.Uri ? vscode.workspace.openTextDocument(uri) : (await activeNote())?.document;
  const fail = (what: string) => (err: unknown) => {
    void vscode.window.showErrorMessage(`Visit Notes: ${what} failed: ${(err as Error)?.message ?? String(err)}`);
    return undefined;
  };
  const register = (id: string, run: (...args: never[]) => unknown) => vscode.commands.registerCommand(id, run);
  return [
    register('visitNotes.newNote', (args?: NewNoteArgs | vscode.Uri) =>
      newNote(templates, args, async (folder, patient) => {
        const params = (uri: (u: vscode.Uri) => string): PatientKeysParams => ({ uri: uri(vscode.Uri.joinPath(folder, 'new.visit.md')), patient });
        return (await ask<PatientKeysResult>(PATIENT_KEYS, params)).keys;
      }).catch(fail('New Note')),
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
      showRuleDocumentation(deps.extensionUri, ruleId, () => ask<RuleInfo[]>(RULE_CATALOG, () => ({}))).catch(fail('Show Rule Documentation')),
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
