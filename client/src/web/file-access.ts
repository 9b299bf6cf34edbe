/**
 * The extension's side of the browser server's file requests
 * (server/src/lsp/web-fs-protocol.ts): it answers them with
 * `vscode.workspace.fs`, which reads whatever the workspace lives in
 * (github.dev's repository, a local folder opened in vscode.dev, a remote
 * host). Facts only — what is there, how big, whether binary — so the server
 * words every problem as the engine does on disk. Nothing is sent anywhere
 * else, and nothing is written.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import {
  FS_READ_DIRECTORY,
  FS_READ_FILE,
  FS_STAT,
  type FsEntryKind,
  type FsReadDirectoryResult,
  type FsReadFileParams,
  type FsReadFileResult,
  type FsStatResult,
  type FsUriParams,
  type PrefetchedReads,
} from '../../../server/src/lsp/web-fs-protocol.ts';

/** vscode.FileSystemError codes as Node names the same conditions (the walk reports the code). */
const NODE_CODES: Record<string, string> = { FileNotFound: 'ENOENT', FileNotADirectory: 'ENOTDIR', NoPermissions: 'EACCES', Unavailable: 'EAGAIN' };

function kindOf(type: vscode.FileType): FsEntryKind {
  if (type & vscode.FileType.SymbolicLink) return 'symlink';
  if (type & vscode.FileType.Directory) return 'directory';
  if (type & vscode.FileType.File) return 'file';
  return 'other';
}

/** What a path leads to, links followed (`stat` follows them and sets the SymbolicLink bit besides). */
function targetKind(type: vscode.FileType): 'file' | 'directory' | 'other' {
  if (type & vscode.FileType.Directory) return 'directory';
  if (type & vscode.FileType.File) return 'file';
  return 'other';
}

async function statOf(uri: vscode.Uri): Promise<vscode.FileStat | undefined> {
  try {
    return await vscode.workspace.fs.stat(uri);
  } catch {
    return undefined;
  }
}

export async function readFileFacts(p: FsReadFileParams): Promise<FsReadFileResult> {
  const uri = vscode.Uri.parse(p.uri, true);
  const st = await statOf(uri);
  if (!st) return { kind: 'absent' };
  const kind = targetKind(st.type);
  if (kind !== 'file') return { kind };
  if (st.size > p.limit) return { kind: 'file', size: st.size };
  const bytes = await vscode.workspace.fs.readFile(uri);
  if (bytes.includes(0)) return { kind: 'file', size: bytes.length, binary: true };
  return { kind: 'file', size: bytes.length, text: new TextDecoder().decode(bytes) };
}

export async function readDirectoryEntries(p: FsUriParams): Promise<FsReadDirectoryResult> {
  try {
    const entries = await vscode.workspace.fs.readDirectory(vscode.Uri.parse(p.uri, true));
    return { entries: entries.map(([name, type]) => [name, kindOf(type)]) };
  } catch (err) {
    const code = err instanceof vscode.FileSystemError ? err.code : 'error';
    return { error: NODE_CODES[code] ?? code };
  }
}

export async function statKind(p: FsUriParams): Promise<FsStatResult> {
  const st = await statOf(vscode.Uri.parse(p.uri, true));
  return st ? { kind: targetKind(st.type) } : null;
}

/** Answers the server's file requests; registered before the client starts. */
export function answerFileRequests(client: BaseLanguageClient): vscode.Disposable[] {
  return [client.onRequest(FS_READ_FILE, readFileFacts), client.onRequest(FS_READ_DIRECTORY, readDirectoryEntries), client.onRequest(FS_STAT, statKind)];
}

const CONFIG_NAMES = ['.visitnotes.yaml', '.visitnotes.yml', '.visitnotes.json'];
/** At most this many folders are read ahead (notes sit a few folders deep). */
const MAX_PREFETCH_FOLDERS = 16;

/**
 * The config files the open notes' folders could hold, from each note's folder
 * up to its workspace folder: read while the server's worker starts, and handed
 * to it with `initialize` (web-fs-protocol.ts `PrefetchedReads`), so its first
 * config lookup needs no round trip through a busy extension host. The server
 * still decides which file applies; these are only its reads, done early.
 */
export async function prefetchConfigReads(): Promise<PrefetchedReads> {
  const folders = new Set<string>();
  for (const doc of vscode.workspace.textDocuments) {
    if (doc.languageId !== 'visitnote' && doc.languageId !== 'markdown') continue;
    const root = vscode.workspace.getWorkspaceFolder(doc.uri)?.uri;
    if (!root) continue;
    for (let dir = vscode.Uri.joinPath(doc.uri, '..'); folders.size < MAX_PREFETCH_FOLDERS; dir = vscode.Uri.joinPath(dir, '..')) {
      folders.add(dir.toString());
      if (dir.path.replace(/\/$/, '') === root.path.replace(/\/$/, '') || dir.path === '/' || !dir.path.startsWith(root.path)) break;
    }
  }
  const uris = [...folders].flatMap((dir) => CONFIG_NAMES.map((name) => vscode.Uri.joinPath(vscode.Uri.parse(dir, true), name)));
  // The server's own limit (web-file-system.ts); a larger file is reported as too large either way.
  const answers = await Promise.all(uris.map((u) => readFileFacts({ uri: u.toString(), limit: 4 * 1024 * 1024 }).catch(() => undefined)));
  const out: PrefetchedReads = {};
  uris.forEach((u, i) => {
    const a = answers[i];
    if (a) out[u.toString()] = a;
  });
  return out;
}
