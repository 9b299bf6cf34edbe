/**
 * Requests the browser build of the extension sends its language server (the
 * web worker, server/src/lsp/web-server.ts). On the desktop the extension
 * bundles the engine and renders the preview, the export and New Note's
 * template itself; in the browser the engine lives only in the worker (one
 * copy of it in the VSIX, see docs/extension.md), so the extension asks for
 * what it needs. Constants and types only: the extension imports this file.
 */
import type { ResolvedTemplate } from '../engine/index.ts';

/** The preview of an open note: the whole page (first rendering) or just its body. */
export const PREVIEW_HTML = 'visitNotes/previewHtml';

export interface PreviewHtmlParams {
  uri: string;
  /** `visitNotes.preview.showCountertransference`. */
  includePrivate: boolean;
  /** For the whole page: the webview's `cspSource`, a fresh nonce and the preview script's webview URI. */
  page?: { cspSource: string; nonce: string; scriptUri: string };
}

/** The body HTML, and with `page` the whole page too; `null` when the document is not an open note. */
export type PreviewHtmlResult = { body: string; html?: string } | null;

/** Export Note as HTML: the same self-contained file as `visitnotes export`, identifiers masked. */
export const EXPORT_HTML = 'visitNotes/exportHtml';

export interface ExportHtmlParams {
  uri: string;
  includePrivate: boolean;
}

export type ExportHtmlResult = { html: string; masked: number } | null;

/** What New Note needs from the engine: the templates in effect, the Change words, a fresh patient key. */
export const NEW_NOTE_TEMPLATES = 'visitNotes/newNoteTemplates';

export interface NewNoteTemplatesParams {
  /** Where the note will go. */
  uri: string;
}

export interface NewNoteTemplatesResult {
  templates: ResolvedTemplate[];
  defaultTemplate: string;
  changeValues: string[];
  /** A new random key (the engine's generator), used unless the person is known. */
  patientKey: string;
}

/** Insert Missing Sections: the note with every fix of the named rules applied (the text, and how many). */
export const FIX_ALL_TEXT = 'visitNotes/fixAllText';

export interface FixAllTextParams {
  uri: string;
  only: string[];
}

/** `version`: the document version fixed (the extension applies nothing to a newer one). */
export type FixAllTextResult = { text: string; fixedCount: number; version: number } | null;

/** Show Rule Documentation's list: each rule's ID, one-line description, default severity, whether it fixes. */
export const RULE_CATALOG = 'visitNotes/ruleCatalog';

export interface RuleInfo {
  id: string;
  description: string;
  defaultSeverity: string;
  fixable: boolean;
  /** Its page online (used when the extension does not carry it). */
  docsUrl: string;
}
