/**
 * Export: a note as one self-contained HTML file to share (e.g. with a
 * supervisor). The same renderer as the editor preview, standalone: no script,
 * nothing remote, and the private Countertransference section left out unless
 * asked for. Used by `visitnotes export` and the extension's Export command.
 */
import {
  frontMatterValue,
  lintNote,
  MASK,
  parseWithConfig,
  RECOMMENDED,
  templateFor,
  type Note,
  type ResolvedConfig,
  unparsedReason,
} from '../engine/index.ts';
import { renderNoteHtml } from './render.ts';

export interface ExportOptions {
  config?: ResolvedConfig;
  includePrivate?: boolean;
  /** Override the document title. */
  title?: string;
}

export interface ExportedNote {
  html: string;
  /** How many identifiers were masked (callers tell the person). */
  masked: number;
  /** Why the note was not parsed (over the size or nesting limits): the HTML says only that. */
  unparsed?: string;
}

/**
 * An export is meant to leave the clinician's machine, so every identifier the
 * `phi` rule flags is replaced by MASK in the exported copy (the note itself is
 * untouched), and the caller says how many were.
 */
export function exportNote(text: string, options: ExportOptions = {}): ExportedNote {
  const config = options.config ?? RECOMMENDED;
  const original = parseWithConfig(text, config);
  const unparsed = unparsedReason(original);
  if (unparsed) return { html: render(original, config, options), masked: 0, unparsed };
  const hits = original.identifiers.hits;
  const note = hits.length ? parseWithConfig(maskedText(original), config) : original;
  return { html: render(note, config, options), masked: hits.length };
}

export function exportNoteHtml(text: string, options: ExportOptions = {}): string {
  return exportNote(text, options).html;
}

/**
 * The note's text with each identifier replaced. In the front matter a value
 * that would start with the mask is quoted, so `[` does not open a YAML list.
 */
function maskedText(note: Note): string {
  const hits = [...note.identifiers.hits].sort((a, b) => b.range.start - a.range.start);
  const fmEnd = note.frontMatter?.range.end ?? 0;
  let text = note.text;
  let limit = Infinity;
  for (const { range } of hits) {
    if (range.end > limit) continue; // overlapping: the later hit is already masked
    const before = text.slice(text.lastIndexOf('\n', range.start - 1) + 1, range.start);
    const startsScalar = range.start < fmEnd && /^\s*(?:[^:]*:\s*|-\s+)?$/.test(before);
    text = text.slice(0, range.start) + (startsScalar ? `"${MASK}"` : MASK) + text.slice(range.end);
    limit = range.start;
  }
  return text;
}

function render(note: Note, config: ResolvedConfig, options: ExportOptions): string {
  const findings = lintNote(note, config);
  const template = templateFor(config, frontMatterValue(note, 'template')).name;
  return renderNoteHtml(note, findings, {
    includePrivate: options.includePrivate ?? false,
    standalone: true,
    template,
    ...(options.title ? { title: options.title } : {}),
  });
}
