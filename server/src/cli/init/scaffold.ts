/**
 * Writing a set of new files without ever overwriting one, and without leaving
 * half of them behind. Everything is checked before anything is written: a
 * path that exists in any form (a file, a folder, a symbolic link, also one
 * that points nowhere) is skipped, and so is a file whose folder is not a plain
 * folder (a file, or a link that could lead outside). Files are then created
 * exclusively; if one fails (something appeared meanwhile, a full disk), the
 * files and folders created so far are removed again.
 */
import { lstat, mkdir, rm, rmdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface PlannedFile {
  /** Relative to the target folder, with `/`. */
  path: string;
  text: string;
  /** What it is, for the list printed after writing. */
  what: string;
}

export interface Skipped {
  file: PlannedFile;
  /** What is in the way, relative to the target folder (the file itself, a folder above it, another file). */
  inTheWay: string;
  why: string;
}

export interface Checked {
  write: PlannedFile[];
  skip: Skipped[];
}

type Kind = 'missing' | 'dir' | 'link' | 'other';

async function kindOf(p: string): Promise<Kind> {
  try {
    const st = await lstat(p);
    return st.isDirectory() ? 'dir' : st.isSymbolicLink() ? 'link' : 'other';
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return 'missing';
    throw err;
  }
}

/**
 * Sorts the plan into files to write and files to skip (with why). `standsIn`
 * names an existing file that takes a planned file's place (another config file
 * name), if any.
 */
export async function check(dir: string, plan: readonly PlannedFile[], standsIn: (file: PlannedFile) => Promise<string | undefined>): Promise<Checked> {
  const out: Checked = { write: [], skip: [] };
  for (const file of plan) {
    const parts = file.path.split('/');
    let skipped: Skipped | undefined;
    for (let i = 1; i < parts.length && !skipped; i++) {
      const folder = parts.slice(0, i).join('/');
      const kind = await kindOf(path.join(dir, folder));
      if (kind === 'link') skipped = { file, inTheWay: folder, why: `${folder} is a symbolic link` };
      if (kind === 'other') skipped = { file, inTheWay: folder, why: `${folder} is not a folder` };
      if (kind === 'missing') break;
    }
    if (!skipped) {
      const kind = await kindOf(path.join(dir, file.path));
      if (kind === 'link') skipped = { file, inTheWay: file.path, why: 'already there (a symbolic link)' };
      else if (kind !== 'missing') skipped = { file, inTheWay: file.path, why: 'already there' };
    }
    if (!skipped) {
      const other = await standsIn(file);
      if (other) skipped = { file, inTheWay: other, why: `${other} is there already` };
    }
    if (skipped) out.skip.push(skipped);
    else out.write.push(file);
  }
  return out;
}

/** Writes the checked files; on any failure removes what it created and rethrows. */
export async function writeAll(dir: string, files: readonly PlannedFile[]): Promise<void> {
  const createdFiles: string[] = [];
  const createdDirs: string[] = [];
  try {
    for (const file of files) {
      const target = path.join(dir, file.path);
      const parents: string[] = [];
      for (let d = path.dirname(target); (await kindOf(d)) === 'missing'; d = path.dirname(d)) parents.unshift(d);
      for (const d of parents) {
        await mkdir(d);
        createdDirs.push(d);
      }
      await writeFile(target, file.text, { flag: 'wx' }); // never clobber, even what appeared just now
      createdFiles.push(target);
    }
  } catch (err) {
    for (const f of createdFiles.reverse()) await rm(f, { force: true });
    for (const d of createdDirs.reverse()) await rmdir(d).catch(() => {});
    throw err;
  }
}
