/**
 * The binary's standard output and error, written straight to their file descriptors.
 *
 * Why not process.stdout: its first touch builds a stream, which loads a dozen of Node's
 * stream modules (and for a pipe, `net`); about 5 ms of a one-note run's 90 (issue 12,
 * goal 4). A synchronous write is also what Node does itself for files and terminals.
 *
 * Where a synchronous write cannot go on, the stream takes over, in order:
 * - a pipe or socket another program left non-blocking (EAGAIN): the bytes not yet written and
 *   everything after go to process.stdout, which waits for the reader;
 * - Windows: the console wants UTF-16 and pipes are asynchronous there, so the stream from the start.
 * A reader that went away (EPIPE, `visitnotes lint | head`) is not a failure of ours: the
 * rest is dropped, as the stream's EPIPE was before.
 */
import { fstatSync, writeSync } from 'node:fs';
import type { Output } from './io.ts';

// The bundles have one (dist/cli.cjs is CommonJS; dist/visitnotes.js's banner makes one).
declare const require: (id: string) => unknown;

export interface FdOutputHost {
  writeSync(fd: number, data: Uint8Array, offset: number, length: number): number;
  /** The stream to hand over to (created on first call only). */
  stream(): NodeJS.WritableStream;
  /** A write error that is neither EAGAIN nor EPIPE. */
  onError(err: NodeJS.ErrnoException): void;
}

/** An Output on `fd`, written synchronously until the stream has to take over. */
export function fdOutput(fd: number, host: FdOutputHost): Output {
  let stream: NodeJS.WritableStream | undefined;
  let closed = false;
  return {
    write(data) {
      if (closed) return;
      if (stream) {
        stream.write(data);
        return;
      }
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      let at = 0;
      while (at < bytes.length) {
        try {
          at += host.writeSync(fd, bytes, at, bytes.length - at);
        } catch (e) {
          const err = e as NodeJS.ErrnoException;
          if (err.code === 'EAGAIN') {
            stream = host.stream();
            stream.write(bytes.subarray(at));
          } else {
            closed = true;
            if (err.code !== 'EPIPE') host.onError(err);
          }
          return;
        }
      }
    },
  };
}

/**
 * Whether `fd` is a terminal, without loading `tty` (and `net` with it) for the pipes and
 * files of CI: only a character device can be one.
 */
export function isTerminal(fd: number): boolean {
  try {
    if (!fstatSync(fd).isCharacterDevice()) return false;
  } catch {
    return false;
  }
  return (require('node:tty') as typeof import('node:tty')).isatty(fd);
}

/**
 * process.stdout / process.stderr as Outputs (the stream itself on Windows), and whether
 * everything written so far went out synchronously (no stream has bytes to write).
 */
export function stdOutputs(onError: (err: NodeJS.ErrnoException) => void): { stdout: Output; stderr: Output; allWritten(): boolean } {
  if (process.platform === 'win32') {
    // `visitnotes lint | head` closes the pipe early: that is not a failure of ours.
    process.stdout.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') onError(err);
    });
    // A broken stderr leaves nowhere to report anything, and the exit code still says what
    // happened; unhandled, its error would reach onError, which writes to stderr again.
    process.stderr.on('error', () => undefined);
    return {
      stdout: { write: (data) => void process.stdout.write(data) },
      stderr: { write: (data) => void process.stderr.write(data) },
      allWritten: () => false,
    };
  }
  let streams = 0;
  const stdout = fdOutput(1, {
    writeSync,
    stream: () => (streams++, process.stdout.on('error', (err: NodeJS.ErrnoException) => err.code !== 'EPIPE' && onError(err))),
    onError,
  });
  const stderr = fdOutput(2, { writeSync, stream: () => (streams++, process.stderr.on('error', () => undefined)), onError: () => undefined });
  return { stdout, stderr, allWritten: () => streams === 0 };
}
