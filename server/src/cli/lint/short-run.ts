/**
 * A short run: little note text, all of it linted in this thread (issue 12, goal 4). The
 * CLI tells the command's loader before such a run lints, and the loader may turn V8's
 * optimising compilers off for it (bundle/short-run-tuning.ts says why and when).
 *
 * The limit is where the compilers start to pay, measured on typical notes (11 KB each,
 * alternating runs, docs/performance.md): without them 1, 4 and 12 notes lint 10–38 ms
 * sooner and with 20–30 % less CPU; at 24 notes (196 KB) it is even; at 48 they lose. A
 * single long note needs them more than many short ones (its loops run long enough to be
 * optimised while they run), so the limit counts characters, not notes.
 */
import { shortRun } from '../loader-hooks.ts';

/** At most this much note text (UTF-16 code units) in all makes a short run. */
export const SHORT_RUN_CHARS = 128 * 1024;

/**
 * Called once, before the lint starts: `chars` of note text to lint, and whether worker
 * threads take part. Whether the loader tuned V8 for a short run.
 */
export function beforeLint(chars: number, workers: boolean): boolean {
  return !workers && chars <= SHORT_RUN_CHARS && shortRun();
}
