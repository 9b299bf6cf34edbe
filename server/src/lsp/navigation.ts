/**
 * Goal navigation within a note: definition, references, highlights and
 * rename of a goal ID. Only `[Gn]` tokens take part; everything else is
 * rejected with a message the editor shows.
 */
import {
  DocumentHighlightKind,
  LSPErrorCodes,
  ResponseError,
  ErrorCodes,
  type CancellationToken,
  type DocumentHighlight,
  type Location,
  type Range as LspRange,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { Note } from '../engine/index.ts';
import { goalTokenAt, goalTokens, innerIdRange, toLspRange } from './ranges.ts';

export function provideDefinition(note: Note, uri: string, offset: number, token: CancellationToken): Location[] {
  if (token.isCancellationRequested) return [];
  const t = goalTokenAt(note, offset);
  if (!t) return [];
  return note.goals.filter((g) => g.id === t.id).map((g) => ({ uri, range: toLspRange(note.lines, g.idRange) }));
}

export function provideReferences(
  note: Note,
  uri: string,
  offset: number,
  includeDeclaration: boolean,
  token: CancellationToken,
): Location[] {
  if (token.isCancellationRequested) return [];
  const t = goalTokenAt(note, offset);
  if (!t) return [];
  return goalTokens(note)
    .filter((x) => x.id === t.id && (includeDeclaration || !x.definition))
    .map((x) => ({ uri, range: toLspRange(note.lines, x.range) }));
}

export function provideHighlights(note: Note, offset: number, token: CancellationToken): DocumentHighlight[] {
  if (token.isCancellationRequested) return [];
  const t = goalTokenAt(note, offset);
  if (!t) return [];
  return goalTokens(note)
    .filter((x) => x.id === t.id)
    .map((x) => ({
      range: toLspRange(note.lines, x.range),
      kind: x.definition ? DocumentHighlightKind.Write : DocumentHighlightKind.Read,
    }));
}

const NOT_A_GOAL = 'Only goal IDs such as [G1] can be renamed.';

export function prepareRename(note: Note, offset: number, token: CancellationToken): { range: LspRange; placeholder: string } | null {
  if (token.isCancellationRequested) return null;
  const t = goalTokenAt(note, offset);
  if (!t) throw new ResponseError(LSPErrorCodes.RequestFailed, NOT_A_GOAL);
  return { range: toLspRange(note.lines, innerIdRange(t.range)), placeholder: t.id };
}

/** `G4`, `g4`, `[G4]` or `4` → `G4`; undefined when it is not a goal ID. */
export function normalizeGoalId(input: string): string | undefined {
  const m = /^\s*\[?\s*[Gg]?([1-9]\d{0,2})\s*\]?\s*$/.exec(input);
  return m ? `G${m[1]}` : undefined;
}

export function rename(
  note: Note,
  uri: string,
  version: number,
  offset: number,
  newName: string,
  documentChanges: boolean,
  token: CancellationToken,
): WorkspaceEdit | null {
  if (token.isCancellationRequested) return null;
  const t = goalTokenAt(note, offset);
  if (!t) throw new ResponseError(LSPErrorCodes.RequestFailed, NOT_A_GOAL);
  const id = normalizeGoalId(newName);
  if (!id) {
    throw new ResponseError(ErrorCodes.InvalidParams, `"${newName}" is not a goal ID: use G followed by a number from 1 to 999, e.g. G4.`);
  }
  if (id === t.id) return { changes: {} };
  const tokens = goalTokens(note);
  if (tokens.some((x) => x.id === id)) {
    throw new ResponseError(
      LSPErrorCodes.RequestFailed,
      `${id} already exists in this note; renaming ${t.id} to it would merge two goals. Choose another ID.`,
    );
  }
  const edits: TextEdit[] = tokens
    .filter((x) => x.id === t.id)
    .map((x) => ({ range: toLspRange(note.lines, innerIdRange(x.range)), newText: id }));
  if (documentChanges) return { documentChanges: [{ textDocument: { uri, version }, edits }] };
  return { changes: { [uri]: edits } };
}
