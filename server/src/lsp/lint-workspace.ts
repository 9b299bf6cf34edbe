/**
 * Custom requests behind the extension's `Visit Notes: Lint Workspace` command
 * (and its "is this Markdown file a note?" question). The client drives the
 * work in batches, so it can show progress and stop between batches when the
 * user cancels; each request also honours its own cancellation token.
 *
 *   visitNotes/listNotes      {}                 → { uris }         every note under the workspace folders
 *   visitNotes/lintWorkspace  { uris }           → { results }      LSP diagnostics per note, read from disk
 *                                                                   (or from the open buffer when it is open)
 *   visitNotes/isNote         { uri, languageId } → { isNote }      the server's verdict for one document
 *
 * Notes are found by the engine's note discovery, the code `visitnotes lint`
 * walks folders with (`*.visit.md` in any case, Markdown files the config's
 * `include` matches, minus `ignore`, nested `.gitignore` files and
 * `node_modules`/`.git`), and linted with the history the server's one visit
 * index gives them, as the CLI lints them with the history of its run.
 *
 * Registered by the server core (handlers.ts) for the Node server and the browser's alike.
 */
import type { CancellationToken, Connection, Diagnostic } from 'vscode-languageserver';
import { parseWithConfig, unparsedReason, type NoteWorkspace } from '../engine/index.ts';
import { isNoteDocument, type Analysis } from './documents.ts';
import type { Locations } from './locations.ts';
import type { ConfigResult } from './configs.ts';
import { fatalDiagnostic, toDiagnostic } from './to-diagnostic.ts';
import { IS_NOTE, LINT_WORKSPACE, LIST_NOTES, type IsNoteParams, type LintWorkspaceParams, type ListNotesResult } from './lint-workspace-protocol.ts';
import { yieldToEventLoop } from './diagnostics.ts';

export { LIST_NOTES, LINT_WORKSPACE, IS_NOTE } from './lint-workspace-protocol.ts';
export type { ListNotesResult, LintWorkspaceParams, IsNoteParams } from './lint-workspace-protocol.ts';

export interface LintWorkspaceResult {
  results: { uri: string; diagnostics: Diagnostic[] }[];
}

export interface LintWorkspaceDeps {
  /** The server's per-document cache: config lookup for any URI, analysis of open ones. */
  cache: {
    configFor(uri: string): Promise<ConfigResult>;
    analyze(uri: string, token?: CancellationToken): Promise<Analysis | undefined>;
  };
  /** Open documents (their buffer wins over the file on disk). */
  documents: { get(uri: string): unknown };
  /** The server's one workspace: which files are notes, and the visit index closed notes lint with. */
  workspace: Pick<NoteWorkspace, 'findNotes' | 'lint'>;
  /** Resolves once the visit index holds every note (the first scan after start or a config change). */
  ready(): Promise<void>;
  /** A closed note's text (undefined: gone or unreadable). */
  readFile(file: string): Promise<string | undefined>;
  /** Document URIs to paths and back. */
  locations: Locations;
  /**
   * Reads a closed note as `visitnotes lint` does (Node: node/read-note.ts): its
   * text, or the CLI's reason it cannot be linted, which Lint Workspace reports
   * as the CLI does instead of skipping the note. Absent (the web worker): `readFile`.
   */
  readNote?(file: string): Promise<{ ok: true; text: string } | { ok: false; reason: string; gone?: true }>;
}

const MAX_FILES = 20000;

export function registerLintWorkspace(connection: Connection, deps: LintWorkspaceDeps): void {
  connection.onRequest(LIST_NOTES, (_params: unknown, token: CancellationToken) => listNotes(deps, token));
  connection.onRequest(LINT_WORKSPACE, (params: LintWorkspaceParams, token: CancellationToken) =>
    lintUris(deps, params?.uris ?? [], token),
  );
  connection.onRequest(IS_NOTE, async (params: IsNoteParams) => ({
    isNote: isNoteDocument(params.uri, params.languageId, await deps.cache.configFor(params.uri), deps.locations.toPath(params.uri)),
  }));
}

export async function listNotes(deps: LintWorkspaceDeps, token?: CancellationToken): Promise<ListNotesResult> {
  const { notes, truncated } = await deps.workspace.findNotes({ limit: MAX_FILES, isCancelled: () => !!token?.isCancellationRequested });
  return { uris: notes.map((f) => deps.locations.toUri(f)).sort(), truncated };
}

export async function lintUris(deps: LintWorkspaceDeps, uris: string[], token?: CancellationToken): Promise<LintWorkspaceResult> {
  const results: LintWorkspaceResult['results'] = [];
  // Closed notes lint with the history of every note, as in a CLI run: wait for the first scan.
  await deps.ready();
  for (const uri of uris) {
    if (token?.isCancellationRequested) break;
    if (deps.documents.get(uri)) {
      const analysis = await deps.cache.analyze(uri, token);
      if (analysis) results.push({ uri, diagnostics: analysis.isNote ? analysis.diagnostics : [] });
      continue;
    }
    const file = deps.locations.toPath(uri);
    if (!file) continue;
    const read = deps.readNote ? await deps.readNote(file) : await deps.readFile(file).then((text) => (text === undefined ? undefined : { ok: true as const, text }));
    if (read === undefined || (!read.ok && read.gone)) continue; // deleted since it was listed: skipped, not reported
    if (!read.ok) {
      results.push({ uri, diagnostics: [fatalDiagnostic(read.reason)] });
      continue;
    }
    const text = read.text;
    const { config } = await deps.cache.configFor(uri);
    const note = parseWithConfig(text, config);
    const unparsed = unparsedReason(note);
    results.push({ uri, diagnostics: unparsed ? [fatalDiagnostic(unparsed)] : deps.workspace.lint(file, note, config).map((f) => toDiagnostic(f, note, uri, 0)) });
    // Keep the server responsive to typing while a large workspace is linted.
    await yieldToEventLoop();
  }
  return { results };
}
