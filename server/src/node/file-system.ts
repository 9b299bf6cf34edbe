/**
 * The engine's `NoteFileSystem` over Node's `fs`: what the CLI and the
 * language server inject into the workspace layer (engine/workspace/). Reads
 * go through `readFileOrUndefined` (regular files only, bounded), so a FIFO or
 * device named like a note never blocks a walk.
 */
import { readdir, stat } from 'node:fs/promises';
import { readdirSync, statSync, type Dirent, type Stats } from 'node:fs';
import { readFileOrUndefined, readFileOrUndefinedSync } from '../engine/index.ts';
import type { DirectoryEntry, EntryKind, NoteFileSystem, PathKind } from '../engine/workspace/index.ts';

function kindOf(entry: Dirent): EntryKind {
  if (entry.isSymbolicLink()) return 'symlink';
  if (entry.isDirectory()) return 'directory';
  if (entry.isFile()) return 'file';
  return 'other';
}

export const nodeFileSystem: NoteFileSystem = {
  readFile: (file) => readFileOrUndefined(file),
  async readDirectory(dir): Promise<DirectoryEntry[]> {
    // Errors keep their `code` (EACCES, ENOTDIR...): the walk reports it.
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.map((e) => ({ name: e.name, kind: kindOf(e) }));
  },
  async stat(p): Promise<PathKind | undefined> {
    return pathKind(await stat(p).catch(() => undefined));
  },
};

/**
 * The same, done synchronously: the CLI's walk, which has nothing else to do
 * meanwhile and would otherwise wait for a thread-pool round trip per folder
 * and per probe.
 */
export const nodeFileSystemSync: NoteFileSystem = {
  readFile: readFileOrUndefinedSync,
  async readDirectory(dir): Promise<DirectoryEntry[]> {
    return readdirSync(dir, { withFileTypes: true }).map((e) => ({ name: e.name, kind: kindOf(e) }));
  },
  async stat(p): Promise<PathKind | undefined> {
    try {
      return pathKind(statSync(p));
    } catch {
      return undefined;
    }
  },
};

function pathKind(st: Stats | undefined): PathKind | undefined {
  if (!st) return undefined;
  return st.isDirectory() ? 'directory' : st.isFile() ? 'file' : 'other';
}

