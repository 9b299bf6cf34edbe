/** Small helpers shared by rule modules. */
import { distance } from 'fastest-levenshtein';
import type { Note } from '../model/note.ts';
import type { Range } from '../model/text.ts';

/** Where the rule docs live; SARIF helpUri, LSP codeDescription and the CLI link here. */
export const DOCS_BASE_URL = 'https://github.com/visit-notes/visit-notes/blob/main/docs/rules/';
export function ruleDocsUrl(id: string): string {
  return `${DOCS_BASE_URL}${id}.md`;
}

/**
 * Closest candidates within a small edit distance (case-insensitive), best first.
 * Used for "did you mean" on front-matter keys, field names, templates.
 */
export function didYouMean(word: string, candidates: readonly string[], maxDistance = 2): string[] {
  const w = word.toLowerCase();
  return candidates
    .map((c) => ({ c, d: distance(w, c.toLowerCase()) }))
    .filter((x) => x.d > 0 && x.d <= Math.max(1, Math.min(maxDistance, Math.floor(w.length / 3) + 1)))
    .sort((a, b) => a.d - b.d)
    .map((x) => x.c);
}

/** The range of the first line of `range` (keeps squiggles from covering whole sections). */
export function firstLine(note: Note, range: Range): Range {
  const line = note.lines.lineAt(range.start);
  return { start: range.start, end: Math.max(range.start, Math.min(range.end, note.lines.lineContentEnd(line))) };
}

/** Offset where a new line can be inserted before `offset`'s line. */
export function lineStartOf(note: Note, offset: number): number {
  return note.lines.lineStart(note.lines.lineAt(offset));
}
