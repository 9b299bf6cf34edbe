/**
 * What the commands take from the language server, on the desktop and in the
 * browser alike: New Note's templates (the config of the note's folder), the
 * export, Insert Missing Sections' fixes (with the history lint uses), the rule
 * list and earlier patient keys. The server holds the one config store and the
 * one visit index (server/src/lsp/web-features.ts), so the extension keeps no
 * engine of its own for these; see docs/architecture.md, "Where the engine
 * runs in the extension".
 */
import type * as vscode from 'vscode';
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
import type { ClientSource } from '../client-source.ts';
import { CommandFailure } from '../command-failure.ts';
import type { NoteExporter } from './export-html.ts';
import type { NoteFixer } from './insert-missing-sections.ts';
import type { NoteTemplates } from './new-note.ts';

export interface ServerSources {
  templates(note: vscode.Uri): Promise<NoteTemplates>;
  exporter: NoteExporter;
  fixer: NoteFixer;
  ruleCatalog(): Promise<RuleInfo[]>;
  /** Keys earlier notes with this pseudonym carry, for a note about to be created in `folder`. */
  patientKeys(folder: vscode.Uri, patient: string, joinPath: (folder: vscode.Uri, name: string) => vscode.Uri): Promise<PatientKeysResult['keys']>;
}

export function serverSources(server: ClientSource): ServerSources {
  /** A request (`params` gets URIs as the client sends them); throws when the server is not running. */
  const ask = async <R>(method: string, params: (uri: (u: vscode.Uri) => string) => unknown): Promise<R> => {
    const client = await server.ready();
    if (!client) throw new CommandFailure('the language server is not running (Output → Visit Notes)');
    return client.sendRequest<R>(method, params((u) => client.code2ProtocolConverter.asUri(u)));
  };
  return {
    templates: async (note) => {
      const r = await ask<NewNoteTemplatesResult>(NEW_NOTE_TEMPLATES, (uri): NewNoteTemplatesParams => ({ uri: uri(note) }));
      // The server's key generator is the engine's; each note asks for its own.
      return { ...r, newPatientKey: () => r.patientKey };
    },
    exporter: async (document, includePrivate) => {
      const r = await ask<ExportHtmlResult>(EXPORT_HTML, (uri): ExportHtmlParams => ({ uri: uri(document.uri), includePrivate }));
      if (!r) throw new CommandFailure('this document is not an open visit note');
      return r;
    },
    fixer: async (document, only) => {
      const r = await ask<FixAllTextResult>(FIX_ALL_TEXT, (uri): FixAllTextParams => ({ uri: uri(document.uri), only }));
      // Fixed on another version (typing went on meanwhile): apply nothing.
      return r && r.version === document.version ? r : undefined;
    },
    ruleCatalog: () => ask<RuleInfo[]>(RULE_CATALOG, () => ({})),
    patientKeys: async (folder, patient, joinPath) => {
      const params = (uri: (u: vscode.Uri) => string): PatientKeysParams => ({ uri: uri(joinPath(folder, 'new.visit.md')), patient });
      return (await ask<PatientKeysResult>(PATIENT_KEYS, params))?.keys ?? [];
    },
  };
}
