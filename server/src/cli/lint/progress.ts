/**
 * `Linting 1234/2000 notes…` on stderr, rewritten in place, for runs that take a
 * while: shown only when stderr is a terminal and not in CI, only once the run
 * has taken more than two seconds, and cleared before the report is printed.
 * Rendering is driven by progress itself (no timer), so it also works while the
 * main thread is busy linting.
 */
import type { Io, Output } from '../io.ts';
import { nowMs } from '../clock.ts';

export const PROGRESS_DELAY_MS = 2000;
const REDRAW_MS = 100;

/** stderr is a terminal and `CI` is not set (empty, `0` and `false` count as not set). */
export function progressWanted(io: Pick<Io, 'env' | 'stderrIsTTY'>): boolean {
  const ci = io.env.CI;
  const inCi = ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
  return io.stderrIsTTY === true && !inCi;
}

export class Progress {
  private readonly start: number;
  private lastDraw = -Infinity;
  private shown = 0;

  constructor(
    private readonly out: Output,
    private readonly total: number,
    private readonly enabled: boolean,
    private readonly now: () => number = nowMs,
  ) {
    this.start = now();
  }

  update(done: number): void {
    if (!this.enabled) return;
    const t = this.now();
    if (t - this.start < PROGRESS_DELAY_MS || t - this.lastDraw < REDRAW_MS) return;
    this.lastDraw = t;
    const text = `Linting ${Math.min(done, this.total)}/${this.total} notes…`;
    this.out.write(`\r${text}${' '.repeat(Math.max(0, this.shown - text.length))}`);
    this.shown = text.length;
  }

  /** Erases the line, if anything was shown. */
  clear(): void {
    if (this.shown === 0) return;
    this.out.write(`\r${' '.repeat(this.shown)}\r`);
    this.shown = 0;
  }
}
