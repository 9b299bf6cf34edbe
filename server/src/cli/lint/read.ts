/**
 * Reading a note from disk (or stdin) as UTF-8. A leading BOM is stripped for
 * linting and remembered, so `--fix` writes it back. Files that cannot be linted
 * get a one-line reason that never quotes their content.
 */
import { readFile } from 'node:fs/promises';

export type Decoded =
  | { ok: true; bytes: Buffer; text: string; bom: boolean }
  | { ok: false; reason: string };

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function decodeNote(bytes: Buffer): Decoded {
  if (bytes.includes(0)) return { ok: false, reason: 'Binary file (it contains NUL bytes); not linted.' };
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return { ok: false, reason: 'Not valid UTF-8 text; not linted. Save the note as UTF-8.' };
  }
  const bom = text.charCodeAt(0) === 0xfeff;
  return { ok: true, bytes, text: bom ? text.slice(1) : text, bom };
}

export async function readNote(file: string): Promise<Decoded> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') return { ok: false, reason: 'Is a folder, not a note file.' };
    return { ok: false, reason: `Cannot read this file (${code ?? (err as Error).name}).` };
  }
  return decodeNote(bytes);
}

/** The text to write after fixing: BOM restored; in a CRLF-only file, new bare LFs become CRLF. */
export function encodeFixed(original: Extract<Decoded, { ok: true }>, fixed: string): string {
  let text = fixed;
  const crlfOnly = original.text.includes('\r\n') && !/(^|[^\r])\n/.test(original.text);
  if (crlfOnly) text = text.replace(/\r?\n/g, '\r\n');
  return (original.bom ? '\ufeff' : '') + text;
}
