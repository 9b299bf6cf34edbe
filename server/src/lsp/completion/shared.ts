/** What every completion provider reads, and the small helpers they share. */
import type { CompletionList, Position, Range as LspRange } from 'vscode-languageserver';
import { sectionRole, type Note, type ResolvedConfig, type ResolvedTemplate } from '../../engine/index.ts';

export interface CompletionInput {
  /** The cursor's line, before and after the cursor (current text). */
  linePrefix: string;
  lineSuffix: string;
  position: Position;
  /** The model (possibly of the previous version) and the cursor mapped into it. */
  note: Note;
  noteOffset: number;
  config: ResolvedConfig;
  template: ResolvedTemplate;
  /** Client supports snippet syntax in completion items. */
  snippets: boolean;
  /** Today's date for `date:` (injected so tests are stable). */
  today?: string;
  /** Keys other notes with this note's `patient` value carry (from the visit index), most used first. */
  patientKeys?: { key: string; notes: number }[];
  /** A fresh key for `patient-key:` (injected so tests are stable; else generated). */
  newPatientKey?: string;
}

export const EMPTY: CompletionList = { isIncomplete: false, items: [] };

/** A range on the cursor's line, from `back` characters before the cursor to `ahead` after it. */
export function around(input: CompletionInput, back: number, ahead = 0): LspRange {
  const { line, character } = input.position;
  return { start: { line, character: character - back }, end: { line, character: character + ahead } };
}

export function pad(n: number): string {
  return String(n).padStart(4, '0');
}

/** Escapes text for use inside a snippet. */
export function snippetText(s: string): string {
  return s.replace(/[\\$}]/g, '\\$&');
}

/** The template section a heading is read as (`## Goal` for Goals). */
export const roleOf = (section: Parameters<typeof sectionRole>[0] | undefined) => (section ? sectionRole(section) : undefined);
