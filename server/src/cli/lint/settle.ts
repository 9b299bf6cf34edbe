/**
 * The Node side of settling a run (the engine's `lintFiles` decides what each
 * note's result is and which fixed notes to write): the atomic writer it is
 * given for --fix (write.ts), and its results in the CLI's shape.
 */
import path from 'node:path';
import type { FixWriter, NoteRunResult } from '../../engine/index.ts';
import { encodeFixed } from '../../node/read-note.ts';
import type { Io } from '../io.ts';
import { fatalResult, makeResult, type FileResult, type LintMessage } from '../results.ts';
import type { Entry } from './batches.ts';
import type { LintRunOptions } from './run-lint.ts';
import { OUTCOME_MESSAGES, writeFixed } from './write.ts';

/** The linted tree, for --fix: the current folder and every folder named (or holding a file named) on the command line. */
function lintedRoots(patterns: readonly string[], cwd: string): string[] {
  const roots = [cwd];
  for (const p of patterns) {
    const abs = path.resolve(cwd, p);
    roots.push(/\.md$/i.test(abs) ? path.dirname(abs) : abs);
  }
  return roots;
}

/** Writes a fixed note over the bytes it was read from (atomic; never over a change on disk). */
export function nodeFixWriter(options: Pick<LintRunOptions, 'patterns' | 'hooks'>, io: Pick<Io, 'cwd'>): FixWriter<Entry> {
  const roots = lintedRoots(options.patterns, io.cwd);
  return async ({ file, text, data }) => {
    const decoded = data!.decoded;
    if (!decoded.ok || !decoded.bytes) throw new Error(`internal inconsistency: ${file} was fixed without its bytes as read`);
    await options.hooks?.beforeWrite?.(file);
    const outcome = await writeFixed(file, decoded.bytes, Buffer.from(encodeFixed(decoded, text), 'utf8'), { roots });
    return outcome === 'written' ? true : OUTCOME_MESSAGES[outcome];
  };
}

/** A note's result from the engine as the CLI reports it. */
export function toFileResult(r: NoteRunResult<LintMessage>): FileResult {
  if ('fatal' in r) return fatalResult(r.file, r.fatal);
  if (!('notWritten' in r)) return makeResult(r.file, r.messages);
  return makeResult(r.file, [...r.messages, { ruleId: null, severity: 2, message: r.notWritten, line: 1, column: 1, endLine: 1, endColumn: 1, fatal: true }]);
}
