/**
 * What a failed command tells the user. The text of an unexpected error may
 * quote whatever the failing code was holding (a line of the note, a patient
 * key), and notes are health records: only texts written to be shown are
 * shown, and anything else is named by its kind. No `vscode` import, so the
 * rule is unit-tested.
 */

/** A failure whose message the extension wrote itself and never quotes a note. */
export class CommandFailure extends Error {
  override readonly name = 'CommandFailure';
}

/** JSON-RPC codes whose messages the language server writes itself (navigation.ts: rename, go to goal). */
const SERVER_WORDED = new Set([
  -32602, // InvalidParams
  -32803, // RequestFailed
]);
const CANCELLED = new Set([
  -32800, // RequestCancelled
  -32802, // ServerCancelled
  -32801, // ContentModified
]);

export function failureReason(err: unknown): string {
  if (err instanceof CommandFailure) return err.message;
  const e = (err ?? {}) as { code?: unknown; message?: unknown; name?: unknown };
  if (typeof e.code === 'number') {
    if (SERVER_WORDED.has(e.code) && typeof e.message === 'string') return e.message;
    if (CANCELLED.has(e.code)) return 'it was cancelled (the note changed meanwhile); try again';
    // Unhandled errors in a server handler arrive as "Request … failed with message: <raw text>".
    return 'the language server hit an internal error (Visit Notes: Restart Language Server may help)';
  }
  // vscode.FileSystemError carries a fixed code (FileNotFound, NoPermissions, …); its message names the file only.
  if (typeof e.code === 'string' && /^[A-Za-z]+$/.test(e.code)) return `the file system refused it (${e.code})`;
  const kind = typeof e.name === 'string' && /^[A-Za-z]+$/.test(e.name) ? e.name : 'Error';
  return `an unexpected error (${kind})`;
}
