/**
 * How the command's loader reads its files (compile-cache.ts): the script's part of
 * dist/cli.cjs and its code cache, both through one scratch buffer.
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';

/**
 * One buffer for the reads of a load, the bundle's bytes and then its cache: the first are
 * a string before the second are read, so the same memory serves both. Fresh memory costs
 * a page fault per 4 KiB when first written, about 2 ms of a one-note run for the cache alone.
 */
let scratch: Buffer | undefined;

/** The scratch buffer, at least `size` bytes (its first `size`). */
export function scratchOf(size: number): Buffer {
  if (!scratch || scratch.length < size) scratch = Buffer.allocUnsafeSlow(size);
  return scratch.subarray(0, size);
}

/** Reads the open file's bytes [start, start + buffer.length) into buffer; how many were read. */
function readInto(fd: number, buffer: Buffer, start: number): number {
  let read = 0;
  while (read < buffer.length) {
    const n = readSync(fd, buffer, read, buffer.length - read, start + read);
    if (n === 0) break;
    read += n;
  }
  return read;
}

/** Lets the scratch buffer go: V8 has read the cache, and a long-lived worker thread need not keep it. */
export function releaseScratch(): void {
  scratch = undefined;
}

/** The cache file's bytes (in the scratch buffer: valid until the next read). */
export function readCache(file: string, size: number): Buffer | undefined {
  try {
    const fd = openSync(file, 'r');
    try {
      const buffer = scratchOf(size);
      return buffer.subarray(0, readInto(fd, buffer, 0));
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
}

/**
 * Part of an ASCII file: the bytes [start, end), which the build found between `before` and
 * `after` (empty: the file's start or end). When those are not where the build put them
 * (the file was edited in place after the build), the part is found by searching them
 * in the whole file instead (the last of each): slower, never wrong.
 */
export interface FileRange {
  start: number;
  end: number;
  before?: string;
  after?: string;
}

/** The bytes a range is read as, its marks included: [from, to). */
export function spanOf(range: FileRange): { from: number; to: number } {
  return { from: range.start - (range.before?.length ?? 0), to: range.end + (range.after?.length ?? 0) };
}

export function readRange(file: string, range: FileRange): string {
  const before = range.before ?? '';
  const after = range.after ?? '';
  const { from, to } = spanOf(range);
  const text = from < 0 ? '' : readBytes(file, from, to);
  if (from >= 0 && text.length === to - from && text.startsWith(before) && text.endsWith(after)) {
    return text.slice(before.length, text.length - after.length);
  }
  const whole = readFileSync(file, 'latin1');
  // Both from the end: the CLI's script may hold the marks' text itself (cold-section-marks.ts).
  const start = before ? whole.lastIndexOf(before) : 0;
  const end = after ? whole.lastIndexOf(after) : whole.length;
  if (start < 0 || end < start + before.length) throw new Error(`${file}: not a build of this version (a part of it is missing); reinstall it`);
  return whole.slice(start + before.length, end);
}

/** The bytes [start, end) of a file as a Latin-1 string (fewer if the file is shorter). */
function readBytes(file: string, start: number, end: number): string {
  const fd = openSync(file, 'r');
  try {
    const buffer = scratchOf(Math.max(0, end - start));
    return buffer.toString('latin1', 0, readInto(fd, buffer, start));
  } finally {
    closeSync(fd);
  }
}
