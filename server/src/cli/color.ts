/**
 * Whether to colour output: `--color`/`--no-color` first, then NO_COLOR (any
 * non-empty value disables, per no-color.org), then FORCE_COLOR (set and not
 * `0`/`false` enables), then whether stdout is a terminal (and TERM is not `dumb`).
 * Output written to a file (`-o`) is plain unless `--color` is given.
 */
import type { Io } from './io.ts';

export function useColor(flag: boolean | undefined, io: Pick<Io, 'env' | 'isTTY'>, toFile = false): boolean {
  if (flag !== undefined) return flag;
  if (toFile) return false;
  const { NO_COLOR, FORCE_COLOR, TERM } = io.env;
  if (NO_COLOR !== undefined && NO_COLOR !== '') return false;
  if (FORCE_COLOR !== undefined) return FORCE_COLOR !== '0' && FORCE_COLOR !== 'false';
  return io.isTTY && TERM !== 'dumb';
}
