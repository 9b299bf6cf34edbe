/**
 * The custom requests between the extension and the language server for
 * `Visit Notes: Lint Workspace` (handled in lint-workspace.ts). Constants and
 * types only, so the extension can import them without pulling in server code.
 */
export const LIST_NOTES = 'visitNotes/listNotes';
export const LINT_WORKSPACE = 'visitNotes/lintWorkspace';
export const IS_NOTE = 'visitNotes/isNote';

export interface ListNotesResult {
  /** Every note under the workspace folders, as file URIs, sorted. */
  uris: string[];
  /** True when the walk stopped at its file limit. */
  truncated: boolean;
}

export interface LintWorkspaceParams {
  uris: string[];
}

/** Plain LSP diagnostics (the server's `toDiagnostic`), per note. */
export interface LintWorkspaceResult {
  results: { uri: string; diagnostics: unknown[] }[];
}

export interface IsNoteParams {
  uri: string;
  languageId?: string;
}

export interface IsNoteResult {
  isNote: boolean;
}
