/**
 * `--fix` writes: a temporary file in the same folder, flushed, given the
 * original's permission bits and owner, then renamed over the note, so a crash
 * never leaves half a note. What the file system says is respected:
 *
 * - a symbolic link is written through only when its target lies inside the
 *   linted tree (the current folder or a folder named on the command line);
 * - a read-only note (no write bit at all) is not written, even by root;
 * - the owner and group are kept (a root run must not hand a note to root);
 *   when they cannot be kept, nothing is written;
 * - the note is read again, through the same handle it is compared with, just
 *   before the rename, and its identity (inode, size, mtime) checked once more
 *   right at the rename: an editor's save in between is never overwritten.
 *
 * Temporary files are named `.<note>.<pid>-<random>.visitnotes-tmp`; a run that
 * was killed leaves them behind, and the next run removes those whose process is
 * gone (`isStaleTemporary`), since they may hold partial note text.
 */
import { chmod, chown, open, realpath, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { nodeCrypto } from '../../node/crypto.ts';

export type WriteOutcome = 'written' | 'changed-on-disk' | 'read-only' | 'outside-tree' | 'owner';

export const OUTCOME_MESSAGES: Record<Exclude<WriteOutcome, 'written'>, string> = {
  'changed-on-disk': 'The file changed on disk while it was being fixed; fixes were not written. Run again.',
  'read-only': 'Read-only file; fixes were not written (make it writable to apply them).',
  'outside-tree':
    'A symbolic link to a file outside the folder being linted; fixes were not written. Fix the file it points to, or run visitnotes where it is.',
  owner: 'The file belongs to another user and its owner could not be kept; fixes were not written.',
};

export interface WriteOptions {
  /** Folders whose files may be written (resolved lazily to real paths). */
  roots: readonly string[];
}

const TEMPORARY = /^\..+\.(\d+)-[0-9a-f]{8}\.visitnotes-tmp$/;

export function temporaryName(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}-${nodeCrypto().randomBytes(4).toString('hex')}.visitnotes-tmp`);
}

/** A temporary file of ours whose process no longer runs (killed during --fix). */
export function isStaleTemporary(name: string): boolean {
  const m = TEMPORARY.exec(name);
  if (!m) return false;
  const pid = Number(m[1]);
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false; // still running (or not ours to signal): leave it
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

async function inside(file: string, roots: readonly string[]): Promise<boolean> {
  for (const root of roots) {
    const real = await realpath(root).catch(() => path.resolve(root));
    const rel = path.relative(real, file);
    if (rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))) return true;
  }
  return false;
}

export async function writeFixed(file: string, original: Buffer, content: Buffer, options: WriteOptions): Promise<WriteOutcome> {
  const target = await realpath(file);
  if (target !== path.resolve(file) && !(await inside(target, options.roots))) return 'outside-tree';
  const before = await stat(target);
  if ((before.mode & 0o222) === 0) return 'read-only';
  const tmp = temporaryName(target);
  const handle = await open(tmp, 'wx', before.mode & 0o777);
  try {
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await chmod(tmp, before.mode & 0o7777); // the umask may have narrowed it
    if (process.getuid && (before.uid !== process.getuid() || before.gid !== process.getgid?.())) {
      try {
        await chown(tmp, before.uid, before.gid);
      } catch {
        await unlink(tmp);
        return 'owner';
      }
    }
    if (!(await unchanged(target, original))) {
      await unlink(tmp);
      return 'changed-on-disk';
    }
    await rename(tmp, target);
    await syncFolder(path.dirname(target));
    return 'written';
  } catch (err) {
    await unlink(tmp).catch(() => {});
    throw err;
  }
}

/**
 * Whether the note still holds `original`, checked as late as possible: the
 * bytes through one handle, then the path's identity against that handle's
 * (a save that replaced the file after the read shows as another inode or mtime).
 */
async function unchanged(target: string, original: Buffer): Promise<boolean> {
  const handle = await open(target, 'r');
  try {
    const st = await handle.stat();
    if (st.size !== original.length) return false;
    const current = await handle.readFile();
    if (!current.equals(original)) return false;
    const now = await stat(target);
    return now.ino === st.ino && now.dev === st.dev && now.size === st.size && now.mtimeMs === st.mtimeMs;
  } finally {
    await handle.close();
  }
}

/** The rename is durable only once the folder is flushed too (best effort: not every file system allows it). */
async function syncFolder(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    /* not supported here */
  }
}
