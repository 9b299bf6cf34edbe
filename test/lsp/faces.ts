/**
 * The three faces' findings for one workspace, in one comparable shape: the
 * CLI's JSON (`visitnotes lint --format json .` in the folder), the language
 * server's Lint Workspace (`visitNotes/listNotes` + `visitNotes/lintWorkspace`)
 * and its pulled diagnostics (`textDocument/diagnostic` for an opened note).
 * A finding becomes `rule severity line:col-endLine:endCol message`, 1-based
 * columns in UTF-16 code units on both sides.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import type { Diagnostic, DocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { ensureBuilt, removeProject, runCli, tempProject } from '../cli/helpers.ts';
import { fileUri, TestClient } from './client.ts';

/**
 * A workspace folder made of `files` with a language server on it (pulled
 * diagnostics), for the tests of one `describe`: made before them, shut down
 * and removed after. Read `dir` and `client` inside the tests.
 */
export function serverOnWorkspace(files: Record<string, string | Buffer>): { readonly dir: string; readonly client: TestClient } {
  const state: { dir?: string; client?: TestClient } = {};
  beforeAll(async () => {
    state.dir = tempProject(files);
    state.client = await TestClient.start({ workspace: state.dir, pull: true });
  });
  afterAll(async () => {
    await state.client?.shutdown();
    if (state.dir) removeProject(state.dir);
  });
  return {
    get dir() {
      return state.dir!;
    },
    get client() {
      return state.client!;
    },
  };
}

/** Relative path (with `/`) → its findings, sorted. */
export type FaceFindings = Map<string, string[]>;

const LSP_TO_CLI_SEVERITY: Record<number, number> = { 1: 2, 2: 1, 3: 0, 4: 0 };

const rel = (root: string, file: string) => path.relative(root, file).split(path.sep).join('/');

export function fromDiagnostics(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics
    .map((d) => `${String(d.code)} ${LSP_TO_CLI_SEVERITY[d.severity ?? 1]} ${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${d.message}`)
    .sort();
}

/** `visitnotes lint --format json .` run in `root`. */
export async function cliFindings(root: string, args: string[] = ['.']): Promise<FaceFindings> {
  ensureBuilt();
  const r = await runCli(['lint', '--format', 'json', ...args], { cwd: root });
  if (r.code !== 0 && r.code !== 1) throw new Error(`visitnotes lint exited ${r.code}: ${r.stderr}`);
  const results = JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string | null; severity: number; line: number; column: number; endLine: number; endColumn: number; message: string }[] }[];
  return new Map(
    results.map((f) => [
      rel(root, f.filePath),
      f.messages.map((m) => `${m.ruleId} ${m.severity} ${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.message}`).sort(),
    ]),
  );
}

/** The server's Lint Workspace: every note it lists, linted from disk. */
export async function lintWorkspaceFindings(client: TestClient, root: string): Promise<FaceFindings> {
  const { uris } = await client.request<{ uris: string[] }>('visitNotes/listNotes', {});
  const { results } = await client.request<{ results: { uri: string; diagnostics: Diagnostic[] }[] }>('visitNotes/lintWorkspace', { uris });
  return new Map(results.map((r) => [rel(root, fileURLToPath(r.uri)), fromDiagnostics(r.diagnostics)]));
}

/** Opens each note (as Markdown, its text from disk) and pulls its diagnostics. */
export async function pulledFindings(client: TestClient, root: string, notes: readonly string[]): Promise<FaceFindings> {
  const out: FaceFindings = new Map();
  for (const note of notes) {
    const file = path.join(root, note);
    const uri = fileUri(file);
    await client.open(uri, readFileSync(file, 'utf8'));
    const report = await client.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
    out.set(note, report.kind === 'full' ? fromDiagnostics(report.items) : []);
  }
  return out;
}

/** A map as a sorted plain object, for readable assertion diffs. */
export function asObject(findings: FaceFindings): Record<string, string[]> {
  return Object.fromEntries([...findings].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
