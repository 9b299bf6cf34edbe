/**
 * Export: a note as one self-contained HTML file to share (e.g. with a
 * supervisor). The same renderer as the editor preview, standalone: no script,
 * nothing remote, and the private Countertransference section left out unless
 * asked for. Used by `visitnotes export` and the extension's Export command.
 */
import { frontMatterValue, lintNote, parseWithConfig, RECOMMENDED, templateFor, type ResolvedConfig } from '../engine/index.ts';
import { renderNoteHtml } from './render.ts';

export interface ExportOptions {
  config?: ResolvedConfig;
  includePrivate?: boolean;
  /** Override the document title. */
  title?: string;
}

export function exportNoteHtml(text: string, options: ExportOptions = {}): string {
  const config = options.config ?? RECOMMENDED;
  const note = parseWithConfig(text, config);
  const findings = lintNote(note, config);
  const template = templateFor(config, frontMatterValue(note, 'template')).name;
  return renderNoteHtml(note, findings, {
    includePrivate: options.includePrivate ?? false,
    standalone: true,
    template,
    ...(options.title ? { title: options.title } : {}),
  });
}
