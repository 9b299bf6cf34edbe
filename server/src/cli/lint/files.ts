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
 * The folder walk is the engine's (engine/workspace/discover.ts, shared with
 * the language server): `node_modules` and `.git` are never entered, even with
 * --no-ignore; symbolic links to folders are not followed; a folder named like
 * a note (`x.visit.md/`) is reported, and walked like any folder.
 */
import { lstatSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { emptyDiscovered, isNoteFileName, noteMatcherFor, NoteFinder } from '../../engine/index.ts';
import { nodeFileSystemSync } from '../../node/file-system.ts';
import { UsageError } from '../io.ts';
import type { CliConfigs } from './config.ts';
import { isStaleTemporary } from './write.ts';

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
  // The engine's note discovery (the language server walks with the same code).
  const finder = new NoteFinder({ fs: nodeFileSystemSync, base: cwd, noIgnore, matcherFor: async (p) => noteMatcherFor(await configs.forFile(p)) });
  const found = emptyDiscovered();
  const files = found.notes;
  const ignoredExplicit: string[] = [];
  const staleTemporaries = new Set<string>();
  // tinyglobby (with fdir and picomatch) only for an argument that is neither a file nor
  // a folder: initialising it is ~8 ms of a cold run that lints the files it is given.
  let globber: typeof import('tinyglobby') | undefined;
  const walk = (dir: string) => finder.walk(dir, found, { onFile: (file, name) => isStaleTemporary(name) && staleTemporaries.add(file) });

  for (const arg of args.length ? args : ['.']) {
    const abs = path.resolve(cwd, arg);
    findStaleTemporaries(path.dirname(abs), staleTemporaries);
    const st = quietly(() => statSync(abs));
    if (st?.isDirectory()) {
      if (isNoteFileName(abs)) found.noteNamedFolders.add(abs);
      await walk(abs);
    } else if (st || quietly(() => lstatSync(abs))?.isSymbolicLink()) {
      // A file named on the command line is linted whatever its name (a link that
      // loops or points nowhere too: reading it fails, and the report says why).
      if (await finder.configIgnored(abs)) ignoredExplicit.push(abs);
      else files.add(abs);
    } else if ((globber ??= await import('tinyglobby')).isDynamicPattern(arg)) {
      const matches = await globber.glob(arg, {
        cwd,
        absolute: true,
        onlyFiles: true,
        followSymbolicLinks: false,
        ignore: ['**/node_modules/**', '**/.git/**'],
      });
      let kept = 0;
      for (const m of matches.map((p) => path.resolve(p))) {
        if ((await finder.gitIgnored(m, false)) || (await finder.configIgnored(m))) continue;
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
    noteNamedDirs: [...found.noteNamedFolders].sort(byPath),
    ignoredExplicit: ignoredExplicit.sort(byPath),
    unreadableDirs: found.unreadableFolders.sort((a, b) => byPath(a.dir, b.dir)),
    staleTemporaries: [...staleTemporaries].sort(byPath),
  };
}

/** `f()`, or undefined where it throws (a path that is not there, not readable, ...). */
function quietly<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}

/**
 * Leftovers next to a file named on the command line (its folder is not walked).
 * Synchronous, like the rest of the CLI's file access: one small folder, and a
 * plain lint of one note then waits on no event-loop turn for it.
 */
function findStaleTemporaries(dir: string, into: Set<string>): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) if (isStaleTemporary(name)) into.add(path.join(dir, name));
}
