/**
 * The extension's own requests, as the language server in the browser answers
 * them: the preview, Export Note as HTML, New Note's templates, the timeline
 * and the patient keys. Same renderers as the desktop (strict CSP, escaping,
 * identifiers masked in an export); what differs is what the worker can see:
 * the open note only, under the built-in config, until it reads the workspace
 * through the client (issue 14, stage 2). So the timeline draws the current
 * visit, and New Note knows no earlier patient keys.
 */
import type { CancellationToken, Connection } from 'vscode-languageserver';
import { CHANGE_VALUES, displayPatient, fixAll, newPatientKey, RECOMMENDED, ruleDocsUrl, RULES, summarizeNote } from '../engine/index.ts';
import { exportNote } from '../preview/export.ts';
import { renderNoteBody, renderNoteHtml } from '../preview/render.ts';
import { renderTimeline } from '../timeline/render.ts';
import { PATIENT_KEYS, TIMELINE, type PatientKeysResult, type TimelineParams, type TimelineResult } from './continuity-protocol.ts';
import type { Analysis } from './documents.ts';
import { IS_NOTE, type IsNoteParams, type IsNoteResult } from './lint-workspace-protocol.ts';
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
  type NewNoteTemplatesResult,
  type PreviewHtmlParams,
  type PreviewHtmlResult,
} from './web-protocol.ts';

/** The open note behind a URI (undefined: not open, not a note, or cancelled). */
export type NoteLookup = (uri: string, token: CancellationToken) => Analysis | undefined;

export function registerWebFeatures(connection: Connection, noteFor: NoteLookup, isNote: (params: IsNoteParams) => boolean): void {
  connection.onRequest(IS_NOTE, (p: IsNoteParams): IsNoteResult => ({ isNote: isNote(p) }));

  connection.onRequest(PREVIEW_HTML, (p: PreviewHtmlParams, token: CancellationToken): PreviewHtmlResult => {
    const a = noteFor(p.uri, token);
    if (!a) return null;
    const options = { includePrivate: !!p.includePrivate, template: a.template.name };
    // The findings Problems shows: the server's own, for this version.
    const body = renderNoteBody(a.note, a.findings, options);
    return p.page ? { body, html: renderNoteHtml(a.note, a.findings, { ...options, ...p.page }) } : { body };
  });

  connection.onRequest(EXPORT_HTML, (p: ExportHtmlParams, token: CancellationToken): ExportHtmlResult => {
    const a = noteFor(p.uri, token);
    return a ? exportNote(a.text, { config: a.config, includePrivate: !!p.includePrivate }) : null;
  });

  connection.onRequest(FIX_ALL_TEXT, (p: FixAllTextParams, token: CancellationToken): FixAllTextResult => {
    const a = noteFor(p.uri, token);
    if (!a) return null;
    const { text, fixedCount } = fixAll(a.text, { config: a.config, only: p.only });
    return { text, fixedCount, version: a.version };
  });

  connection.onRequest(RULE_CATALOG, (): RuleInfo[] =>
    RULES.map((r) => ({ id: r.id, description: r.description, defaultSeverity: r.defaultSeverity, fixable: r.fixable, docsUrl: ruleDocsUrl(r.id) })),
  );

  connection.onRequest(
    NEW_NOTE_TEMPLATES,
    (): NewNoteTemplatesResult => ({
      templates: Object.values(RECOMMENDED.templates),
      defaultTemplate: RECOMMENDED.defaultTemplate,
      changeValues: [...CHANGE_VALUES],
      patientKey: newPatientKey(),
    }),
  );

  connection.onRequest(TIMELINE, (p: TimelineParams, token: CancellationToken): TimelineResult => {
    const a = noteFor(p.uri, token);
    if (!a) return null;
    // The visit's path, as the page's link to it: the client opens it in the note's own scheme.
    const visit = summarizeNote(decodeURIComponent(new URL(a.uri).pathname), a.note, a.config);
    if (!visit.key) return null;
    const patient = displayPatient(visit.patient ?? '');
    const html = renderTimeline([visit], { patient, webview: { cspSource: p.cspSource, nonce: p.nonce } });
    return { patient, html, visits: visit.date ? 1 : 0 };
  });

  // No workspace index in the browser yet: no earlier notes, so no keys to offer.
  connection.onRequest(PATIENT_KEYS, (): PatientKeysResult => ({ keys: [] }));
}
