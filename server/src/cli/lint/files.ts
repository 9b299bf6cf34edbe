/**
 * Which files a `lint` run covers.
 *
 * - No arguments: the current folder.
 * - A file: always linted, whatever its name (unless the config's `ignore` names
 *   it; then it is skipped with a note on stderr).
 * - A folder: walked for notes (`*.visit.md`, and `.md` files the config
 *   `include`s), respecting `.gitignore` files and the config's `ignore`.
 * - Anything else that is a glob: expanded (tinyglobby, relative to the current
 *   folder); every matched file is linted, respecting `.gitignore` and `ignore`.
 * - A path that does not exist, or a glob matching nothing: a usage error (exit 2).
 *
 * `node_modules` and `.git` are never entered, even with --no-ignore. Symbolic
 * links to folders are not followed (no cycles); links to files are linted, and
 * links named like notes that loop or point nowhere are reported by the reader. A folder named like a note
 * (`x.visit.md/`) is reported, and walked like any folder.
 */
import { lstat, readdir, stat } from 'node:fs/promises';
import type { Dirent } from 'node:fs';
import path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { UsageError } from '../io.ts';
import { isNoteName, type CliConfigs } from './config.ts';
import { GitignoreMatcher } from './gitignore.ts';
import { isStaleTemporary } from './write.ts';

export const NEVER_ENTER = new Set(['node_modules', '.git']);

export interface Targets {
  /** Absolute paths of files to lint, sorted, without duplicates. */
  files: string[];
  /** Folders named `*.visit.md` met on the way (reported, not linted). */
  noteNamedDirs: string[];
  /** Explicitly named files skipped because the config's `ignore` matches them. */
  ignoredExplicit: string[];
  /** Folders the walk could not read, with the error code: reported, never silently skipped. */
  unreadableDirs: { dir: string; code: string }[];
  /** Temporary files left by a --fix run that was killed (their process is gone). */
  staleTemporaries: string[];
}

export interface CollectOptions {
  cwd: string;
  configs: CliConfigs;
  /** --no-ignore: neither .gitignore nor the config's `ignore` applies. */
  noIgnore: boolean;
}

export async function collectTargets(args: readonly string[], options: CollectOptions): Promise<Targets> {
  const { cwd, configs, noIgnore } = options;
  const gitignore = new GitignoreMatcher(cwd);
  const files = new Set<string>();
  const noteNamedDirs = new Set<string>();
  const ignoredExplicit: string[] = [];
  const unreadableDirs: Targets['unreadableDirs'] = [];
  const staleTemporaries = new Set<string>();
  const gitIgnored = (p: string, isDir: boolean) => (noIgnore ? Promise.resolve(false) : gitignore.ignored(p, isDir));
  // A folder is judged by the config of the folder it sits in (its own config's globs cannot name it).
  const configIgnored = async (fileOrFolder: string) => !noIgnore && configs.isIgnored(fileOrFolder, await configs.forFile(fileOrFolder));

  async function walk(dir: string): Promise<void> {
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (err) {
      // Reported: a folder of notes that silently vanished from the run would pass CI.
      unreadableDirs.push({ dir, code: (err as NodeJS.ErrnoException).code ?? 'error' });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isFile() && isStaleTemporary(entry.name)) staleTemporaries.add(full);
      let isDir = entry.isDirectory();
      // Not only regular files: a named pipe or device named like a note is reported
      // by the reader (never read), rather than silently left out.
      let isFile = !isDir;
      if (entry.isSymbolicLink()) {
        const st = await stat(full).catch(() => undefined);
        isDir = false; // never follow links to folders
        // A link that loops, points nowhere, or points at a device or pipe is kept when
        // named like a note: the reader refuses it, and the report says why (a note
        // that silently vanished would pass CI).
        isFile = st ? !st.isDirectory() : true;
      }
      if (isDir) {
        if (NEVER_ENTER.has(entry.name) || (await gitIgnored(full, true)) || (await configIgnored(full))) continue;
        if (isNoteName(full)) noteNamedDirs.add(full);
        await walk(full);
      } else if (isFile && /\.md$/i.test(entry.name)) {
        if (await gitIgnored(full, false)) continue;
        const loaded = await configs.forFile(full);
        if (configs.isNote(full, loaded, !noIgnore)) files.add(full);
      }
    }
  }

  for (const arg of args.length ? args : ['.']) {
    const abs = path.resolve(cwd, arg);
    await findStaleTemporaries(path.dirname(abs), staleTemporaries);
    const st = await stat(abs).catch(() => undefined);
    if (st?.isDirectory()) {
      if (isNoteName(abs)) noteNamedDirs.add(abs);
      await walk(abs);
    } else if (st || (await lstat(abs).catch(() => undefined))?.isSymbolicLink()) {
      // A file named on the command line is linted whatever its name (a link that
      // loops or points nowhere too: reading it fails, and the report says why).
      if (await configIgnored(abs)) ignoredExplicit.push(abs);
      else files.add(abs);
    } else if (isDynamicPattern(arg)) {
      const matches = await glob(arg, {
        cwd,
        absolute: true,
        onlyFiles: true,
        followSymbolicLinks: false,
        ignore: ['**/node_modules/**', '**/.git/**'],
      });
      let kept = 0;
      for (const m of matches.map((p) => path.resolve(p))) {
        if ((await gitIgnored(m, false)) || (await configIgnored(m))) continue;
        files.add(m);
        kept++;
      }
      if (matches.length === 0) throw new UsageError(`No files match "${arg}".`);
      if (kept === 0) throw new UsageError(`Every file matching "${arg}" is ignored (.gitignore or the config's "ignore"); use --no-ignore to lint them.`);
    } else {
      throw new UsageError(`No such file or folder: ${arg}`);
    }
  }
  const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return {
    files: [...files].sort(byPath),
    noteNamedDirs: [...noteNamedDirs].sort(byPath),
    ignoredExplicit: ignoredExplicit.sort(byPath),
    unreadableDirs: unreadableDirs.sort((a, b) => byPath(a.dir, b.dir)),
    staleTemporaries: [...staleTemporaries].sort(byPath),
  };
}

/** Leftovers next to a file named on the command line (its folder is not walked). */
async function findStaleTemporaries(dir: string, into: Set<string>): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) if (isStaleTemporary(name)) into.add(path.join(dir, name));
}
