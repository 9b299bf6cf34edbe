/**
 * `--fix` writes: a temporary file in the same folder, flushed, given the
 * original's permission bits, then renamed over the note, so a crash never leaves
 * half a note. Just before the rename the note is read again: if it changed since
 * it was linted (an editor saved it meanwhile), nothing is written.
 */
import { chmod, open, readFile, realpath, rename, stat, unlink } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

export type WriteOutcome = 'written' | 'changed-on-disk';

export async function writeFixed(file: string, original: Buffer, content: Buffer): Promise<WriteOutcome> {
  const target = await realpath(file); // write through a symlink, never replace it
  const { mode } = await stat(target);
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.visitnotes-tmp`);
  const handle = await open(tmp, 'wx', mode & 0o777);
  try {
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await chmod(tmp, mode & 0o7777); // the umask may have narrowed it
    const current = await readFile(target);
    if (!current.equals(original)) {
      await unlink(tmp);
      return 'changed-on-disk';
    }
    await rename(tmp, target);
    return 'written';
  } catch (err) {
    await unlink(tmp).catch(() => {});
    throw err;
  }
}
