/**
 * The binary: builds the real Io, runs the CLI and sets `process.exitCode`.
 * It never calls process.exit (so piped output is flushed) and never lets a later
 * 0 or 1 overwrite a 2. An uncaught error is one line on stderr (the stack only
 * with --debug or VISITNOTES_DEBUG=1) and exit code 2.
 *
 * Kept small: main.ts loads each command, and each command its heavy modules,
 * with dynamic imports, so `--version` and `--help` never load the engine.
 */
import { run } from './main.ts';
import { EXIT_FAILURE, isDebug, type Io } from './io.ts';

const argv = process.argv.slice(2);

function setExitCode(code: number): void {
  if (process.exitCode === EXIT_FAILURE) return;
  process.exitCode = code;
}

function fail(err: unknown): void {
  const e = err instanceof Error ? err : new Error(String(err));
  const cause = e.cause instanceof Error ? `\nCaused by: ${e.cause.stack ?? e.cause.message}` : '';
  const detail = isDebug(argv, process.env) ? `${e.stack ?? e.message}${cause}` : `${e.message.split('\n')[0]}`;
  process.stderr.write(`visitnotes: internal error: ${detail}\n`);
  if (!isDebug(argv, process.env)) process.stderr.write('Re-run with --debug for details, and please report it.\n');
  setExitCode(EXIT_FAILURE);
}

// `visitnotes lint | head` closes the pipe early: that is not a failure of ours.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') fail(err);
});
// A closed or broken stderr leaves nowhere to report anything, and the exit code still
// says what happened. Unhandled, its error would reach `fail`, which writes to stderr
// again: a loop that never exits.
process.stderr.on('error', () => undefined);
process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);

const io: Io = {
  stdout: { write: (data) => void process.stdout.write(data) },
  stderr: { write: (data) => void process.stderr.write(data) },
  cwd: process.cwd(),
  env: process.env,
  isTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  },
};

run(argv, io).then(setExitCode, fail);
