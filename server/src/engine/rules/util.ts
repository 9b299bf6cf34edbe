/** Small helpers shared by rule modules. */
import { closeNames } from '../model/spelling.ts';
import { CHANGE_VALUES, type Note } from '../model/note.ts';
import type { Range } from '../model/text.ts';
import { trimToLettersAndDigits } from '../model/word-edges.ts';

/** Where the rule docs live; SARIF helpUri, LSP codeDescription and the CLI link here. */
export const DOCS_BASE_URL = 'https://github.com/visit-notes/visit-notes/blob/main/docs/rules/';
export function ruleDocsUrl(id: string): string {
  return `${DOCS_BASE_URL}${id}.md`;
}

/**
 * Closest candidates within a small edit distance (case-insensitive), best first;
 * a swap of two neighbouring letters is one edit (model/spelling.ts).
 * Used for "did you mean" on front-matter keys, field names, templates.
 */
export function didYouMean(word: string, candidates: readonly string[], maxDistance = 2): string[] {
  return closeNames(word, candidates, maxDistance);
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

/**
 * A medication's name for messages: the first word of its heading, surrounding
 * punctuation trimmed (`Sertraline 100 mg daily` → `Sertraline`). Medication
 * names are not identifiers, so messages may quote them.
 */
export function medicationName(title: string): string {
  const first = title.trim().split(/\s+/)[0] ?? '';
  const clean = trimToLettersAndDigits(first);
  return clean || 'this medication';
}

/** A goal's text shortened for fix titles (`Coach his daughter's team…`). */
export function shortGoalText(text: string, max = 40): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? t.slice(0, max - 1).trimEnd() + '…' : t;
}

/** `[G1] (Coach his daughter's team…)` for fix titles; just `[G1]` when the goal has no text. */
export function goalLabel(goal: { id: string; text: string }): string {
  const short = shortGoalText(goal.text);
  return short ? `[${goal.id}] (${short})` : `[${goal.id}]`;
}

/**
 * End of a medication field value's first paragraph: a wrapped value runs on,
 * a nested list or a blank line ends it. Trailing whitespace is excluded.
 */
export function fieldValueEnd(note: Note, valueRange: Range): number {
  const lines = note.lines;
  let line = lines.lineAt(valueRange.start);
  let end = lines.lineContentEnd(line);
  for (line++; line < lines.lineCount && lines.lineStart(line) < valueRange.end; line++) {
    const t = lines.lineText(line);
    if (/^\s*$/.test(t) || /^\s*(?:[-*+]|\d{1,9}[.)])(?:\s|$)/.test(t) || /^\s*>/.test(t)) break;
    end = lines.lineContentEnd(line);
  }
  end = Math.min(end, valueRange.end);
  while (end > valueRange.start && /\s/.test(note.text[end - 1]!)) end--;
  return Math.max(end, valueRange.start);
}

/**
 * Where text appended to a medication field's value goes: the end of the value's
 * first paragraph (not inside a nested list), before trailing sentence
 * punctuation, so `Insomnia.` becomes `Insomnia [G1].`.
 */
export function fieldAppendPoint(note: Note, valueRange: Range): number {
  let at = fieldValueEnd(note, valueRange);
  while (at > valueRange.start && /[.!?;:,…]/.test(note.text[at - 1]!)) at--;
  return at;
}

/** The edit that appends ` [Gn]` to a medication field's value (see fieldAppendPoint). */
export function appendGoalEdit(note: Note, valueRange: Range, id: string): { range: Range; newText: string } {
  const at = fieldAppendPoint(note, valueRange);
  const before = at > 0 ? note.text[at - 1]! : ' ';
  const newText = /\s/.test(before) ? `[${id}]` : ` [${id}]`;
  return { range: { start: at, end: at }, newText };
}

/** The option schema of a list of `Change` values (rules that look at some changes only). */
export function changesOption(description: string) {
  return { type: 'array', items: { enum: [...CHANGE_VALUES] }, description } as const;
}

/** The option schema of a rule's own `placeholders` (added to the `formulaic` vocabulary). */
export function placeholdersOption(description: string) {
  return { type: 'array', items: { type: 'string' }, description } as const;
}
