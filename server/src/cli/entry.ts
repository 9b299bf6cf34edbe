/**
 * The binary: builds the real Io, runs the CLI and sets `process.exitCode`, and
 * never lets a later 0 or 1 overwrite a 2. It ends the process itself only when the
 * command has finished and left nothing to do (`exitWhenIdle`), so output is never
 * cut. An uncaught error is one line on stderr (the stack only with --debug or
 * VISITNOTES_DEBUG=1) and exit code 2.
 *
 * Kept small: main.ts loads each command, and each command its heavy modules,
 * with dynamic imports, so `--version` and `--help` never load the engine.
 */
import { run } from './main.ts';
import { EXIT_FAILURE, isDebug, type Io } from './io.ts';
import { isTerminal, stdOutputs } from './stdio.ts';

const argv = process.argv.slice(2);

function setExitCode(code: number): void {
  if (process.exitCode === EXIT_FAILURE) return;
  process.exitCode = code;
}

// Written straight to the descriptors (stdio.ts); the error of a broken pipe is handled there.
const { stdout, stderr, allWritten } = stdOutputs(fail);

function fail(err: unknown): void {
  const e = err instanceof Error ? err : new Error(String(err));
  const cause = e.cause instanceof Error ? `\nCaused by: ${e.cause.stack ?? e.cause.message}` : '';
  const detail = isDebug(argv, process.env) ? `${e.stack ?? e.message}${cause}` : `${e.message.split('\n')[0]}`;
  stderr.write(`visitnotes: internal error: ${detail}\n`);
  if (!isDebug(argv, process.env)) stderr.write('Re-run with --debug for details, and please report it.\n');
  setExitCode(EXIT_FAILURE);
}

process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);

let stdoutIsTTY: boolean | undefined;
let stderrIsTTY: boolean | undefined;
const io: Io = {
  stdout,
  stderr,
  cwd: process.cwd(),
  env: process.env,
  // Asked only by what colours or draws progress (a JSON report never does).
  get isTTY() {
    return (stdoutIsTTY ??= isTerminal(1));
  },
  get stderrIsTTY() {
    return (stderrIsTTY ??= isTerminal(2));
  },
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  },
};

/**
 * After a command that has finished: when every byte of output went out synchronously and
 * nothing is left running (no stream writing, server, timer or file operation), the
 * process ends now. Node's orderly end would first free the engine's memory page by page:
 * 3 ms of a one-note lint's 180 (docs/performance.md). 'exit' listeners still run (the
 * loader writes the code cache in one). Otherwise, and on Windows, the usual end.
 */
function exitWhenIdle(): void {
  if (allWritten() && process.getActiveResourcesInfo().length === 0) process.exit();
}

run(argv, io).then((code) => {
  setExitCode(code);
  exitWhenIdle();
}, fail);
