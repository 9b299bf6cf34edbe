/**
 * Reading a note from disk (or stdin) as UTF-8. A leading BOM is stripped for
 * linting and remembered, so `--fix` writes it back. Files that cannot be linted
 * get a one-line reason that never quotes their content.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, type Stats } from 'node:fs';
import { lstat, readFile, stat } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';
import { MAX_NOTE_BYTES, TOO_LARGE } from '../engine/index.ts';

export type Decoded =
  /** `bytes`: as read; left out when the reader was told they are not needed (readNoteSync). */
  | { ok: true; bytes?: Buffer; text: string; bom: boolean }
  /** `gone`: no such file (and no dangling link) — a note removed since it was listed. */
  | { ok: false; reason: string; gone?: true };

export function decodeNote(bytes: Buffer): Decoded {
  if (bytes.length > MAX_NOTE_BYTES) return { ok: false, reason: TOO_LARGE(bytes.length) };
  const utf16 = utf16Kind(bytes);
  if (utf16) return { ok: false, reason: `UTF-16 text (${utf16}); not linted. Save the note as UTF-8.` };
  if (bytes.includes(0)) return { ok: false, reason: 'Binary file (it contains NUL bytes); not linted.' };
  // Validated, then decoded (a BOM kept as U+FEFF): what a fatal TextDecoder does, without
  // loading Node's encoding module in every run (test/cli/read-note-decode.test.ts compares them).
  if (!isUtf8(bytes)) return { ok: false, reason: 'Not valid UTF-8 text; not linted. Save the note as UTF-8.' };
  const text = bytes.toString('utf8');
  const bom = text.charCodeAt(0) === 0xfeff;
  return { ok: true, bytes, text: bom ? text.slice(1) : text, bom };
}

/** UTF-16 by its byte-order mark, or by NUL in every other byte of mostly-ASCII text. */
function utf16Kind(bytes: Buffer): string | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'little-endian';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'big-endian';
  const n = Math.min(bytes.length, 512) & ~1;
  if (n < 4) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const half = n / 2;
  if (oddNul > half * 0.9 && evenNul === 0) return 'little-endian, no byte-order mark';
  if (evenNul > half * 0.9 && oddNul === 0) return 'big-endian, no byte-order mark';
  return undefined;
}

export async function readNote(file: string): Promise<Decoded> {
  let bytes: Buffer;
  try {
    // Look before reading: a FIFO would block forever, a device never end, and a
    // huge file would be read into memory only to be refused.
    const refused = notReadable(await stat(file));
    if (refused) return refused;
    bytes = await readFile(file);
  } catch (err) {
    return failed(err, err && (err as NodeJS.ErrnoException).code === 'ENOENT' ? await lstat(file).then((st) => st.isSymbolicLink(), () => false) : false);
  }
  return decodeNote(bytes);
}

/**
 * readNote, synchronously: what the CLI reads its notes with. On local disks the
 * asynchronous version costs five thread-pool round trips per file (stat, open,
 * fstat, read, close): 600 notes took 95 ms of wall time and 145 ms of CPU that
 * way, 35 ms and 38 ms this way (docs/performance.md), and the CLI has nothing
 * else to do meanwhile. Same checks and reasons, and safer: the file is opened
 * without blocking and checked as opened, so a FIFO swapped in after a look
 * cannot hang the read.
 */
export function readNoteSync(file: string, options: { keepBytes: boolean } = { keepBytes: true }): Decoded {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    return failed(err, (err as NodeJS.ErrnoException).code === 'ENOENT' && isLinkSync(file));
  }
  try {
    const st = fstatSync(fd);
    const refused = notReadable(st);
    if (refused) return refused;
    const bytes = Buffer.allocUnsafeSlow(st.size); // not from the shared pool: the bytes may be kept
    let read = 0;
    for (let n = 1; n > 0 && read < bytes.length; read += n) n = readSync(fd, bytes, read, bytes.length - read, read);
    const decoded = decodeNote(bytes.subarray(0, read));
    // Only --fix (to write over exactly what was read) and --cache (its content hash) need the bytes;
    // without them a run of 2,000 notes holds 18 MB less.
    return decoded.ok && !options.keepBytes ? { ok: true, text: decoded.text, bom: decoded.bom } : decoded;
  } catch (err) {
    return failed(err, false);
  } finally {
    closeSync(fd);
  }
}

/** Why a file is not even opened: a folder, a FIFO or device, a file over the size limit. */
function notReadable(st: Stats): Decoded | undefined {
  if (st.isDirectory()) return { ok: false, reason: 'Is a folder, not a note file.' };
  if (!st.isFile()) return { ok: false, reason: 'Not a regular file (a device, socket or named pipe); not linted.' };
  if (st.size > MAX_NOTE_BYTES) return { ok: false, reason: TOO_LARGE(st.size) };
  return undefined;
}

/** A failed read; `dangling`: ENOENT on a symbolic link (it points nowhere), not a removed note. */
function failed(err: unknown, dangling: boolean): Decoded {
  if ((err as NodeJS.ErrnoException).code === 'ENOENT' && !dangling) return { ok: false, reason: 'No such file; nothing to read.', gone: true };
  return { ok: false, reason: readFailure(err) };
}

function isLinkSync(file: string): boolean {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

/** Why a file could not be read, in words, with the error code. */
export function readFailure(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EISDIR') return 'Is a folder, not a note file.';
  if (code === 'ELOOP') return 'A symbolic link that loops (ELOOP); not linted.';
  if (code === 'ENOENT') return 'A broken symbolic link, or the file was removed (ENOENT); not linted.';
  return `Cannot read this file (${code ?? (err as Error).name}).`;
}

/** The text to write after fixing: BOM restored; in a CRLF-only file, new bare LFs become CRLF. */
export function encodeFixed(original: Extract<Decoded, { ok: true }>, fixed: string): string {
  let text = fixed;
  const crlfOnly = original.text.includes('\r\n') && !/(^|[^\r])\n/.test(original.text);
  if (crlfOnly) text = text.replace(/\r?\n/g, '\r\n');
  return (original.bom ? '\ufeff' : '') + text;
}
