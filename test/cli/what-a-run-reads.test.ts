/**
 * What a cold run of the `visitnotes` command loads (issue 12, goal 4), observed through
 * Node itself, never timed: the command as installed (package.json's bin) is CommonJS
 * throughout, so a lint never starts Node's ES module loader; it reads dist/cli.cjs only
 * up to its cold section (server/src/bundle/cold-section.ts), which a config file, a note
 * for remark, a glob or worker threads bring in; and `visitnotes lsp` takes the server from
 * dist/visitnotes.js, which is not in dist/cli.cjs at all. Nor does a lint load Node's
 * stream modules to write its report.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLD_SECTION_HEAD, COLD_SECTION_TAIL } from '../../server/src/bundle/cold-section-marks.ts';
import { MIN_NOTES_FOR_POOL } from '../../server/src/cli/lint/pool.ts';
import { SHORT_RUN_CHARS } from '../../server/src/cli/lint/short-run.ts';
import { ROOT, cleanEnv, ensureBuilt, removeProject, tempProject } from './helpers.ts';

const NOTE = '---\npatient: P1\ndate: 2026-01-05\n---\n\n## Story\n\nShe slept better this week.\n\n## Goals\n\n- G1: sleep through the night\n';
// A fenced block holding a heading: the fast parser hands such a note to remark.
const FENCED = `${NOTE}\n## Relationships\n\n\`\`\`\n## Story\n\`\`\`\n`;

let dir: string;
let bin: string;
let cli: string;
let coldStart: number;
beforeAll(() => {
  ensureBuilt();
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
  bin = path.join(ROOT, pkg.bin.visitnotes!);
  cli = path.join(ROOT, 'dist/cli.cjs');
  // The last: the CLI's script holds the mark's text too (minified, maybe as a template literal).
  coldStart = readFileSync(cli, 'latin1').lastIndexOf(COLD_SECTION_HEAD);
  dir = tempProject({ 'a.visit.md': NOTE, 'fenced/b.visit.md': FENCED, 'configured/c.visit.md': NOTE, 'configured/.visitnotes.yaml': 'rules:\n  required-section: warning\n', 'long/d.visit.md': `${NOTE}\n${'She talked about her week at work and at home.\n\n'.repeat(SHORT_RUN_CHARS / 40)}`, ...Object.fromEntries(Array.from({ length: 2 * MIN_NOTES_FOR_POOL }, (_, i) => [`many/${i}.visit.md`, NOTE.replace('P1', `P${i + 1}`)])) });
});
afterAll(() => removeProject(dir));

interface Observed {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Node's own modules the run loaded (`process.moduleLoadList`). */
  builtins: string[];
  /** The byte ranges of dist/cli.cjs the run read, [start, end). */
  ranges: [number, number][];
  /** Whether V8 optimised a hot function after the run (false: a short run turned TurboFan off). */
  optimises: boolean;
}

