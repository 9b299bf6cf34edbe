/**
 * Writing fixed notes back, as ESLint's `outputFixes` does, with the writer
 * injected: the CLI passes its atomic Node writer (cli/lint/write.ts), a web or
 * test face passes its own. The engine decides only what every face must say
 * alike: one note at a time, in the order given, and a writer that refuses or
 * throws leaves that note as it was with a message saying why — never a crash
 * of the whole run, and the other notes are still written.
 */

/** A note's fixed text, to be written over `file`. */
export interface FixToWrite<T = unknown> {
  file: string;
  text: string;
  /** Whatever the writer needs besides the text (the CLI: the bytes it read, to detect a change on disk). */
  data?: T;
}

/**
 * Writes one fixed note: `true` when written, else the message for the user
 * (nothing was changed). May throw; a thrown error's `code` (`EACCES`, ...) is shown.
 */
export type FixWriter<T = unknown> = (fix: FixToWrite<T>) => Promise<true | string>;

export type FixOutcome = { file: string; written: true } | { file: string; written: false; message: string };

export async function outputFixes<T>(fixes: readonly FixToWrite<T>[], write: FixWriter<T>): Promise<FixOutcome[]> {
  const outcomes: FixOutcome[] = [];
  for (const fix of fixes) {
    let result: true | string;
    try {
      result = await write(fix);
    } catch (err) {
      const e = err as { code?: unknown; name?: unknown } | undefined;
      const why = typeof e?.code === 'string' ? e.code : typeof e?.name === 'string' ? e.name : 'Error';
      result = cannotWrite(why);
    }
    outcomes.push(result === true ? { file: fix.file, written: true } : { file: fix.file, written: false, message: result });
  }
  return outcomes;
}

/** The message for a note whose fixes could not be written (`why`: an error code or type, never note text). */
export function cannotWrite(why: string): string {
  return `Cannot write the fixes to this file (${why}); nothing was changed.`;
}
