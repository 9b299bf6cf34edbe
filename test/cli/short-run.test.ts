/**
 * Short runs (issue 12, goal 4): the CLI tells the command's loader before it lints little
 * text in this thread alone (cli/lint/short-run.ts), and the loader turns V8's optimising
 * compilers off unless the run writes the code cache (bundle/short-run-tuning.ts).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadWithCompileCache, setFlagVariant } from '../../server/src/bundle/compile-cache.ts';
import { SHORT_RUN_V8_FLAGS, setV8Flags, tuneForShortRun, type FlagSetters } from '../../server/src/bundle/short-run-tuning.ts';
import { beforeLint, SHORT_RUN_CHARS } from '../../server/src/cli/lint/short-run.ts';
import { setLoaderHooks } from '../../server/src/cli/loader-hooks.ts';

afterEach(() => {
  setLoaderHooks({});
  setFlagVariant(undefined);
});

describe('beforeLint', () => {
  it('asks the loader only for little text and no worker threads, and passes on its answer', () => {
    const asked: number[] = [];
    let answer = true;
    setLoaderHooks({ onShortRun: () => (asked.push(1), answer) });
    expect(beforeLint(SHORT_RUN_CHARS, false)).toBe(true);
    expect(beforeLint(0, false)).toBe(true);
    expect(beforeLint(SHORT_RUN_CHARS + 1, false)).toBe(false);
    expect(beforeLint(10, true)).toBe(false);
    expect(asked).toHaveLength(2);
    answer = false;
    expect(beforeLint(10, false)).toBe(false);
    expect(asked).toHaveLength(3);
  });

  it('is false without a loader (the ES module build, the package API)', () => {
    expect(beforeLint(10, false)).toBe(false);
  });
});

describe('tuneForShortRun', () => {
  it('keeps V8 as it is in a run that writes the code cache, and tunes it otherwise', () => {
    const set: string[] = [];
    expect(tuneForShortRun(true, (f) => set.push(f))).toBe(false);
    expect(set).toEqual([]);
    expect(tuneForShortRun(false, (f) => set.push(f))).toBe(true);
    expect(tuneForShortRun(false, (f) => set.push(f))).toBe(true);
    expect(set).toEqual([SHORT_RUN_V8_FLAGS, SHORT_RUN_V8_FLAGS]);
  });

  it('leaves V8 and the cache names alone when the flags cannot be set', () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'vn-tune-'));
    try {
      writeFileSync(path.join(folder, 'bundle.cjs'), 'module.exports = 1;\n');
      const untuned = tuneForShortRun(false, () => {
        throw new Error('no such flag here');
      });
      expect(untuned).toBe(false);
      // Still Node's defaults: a bundle loaded now uses the plain cache name.
      loadWithCompileCache(path.join(folder, 'bundle.cjs'), { key: 'k', role: 'cold', folder: path.join(folder, 'cache') }).saveCache();
      expect(readdirSync(path.join(folder, 'cache'))).toEqual([expect.stringMatching(/-cold-v\d/)]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it("this Node knows the flags, and with them V8 leaves a hot function unoptimised (it optimises it without)", () => {
    // %GetOptimizationStatus bits (V8's OptimizationStatus): 16 optimised, 2 never to be optimised.
    const script = `
      const hot = (n) => { let s = 0; for (let i = 0; i < n; i++) s += i % 7; return s; };
      if (process.env.FLAGS) require('node:v8').setFlagsFromString(process.env.FLAGS);
      let total = 0;
      for (let i = 0; i < 3000; i++) total += hot(1000);
      process.stdout.write(JSON.stringify({ total, status: %GetOptimizationStatus(hot) }));`;
    const run = (flags: string) => {
      const r = spawnSync(process.execPath, ['--allow-natives-syntax', '-e', script], { encoding: 'utf8', env: { ...process.env, FLAGS: flags } });
      expect(r.status).toBe(0);
      // An unknown flag: "Error: unrecognized flag" on stderr.
      expect(r.stderr).toBe('');
      return JSON.parse(r.stdout) as { total: number; status: number };
    };
    const tuned = run(SHORT_RUN_V8_FLAGS);
    const untuned = run('');
    expect(tuned.total).toBe(untuned.total);
    expect(untuned.status & 16).toBe(16);
    expect(tuned.status & 16).toBe(0);
  });
});

describe('setV8Flags', () => {
  /** A process and node:v8 that record what they are asked. */
  function setters(binding: () => unknown, noDeprecation?: boolean) {
    const seen = { bindingCalls: [] as { name: string; quiet: boolean | undefined }[], viaBinding: [] as string[], viaNodeV8: [] as string[] };
    const proc: FlagSetters['process'] = {
      binding(name) {
        seen.bindingCalls.push({ name, quiet: proc.noDeprecation });
        return binding();
      },
      ...(noDeprecation === undefined ? {} : { noDeprecation }),
    };
    const from: FlagSetters = { process: proc, nodeV8: () => ({ setFlagsFromString: (f: string) => void seen.viaNodeV8.push(f) }) };
    return { from, proc, seen };
  }

  it("sets them through Node's V8 binding with deprecation warnings silenced for that call only", () => {
    const { from, proc, seen } = setters(() => ({ setFlagsFromString: (f: string) => void seen.viaBinding.push(f) }));
    setV8Flags('--no-turbofan', from);
    expect(seen.viaBinding).toEqual(['--no-turbofan']);
    expect(seen.viaNodeV8).toEqual([]);
    expect(seen.bindingCalls).toEqual([{ name: 'v8', quiet: true }]);
    // Left as found: no property where Node set none.
    expect('noDeprecation' in proc).toBe(false);
  });

  it('keeps a --no-deprecation the user asked for', () => {
    const { from, proc } = setters(() => ({ setFlagsFromString: () => {} }), true);
    setV8Flags('--no-turbofan', from);
    expect(proc.noDeprecation).toBe(true);
  });

  it('falls back to node:v8 when the binding is refused, gone or lacks the function', () => {
    for (const binding of [
      () => {
        throw new Error('Access to this API has been restricted');
      },
      () => undefined,
      () => ({}),
    ]) {
      const { from, proc, seen } = setters(binding, false);
      setV8Flags('--no-maglev', from);
      expect(seen.viaNodeV8).toEqual(['--no-maglev']);
      expect(proc.noDeprecation).toBe(false);
    }
    const viaNodeV8: string[] = [];
    setV8Flags('--no-maglev', { process: {}, nodeV8: () => ({ setFlagsFromString: (f) => void viaNodeV8.push(f) }) });
    expect(viaNodeV8).toEqual(['--no-maglev']);
  });
});
