/**
 * Which file names are notes by name alone: `*.visit.md`, in any case
 * (`A.VISIT.MD` too, as on case-insensitive file systems). The config's
 * `include` adds Markdown files by glob (config/match.ts); this is the one
 * name check every face uses.
 */
/** The suffix that makes a file a note by name. */
export const NOTE_SUFFIX = '.visit.md';

/** Whether a path or name ends in `.visit.md` (case-insensitive). */
export function isNoteFileName(pathOrName: string): boolean {
  return pathOrName.toLowerCase().endsWith(NOTE_SUFFIX);
}

/** Whether a path or name is a Markdown file (`.md`, any case): the only files `include` can make notes. */
export function isMarkdownFileName(pathOrName: string): boolean {
  return /\.md$/i.test(pathOrName);
}

/** A note's file name without `.visit.md` (or `.md`), for titles and new names. */
export function noteBaseName(name: string): string {
  return name.replace(/\.visit\.md$/i, '').replace(/\.md$/i, '');
}
