/**
 * The extension's own requests for what it shows beside the editor: the
 * preview, Export Note as HTML, New Note's templates, Insert Missing Sections
 * and the rule catalogue. The browser build asks the server for all of them
 * (its engine lives only in the worker); the Node server answers them too, from
 * the same table (handlers.ts). Same renderers as the CLI (strict CSP,
 * escaping, identifiers masked in an export), the note's own config, and for
 * fix-all the history lint uses.
 */
import type { CancellationToken, Connection } from 'vscode-languageserver';
import { CHANGE_VALUES, newPatientKey, ruleDocsUrl, RULES } from '../engine/index.ts';
import { exportNote } from '../preview/export.ts';
import { renderNoteBody, renderNoteHtml } from '../preview/render.ts';
import type { ServerState } from './server-state.ts';
import {
  EXPORT_HTML,
  FIX_ALL_TEXT,
  RULE_CATALOG,
  type FixAllTextParams,
  type FixAllTextResult,
  type RuleInfo,
  NEW_NOTE_TEMPLATES,
  PREVIEW_HTML,
  type ExportHtmlParams,
  type ExportHtmlResult,
  type NewNoteTemplatesParams,
  type NewNoteTemplatesResult,
  type PreviewHtmlParams,
  type PreviewHtmlResult,
} from './web-protocol.ts';

export function registerWebFeatures(connection: Connection, state: Pick<ServerState, 'noteFor' | 'cache' | 'continuity' | 'toPath'>): void {
  const noteFor = (uri: string, token: CancellationToken) => state.noteFor(uri, token);

  connection.onRequest(PREVIEW_HTML, async (p: PreviewHtmlParams, token: CancellationToken): Promise<PreviewHtmlResult> => {
    const a = await noteFor(p.uri, token);
    if (!a) return null;
    const options = { includePrivate: !!p.includePrivate, template: a.template.name };
    // The findings Problems shows: the server's own, for this version.
    const body = renderNoteBody(a.note, a.findings, options);
    return p.page ? { body, html: renderNoteHtml(a.note, a.findings, { ...options, ...p.page }) } : { body };
  });

  connection.onRequest(EXPORT_HTML, async (p: ExportHtmlParams, token: CancellationToken): Promise<ExportHtmlResult> => {
    const a = await noteFor(p.uri, token);
    return a ? exportNote(a.text, { config: a.config, includePrivate: !!p.includePrivate }) : null;
  });

  connection.onRequest(FIX_ALL_TEXT, async (p: FixAllTextParams, token: CancellationToken): Promise<FixAllTextResult> => {
    const a = await noteFor(p.uri, token);
    if (!a) return null;
    // The history lint uses, as `visitnotes lint --fix` passes it (engine/workspace/workspace.ts).
    const { text, fixedCount } = state.continuity.workspace.fixAll(state.toPath(a.uri), a.text, a.note, a.config, p.only);
    return { text, fixedCount, version: a.version };
  });

  connection.onRequest(RULE_CATALOG, (): RuleInfo[] =>
    RULES.map((r) => ({ id: r.id, description: r.description, defaultSeverity: r.defaultSeverity, fixable: r.fixable, docsUrl: ruleDocsUrl(r.id) })),
  );

  connection.onRequest(NEW_NOTE_TEMPLATES, async (p: NewNoteTemplatesParams): Promise<NewNoteTemplatesResult> => {
    // The config of the folder the note goes to: its templates and default.
    const { config } = await state.cache.configFor(p.uri);
    return {
      templates: Object.values(config.templates),
      defaultTemplate: config.defaultTemplate,
      changeValues: [...CHANGE_VALUES],
      patientKey: newPatientKey(),
    };
  });
}
