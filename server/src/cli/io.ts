/**
 * Everything the CLI touches outside its arguments, passed in so `run()` can be
 * driven by tests and never reaches for `process` itself. Only entry.ts builds a
 * real one.
 */
export interface Output {
  /** Text is written as UTF-8; bytes as they are (`--stdin --fix` echoing input it could not decode). */
  write(data: string | Uint8Array): void;
}

export interface Io {
  stdout: Output;
  stderr: Output;
  /** Absolute current directory: relative paths, globs and output paths start here. */
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Whether stdout is a terminal (colour default). */
  isTTY: boolean;
  /** Whether stderr is a terminal (the progress line of long runs). Absent: no. */
  stderrIsTTY?: boolean;
  /** Reads all of standard input as raw bytes (for `--stdin`). */
  readStdin(): Promise<Buffer>;
}

/** A problem with how the command was called: message on stderr, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A failure that is not a bug (e.g. the output file cannot be written): message on stderr, exit code 2. */
export class FatalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FatalError';
  }
}

/** Exit codes (fixed by the format contract). */
export const EXIT_OK = 0;
export const EXIT_LINT = 1;
export const EXIT_FAILURE = 2;

export function isDebug(argv: readonly string[], env: Io['env']): boolean {
  return argv.includes('--debug') || env.VISITNOTES_DEBUG === '1' || env.VISITNOTES_DEBUG === 'true';
}
