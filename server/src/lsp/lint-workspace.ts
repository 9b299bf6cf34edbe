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
 * Notes are found as the CLI finds them: `*.visit.md` plus Markdown files the
 * nearest config's `include` globs match (minus `ignore`), skipping
 * node_modules, dot-folders and what the folder's .gitignore ignores.
 *
 * Register with one line in server.ts:  registerLintWorkspace(connection, { cache, documents, folders })
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { CancellationToken, Connection, Diagnostic } from 'vscode-languageserver';
import { lintNote, parseWithConfig, unparsedReason, type Note, type ResolvedConfig, type VisitHistory } from '../engine/index.ts';
import { isNoteDocument, pathToUri, uriToPath, type Analysis } from './documents.ts';
import type { ConfigResult } from './configs.ts';
import { fatalDiagnostic, toDiagnostic } from './to-diagnostic.ts';
import { IS_NOTE, LINT_WORKSPACE, LIST_NOTES, type IsNoteParams, type LintWorkspaceParams, type ListNotesResult } from './lint-workspace-protocol.ts';

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
  /** Absolute paths of the workspace folders. */
  folders(): string[] | Promise<string[]>;
  /** Earlier visits of the note's patient, so closed notes get cross-visit findings too. */
  history?(uri: string, text: string, note: Note, config: ResolvedConfig): VisitHistory | undefined;
}

const MAX_FILES = 20000;
const SKIP_DIRS = new Set(['node_modules', 'bower_components']);

export function registerLintWorkspace(connection: Connection, deps: LintWorkspaceDeps): void {
  connection.onRequest(LIST_NOTES, (_params: unknown, token: CancellationToken) => listNotes(deps, token));
  connection.onRequest(LINT_WORKSPACE, (params: LintWorkspaceParams, token: CancellationToken) =>
    lintUris(deps, params?.uris ?? [], token),
  );
  connection.onRequest(IS_NOTE, async (params: IsNoteParams) => ({
    isNote: isNoteDocument(params.uri, params.languageId, await deps.cache.configFor(params.uri)),
  }));
}

export async function listNotes(deps: LintWorkspaceDeps, token?: CancellationToken): Promise<ListNotesResult> {
  const found = new Set<string>();
  let truncated = false;
  for (const folder of await deps.folders()) {
    const candidates: string[] = [];
    truncated = (await walk(folder, await gitignoreOf(folder), candidates, token)) || truncated;
    for (const file of candidates) {
      if (token?.isCancellationRequested) break;
      const uri = pathToUri(file);
      if (/\.visit\.md$/i.test(file) || isNoteDocument(uri, undefined, await deps.cache.configFor(uri))) found.add(uri);
    }
  }
  return { uris: [...found].sort(), truncated };
}

export async function lintUris(deps: LintWorkspaceDeps, uris: string[], token?: CancellationToken): Promise<LintWorkspaceResult> {
  const results: LintWorkspaceResult['results'] = [];
  for (const uri of uris) {
    if (token?.isCancellationRequested) break;
    if (deps.documents.get(uri)) {
      const analysis = await deps.cache.analyze(uri, token);
      if (analysis) results.push({ uri, diagnostics: analysis.isNote ? analysis.diagnostics : [] });
      continue;
    }
    const file = uriToPath(uri);
    if (!file) continue;
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      continue; // deleted or unreadable since it was listed
    }
    const { config } = await deps.cache.configFor(uri);
    const note = parseWithConfig(text, config);
    const unparsed = unparsedReason(note);
    const findings = unparsed ? [] : lintNote(note, config, undefined, deps.history?.(uri, text, note, config));
    results.push({ uri, diagnostics: unparsed ? [fatalDiagnostic(unparsed)] : findings.map((f) => toDiagnostic(f, note, uri, 0)) });
    // Keep the server responsive to typing while a large workspace is linted.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { results };
}

async function gitignoreOf(folder: string): Promise<Ignore> {
  const ig = ignore();
  try {
    ig.add(await readFile(path.join(folder, '.gitignore'), 'utf8'));
  } catch {
    // no .gitignore
  }
  return ig;
}

/** Markdown files under `root`; returns true when it stopped at MAX_FILES. */
async function walk(root: string, ig: Ignore, out: string[], token?: CancellationToken): Promise<boolean> {
  const stack = [root];
  while (stack.length) {
    if (token?.isCancellationRequested) return false;
    const dir = stack.pop()!;
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      const full = path.join(dir, e.name);
      const rel = path.relative(root, full).split(path.sep).join('/');
      if (e.isDirectory()) {
        if (e.name.startsWith('.') || SKIP_DIRS.has(e.name) || ig.ignores(`${rel}/`)) continue;
        stack.push(full);
      } else if (e.isFile() && /\.(md|markdown)$/i.test(e.name) && !ig.ignores(rel)) {
        out.push(full);
        if (out.length >= MAX_FILES) return true;
      }
    }
  }
  return false;
}
