/**
 * `--threads`: what `auto` resolves to. It follows the CPUs the process may use
 * (one fewer, for the garbage collector's and compiler's threads; capped), never the load average, so the same command on the same machine
 * always takes the same number of threads.
 */
import { describe, test } from 'vitest';
import assert from 'node:assert/strict';
import os from 'node:os';
import { AUTO_THREADS_MAX, parseThreads } from '../../server/src/cli/commands/lint.ts';

describe('--threads', () => {
  test('auto (and no option) leaves one CPU to the threads V8 runs beside each linting thread', () => {
    for (const [cpus, threads] of [[1, 1], [2, 1], [3, 2], [4, 3], [8, 7]] as const) {
      assert.equal(parseThreads(undefined, cpus), threads);
      assert.equal(parseThreads('auto', cpus), threads);
    }
  });

  test('auto is capped, and never below one', () => {
    assert.equal(parseThreads('auto', 64), AUTO_THREADS_MAX);
    assert.equal(parseThreads('auto', 0), 1);
  });

  test('auto does not depend on the load average', () => {
    const cpus = os.availableParallelism();
    assert.equal(parseThreads('auto'), Math.max(1, Math.min(cpus - 1, AUTO_THREADS_MAX)));
  });

  test('off is one thread; a number is taken as given', () => {
    assert.equal(parseThreads('off', 8), 1);
    assert.equal(parseThreads('3', 2), 3);
    assert.throws(() => parseThreads('0', 2), /--threads needs a number of threads/);
  });
});
