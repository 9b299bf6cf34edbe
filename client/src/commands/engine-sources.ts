/**
 * What the desktop's commands take from the engine bundled in the extension
 * (note-engine.ts): New Note's templates, the export, Insert Missing Sections'
 * fixes and the rule list. The commands themselves are shared with the
 * browser build, which asks its language server's worker instead
 * (client/src/web/commands.ts); keeping these here keeps the engine out of it.
 */
import type * as vscode from 'vscode';
import type { RuleInfo } from '../../../server/src/lsp/web-protocol.ts';
import { loadPreviewExport } from '../engine-loader.ts';
import { loadEngine, type NoteEngine } from '../note-engine.ts';
import type { NoteExporter } from './export-html.ts';
import type { NoteFixer } from './insert-missing-sections.ts';
import type { NoteTemplates } from './new-note.ts';

/** The templates of the note's folder config, from the engine bundled in the extension (desktop). */
export function engineTemplates(engine: NoteEngine): (note: vscode.Uri) => Promise<NoteTemplates> {
  return async (note) => {
    const [config, { CHANGE_VALUES, newPatientKey }] = await Promise.all([engine.configFor(note), loadEngine()]);
    return { templates: Object.values(config.templates), defaultTemplate: config.defaultTemplate, changeValues: CHANGE_VALUES, newPatientKey };
  };
}

/** The desktop's exporter: the engine bundled in the extension, under the note's config. */
export function engineExporter(engine: NoteEngine): NoteExporter {
  return async (document, includePrivate) => {
    const { exportNote } = await loadPreviewExport();
    return exportNote(document.getText(), { config: await engine.configFor(document.uri), includePrivate });
  };
}

/** The desktop's fixer: the engine bundled in the extension, under the note's config. */
export function engineFixer(engine: NoteEngine): NoteFixer {
  return async (document, only) => {
    const [config, { fixAll }] = await Promise.all([engine.configFor(document.uri), loadEngine()]);
    return fixAll(document.getText(), { config, only });
  };
}

/** The rules, from the engine bundled in the extension (desktop). */
export async function engineRuleCatalog(): Promise<RuleInfo[]> {
  const { RULES, ruleDocsUrl } = await loadEngine();
  return RULES.map((r) => ({ id: r.id, description: r.description, defaultSeverity: r.defaultSeverity, fixable: r.fixable, docsUrl: ruleDocsUrl(r.id) }));
}