/** Runs the command with a hook that records the built-in modules and the reads of dist/cli.cjs. */
function observe(args: string[], env: Record<string, string> = {}): Observed {
  const hook = path.join(dir, 'observe.cjs');
  const out = path.join(dir, 'observed.json');
  writeFileSync(
    hook,
    `const fs = require('node:fs');
const target = ${JSON.stringify(cli)};
const fds = new Set();
const ranges = [];
const { openSync, readSync, readFileSync, closeSync } = fs;
fs.openSync = function (p, ...rest) { const fd = openSync.call(this, p, ...rest); if (String(p) === target) fds.add(fd); return fd; };
fs.closeSync = function (fd) { fds.delete(fd); return closeSync.call(this, fd); };
fs.readSync = function (fd, buffer, offset, length, position) {
  const n = readSync.apply(this, arguments);
  if (fds.has(fd)) ranges.push([position, position + n]);
  return n;
};
fs.readFileSync = function (p, ...rest) {
  const data = readFileSync.call(this, p, ...rest);
  if (String(p) === target) ranges.push([0, fs.statSync(target).size]);
  return data;
};
process.on('exit', () => {
  const list = [...process.moduleLoadList];
  // Whether V8 still optimises (natives syntax: on in every observed run, so their caches agree).
  const optimises = new Function('const f = (a) => a + 1; %PrepareFunctionForOptimization(f); f(1); f(2); %OptimizeFunctionOnNextCall(f); f(3); return (%GetOptimizationStatus(f) & 16) !== 0;')();
  fs.writeFileSync(${JSON.stringify(out)}, JSON.stringify({ list, ranges, optimises }));
});
`,
  );
  const run = spawnSync(process.execPath, ['--allow-natives-syntax', '--require', hook, bin, ...args], { cwd: dir, env: cleanEnv(env), encoding: 'utf8' });
  const seen = JSON.parse(readFileSync(out, 'utf8')) as { list: string[]; ranges: [number, number][]; optimises: boolean };
  const builtins = seen.list.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice('NativeModule '.length));
  return { code: run.status, stdout: run.stdout, stderr: run.stderr, builtins, ranges: seen.ranges, optimises: seen.optimises };
}

// The loader reads the mark after the CLI's script too, to check the file is as built.
const readsColdSection = (o: Observed) => o.ranges.some(([, end]) => end > coldStart + COLD_SECTION_HEAD.length);

/** Calls `use` with a fresh, empty code-cache folder, removed after it. */
function withCacheFolder<T>(use: (folder: string) => T): T {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'vn-cc-'));
  try {
    return use(folder);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The command's own code caches in the folder (not the workers' or the cold section's). */
const cliCaches = (folder: string) => readdirSync(folder).filter((f) => /-cli-.*\.v8cache$/.test(f));

/** Runs the command, without the observing hook, with its code cache in the folder. */
const runWithCache = (folder: string, args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: dir, env: cleanEnv({ VISITNOTES_COMPILE_CACHE: folder }), encoding: 'utf8' });

describe('a one-note lint', () => {
  it('runs without the ES module loader and reads dist/cli.cjs only up to its cold section', () => {
    expect(coldStart).toBeGreaterThan(0);
    // The first run writes the code cache (V8 as Node set it), the second reads it and is tuned.
    const runs = withCacheFolder((folder) => [1, 2].map(() => observe(['lint', 'a.visit.md', '--format', 'json'], { VISITNOTES_COMPILE_CACHE: folder })));
    expect(runs.map((r) => r.optimises)).toEqual([true, false]);
    for (const run of runs) {
      expect([0, 1]).toContain(run.code);
      expect(JSON.parse(run.stdout)).toHaveLength(1);
      expect(run.stderr).toBe('');
      expect(run.builtins).toContain('vm');
      // No ES module loader: not for the bundle, nor node:module's (the loader lends its own require).
      expect(run.builtins.filter((m) => /^(module|internal\/modules\/esm\/(loader|translators))$/.test(m))).toEqual([]);
      expect(run.ranges.length).toBeGreaterThan(0);
      expect(Math.min(...run.ranges.map(([start]) => start))).toBe(0);
      expect(readsColdSection(run)).toBe(false);
      // Output goes straight to the descriptor (cli/stdio.ts), fs/promises is loaded on first
      // call (scripts/bundle-options.mjs, lazyModules), and a short run sets V8's flags through
      // Node's binding, not node:v8 (bundle/short-run-tuning.ts): no stream module is loaded.
      expect(run.builtins.filter((m) => /^(v8|stream|net|tty|readline|fs\/promises|internal\/fs\/promises|internal\/streams\/(readable|writable|duplex))$/.test(m))).toEqual([]);
    }
  });

  it('reads the cold section for a config file, a note remark must parse, a glob and worker threads', () => {
    for (const args of [
      ['lint', 'configured/c.visit.md'],
      ['lint', 'fenced/b.visit.md'],
      ['lint', '*.visit.md'],
      ['lint', 'many', '--threads', '2'],
    ]) {
      const run = observe([...args, '--format', 'json']);
      expect([0, 1], args.join(' ')).toContain(run.code);
      expect(readsColdSection(run), args.join(' ')).toBe(true);
    }
  });
});

