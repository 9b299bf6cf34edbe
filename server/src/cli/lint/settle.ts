/**
 * Each linted slot's file result, and --fix's writes: the fixed notes go through
 * the engine's `outputFixes` with the Node atomic writer (write.ts) injected.
 */
import path from 'node:path';
import { outputFixes, type FixToWrite } from '../../engine/index.ts';
import type { Io } from '../io.ts';
import { fatalResult, makeResult, type FileResult, type LintMessage } from '../results.ts';
import type { Slot } from './batches.ts';
import type { LintCache } from './cache.ts';
import { encodeFixed } from '../../node/read-note.ts';
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


interface PendingFix {
  slot: Slot;
  /** The findings in the text as it is (kept when the fixes cannot be written). */
  messages: LintMessage[];
  /** What remains once the fixes are written. */
  remaining: LintMessage[];
}

/** Pushes each slot's result into `results`; with --fix, writes the fixed notes first. Keeps the cache in step. */
export async function settleResults(slots: Slot[], options: LintRunOptions, io: Io, cache: LintCache | undefined, results: FileResult[]): Promise<void> {
  const pending: FixToWrite<PendingFix>[] = [];
  for (const s of slots) {
    const { file } = s.entry;
    const out = s.out;
    if (out?.kind === 'fatal') {
      results.push(fatalResult(file, out.reason));
      cache?.delete(file);
      continue;
    }
    const messages = out?.kind === 'linted' ? out.messages : s.hit!.messages;
    if (out?.kind === 'linted') {
      cache?.set(file, { content: s.contentHash, config: out.configHash, history: out.historyHash, summary: out.summary, messages });
    }
    const fixed = out?.kind === 'linted' ? out.fixed : undefined;
    if (!fixed) {
      results.push(makeResult(file, messages));
      continue;
    }
    if (!options.fix) {
      results.push(makeResult(file, fixed.messages)); // --fix-dry-run
      continue;
    }
    pending.push({ file, text: fixed.text, data: { slot: s, messages, remaining: fixed.messages } });
  }

  const roots = lintedRoots(options.patterns, io.cwd);
  const outcomes = await outputFixes(pending, async ({ file, text, data }) => {
    const decoded = data!.slot.entry.decoded;
    await options.hooks?.beforeWrite?.(file);
    const outcome = await writeFixed(file, decoded.bytes, Buffer.from(encodeFixed(decoded, text), 'utf8'), { roots });
    return outcome === 'written' ? true : OUTCOME_MESSAGES[outcome];
  });
  outcomes.forEach((outcome, i) => {
    const { file, data } = pending[i]!;
    if (outcome.written) {
      cache?.delete(file); // its bytes changed; the next run lints it afresh
      results.push(makeResult(file, data!.remaining));
      return;
    }
    results.push(
      makeResult(file, [
        ...data!.messages,
        { ruleId: null, severity: 2, message: outcome.message, line: 1, column: 1, endLine: 1, endColumn: 1, fatal: true },
      ]),
    );
  });
}