describe("the command's code cache", () => {
  it('is written by the first lint, never by --version, --help or rules, whose code would stand in for a lint', () => {
    withCacheFolder((folder) => {
      for (const args of [['--version'], ['--help'], ['rules']]) {
        expect(runWithCache(folder, args).status, args.join(' ')).toBe(0);
        expect(cliCaches(folder), args.join(' ')).toEqual([]);
      }
      expect([0, 1]).toContain(runWithCache(folder, ['lint', 'a.visit.md']).status);
      expect(cliCaches(folder)).toHaveLength(1);
    });
  });

  it("is kept by a short run, which turns V8's optimising compilers off once the cache is read (bundle/short-run-tuning.ts)", () => {
    withCacheFolder((folder) => {
      const lint = (args: string[]) => observe(['lint', ...args, '--debug'], { VISITNOTES_COMPILE_CACHE: folder });
      const cache = () => {
        const [name, ...rest] = cliCaches(folder);
        expect(rest).toEqual([]);
        const st = statSync(path.join(folder, name!));
        return `${name} ${st.ino} ${st.mtimeMs}`;
      };
      // The first run writes the cache, with Node's flags.
      const first = lint(['a.visit.md']);
      expect([0, 1]).toContain(first.code);
      expect(first.stderr).not.toMatch(/a short run/);
      expect(first.optimises).toBe(true);
      const written = cache();
      // The next runs read it and are tuned; V8 accepts the cache each time (it is never rewritten).
      for (const args of [['a.visit.md'], ['a.visit.md', 'configured/c.visit.md'], ['a.visit.md']]) {
        const run = lint(args);
        expect([0, 1], args.join(' ')).toContain(run.code);
        expect(run.stderr, args.join(' ')).toMatch(/; a short run: V8's optimising compilers off\n/);
        expect(run.optimises, args.join(' ')).toBe(false);
        expect(cache(), args.join(' ')).toBe(written);
      }
      // More text than a short run's: Node's flags.
      const long = lint(['long/d.visit.md']);
      expect(long.stderr).toMatch(/linted in the main thread/);
      expect(long.stderr).not.toMatch(/a short run/);
      expect(long.optimises).toBe(true);
    });
  });

  it('has a twin for the cold section loaded after a short run changed the flags, so neither kind of run spoils the other', () => {
    withCacheFolder((folder) => {
      // A note remark must parse: the cold section is loaded during the lint, after the tuning.
      const lint = () => observe(['lint', 'fenced/b.visit.md', '--format', 'json', '--debug'], { VISITNOTES_COMPILE_CACHE: folder });
      // Each cache file by its role (`cli`, `cold`, `cold+short-run`), with its modification time.
      const stamps = () =>
        Object.fromEntries(readdirSync(folder).filter((f) => f.endsWith('.v8cache')).map((f) => [/-(cli|cold(?:\+short-run)?)-v\d/.exec(f)![1]!, statSync(path.join(folder, f)).mtimeMs]));
      const first = lint();
      expect(first.stderr).not.toMatch(/a short run/);
      const written = stamps();
      expect(Object.keys(written).sort()).toEqual(['cli', 'cold']);
      const second = lint();
      expect(second.stderr).toMatch(/a short run/);
      expect(second.stdout).toBe(first.stdout);
      const after = stamps();
      expect(Object.keys(after).sort()).toEqual(['cli', 'cold', 'cold+short-run']);
      expect({ cli: after.cli, cold: after.cold }).toEqual(written);
      const third = lint();
      expect(third.stdout).toBe(first.stdout);
      expect(stamps()).toEqual(after);
    });
  });

  it('is not written by a lint whose notes all went to worker threads (this thread compiled little of the engine)', () => {
    withCacheFolder((folder) => {
      expect([0, 1]).toContain(runWithCache(folder, ['lint', 'many', '--threads', '2']).status);
      expect(cliCaches(folder)).toEqual([]);
      // The same notes in this thread write it.
      expect([0, 1]).toContain(runWithCache(folder, ['lint', 'many', '--threads', 'off']).status);
      expect(cliCaches(folder)).toHaveLength(1);
    });
  });
});

describe('dist/cli.cjs', () => {
  it("restores the engine's named term lists from the build's compiled copy (vocabulary/builtin-lists.ts)", async () => {
    await import('../../server/src/engine/index.ts');
    const { builtinTermLists } = await import('../../server/src/engine/vocabulary/builtin-lists.ts');
    const script = readFileSync(cli, 'latin1').slice(0, coldStart);
    const names = [...builtinTermLists().keys()];
    expect(names.length).toBeGreaterThan(0);
    // `"acting/ties": { "size": 99, "table": …` (or minified, `"acting/ties":{size:99,…`).
    const escape = (t: string) => t.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    for (const name of names) expect(script, name).toMatch(new RegExp(`${escape(JSON.stringify(name))}\\s*:\\s*\\{\\s*"?size"?\\s*:`));
    // And its named key sets (builtinTermKeys), each as its keys' text: `"pull/emotion":"frustrated\nfrustration…"`.
    const { builtinTermKeySets } = await import('../../server/src/engine/vocabulary/builtin-lists.ts');
    const keySets = [...builtinTermKeySets().keys()];
    expect(keySets.length).toBeGreaterThan(0);
    for (const name of keySets) expect(script, name).toMatch(new RegExp(`${escape(JSON.stringify(name))}\\s*:\\s*["\`]`));
  });


  it('leaves out the language server and the packages of its cold section from the CLI script', () => {
    const whole = readFileSync(cli, 'latin1');
    const script = whole.slice(0, coldStart);
    // The marks the loaders check, as the build wrote them.
    expect(whole.slice(coldStart)).toMatch(new RegExp(`${COLD_SECTION_TAIL.replace(/[{}]/g, '\\$&')}(//# sourceMappingURL=.*\n)?$`));
    expect(script).not.toMatch(/createConnection\(/);
    // The development build names each bundled file in a comment (the release build does not).
    if (/\/\/ node_modules\//.test(whole)) {
      expect(script).not.toMatch(/\/\/ node_modules\/(vscode-languageserver|vscode-jsonrpc|yaml|picomatch|ignore|piscina|tinyglobby)\//);
      expect(whole.slice(coldStart)).toMatch(/\/\/ node_modules\/yaml\//);
    }
  });
});

describe('a dist/cli.cjs edited in place after the build', () => {
  it('still runs both of its parts, found by their marks when the offsets moved', () => {
    const install = path.join(dir, 'install');
    for (const part of ['bin', 'dist']) cpSync(path.join(ROOT, part), path.join(install, part), { recursive: true });
    writeFileSync(path.join(install, 'package.json'), readFileSync(path.join(ROOT, 'package.json')));
    const args = ['lint', 'configured/c.visit.md', 'fenced/b.visit.md', '--format', 'json'];
    const intact = spawnSync(process.execPath, [bin, ...args], { cwd: dir, env: cleanEnv(), encoding: 'utf8' });
    expect([0, 1]).toContain(intact.status);
    // A hand fix (patch-package) that makes the CLI's script longer moves the cold section.
    const edited = path.join(install, 'dist/cli.cjs');
    writeFileSync(edited, `// patched\n${readFileSync(edited, 'latin1')}`, 'latin1');
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    const run = spawnSync(process.execPath, [path.join(install, pkg.bin.visitnotes!), ...args], { cwd: dir, env: cleanEnv(), encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(intact.status);
    expect(run.stdout).toBe(intact.stdout);
  });
});
