/**
 * Runs a CommonJS bundle (dist/cli.cjs) with V8's code cache, so that a second
 * `visitnotes` run skips compiling the code the first one compiled, and a worker
 * thread (the CLI's pool, the language server's watchdog) starts without
 * compiling the engine again (bundle/piscina-worker.ts). Node 22.1+
 * offers this for every module (`module.enableCompileCache`); Node 20, which the
 * package supports, only through `vm.Script`'s `cachedData`, and only for a
 * script, hence the CommonJS bundle beside the ESM one.
 *
 * Safety, in order of what could go wrong:
 * - The cache is machine code's recipe for *our* source only: V8 checks its own
 *   version, flags and the source's length and rejects anything else
 *   (`cachedDataRejected`), and the file name carries a hash of the bundle's
 *   contents (`key`, computed by the build) and the file's size and modification
 *   time, so neither a rebuilt bundle nor one edited in place after the build
 *   meets an old cache of the same length. Rejected data means a normal compile.
 * - It holds compiled code, never note text or findings, and lives in the
 *   user's own cache folder (created 0700; not used when another user owns it,
 *   when group or others may write it, or when it is a symlink).
 * - Any failure to read, create or write it only means no cache: never an error.
 * - Written once (when missing or rejected), at exit (the caller's saveCache), so
 *   that it covers the functions the run compiled lazily; through a temporary file (its
 *   own per process and thread) and a rename, so a concurrent run never reads half of it.
 * - One cache per role (`cli`, `worker`): the command and a worker thread compile
 *   different parts of the same bundle, and a cache V8 accepts is never rewritten, so
 *   a shared one would keep whichever was written first.
 * - One per set of V8 flags: a short run changes them once the command's cache is read
 *   (short-run-tuning.ts), and V8 rejects a cache stamped with other flags. A bundle
 *   loaded after that (the cold section, for a note remark must parse) reads and writes
 *   a cache of that flag set's own (`setFlagVariant`), so neither kind of run makes
 *   the other's cache useless.
 *
 * Turned off by NODE_DISABLE_COMPILE_CACHE=1 (Node's own switch) or
 * VISITNOTES_COMPILE_CACHE=0; VISITNOTES_COMPILE_CACHE=<folder> puts it elsewhere.
 */
import { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
// Named imports: a default import makes the bundle copy each module's exports into getters,
// and cli-run.cjs, compiled in every run, would compile those helpers too.
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { Script } from 'node:vm';
import { MAIN_HEAD, MAIN_TAIL } from './cold-section-marks.ts';
import { readCache, readRange, releaseScratch, scratchOf, spanOf, type FileRange } from './bundle-reads.ts';

export interface CompileCacheOptions {
  /** Names the bundle's contents (a hash the build computes); part of the cache file's name. */
  key: string;
  /** Who runs the bundle (`cli`, `worker`): each keeps its own cache of what it compiled. */
  role: string;
  /** The cache folder, or undefined for none (see compileCacheFolder). */
  folder: string | undefined;
  /**
   * `ascii`: the file is known to hold only ASCII (the build checks dist/cli.cjs),
   * so it is decoded as Latin-1, the same string without UTF-8 validation: about
   * a third less time for the CLI's 2.4 MB bundle. Default: UTF-8.
   */
  ascii?: boolean;
  /**
   * Only these bytes of the file are the script (ASCII files only): dist/cli.cjs carries,
   * after the CLI, a cold section that a plain run never reads (cold-section.ts).
   */
  range?: FileRange;
  /**
   * The script is already the function Node's require() wraps a CommonJS file in (the build
   * wrote dist/cli.cjs's CLI script so: cold-section-marks.ts): it is compiled as read, not
   * copied into a wrapper first.
   */
  wrapped?: boolean;
  /**
   * A require that resolves from the file's folder: the loader's own, when the file is its
   * sibling. Default: `createRequire(file)`, which loads node:module and, with it, Node's ES
   * module loader (0.6 ms of a one-note run; the builds take node:module on first use).
   */
  require?: NodeJS.Require;
}

/**
 * The name of the V8 flags a loader set in this process, if any: process-wide, like the
 * flags (the command's loader and the CLI bundle each hold a copy of this module).
 */
const FLAG_VARIANT = Symbol.for('visitnotes.v8FlagVariant');

/** Names the flags set from now on (undefined: Node's defaults again, for tests). */
export function setFlagVariant(name: string | undefined): void {
  (globalThis as Record<symbol, unknown>)[FLAG_VARIANT] = name;
}

function flagVariant(): string | undefined {
  return (globalThis as Record<symbol, unknown>)[FLAG_VARIANT] as string | undefined;
}

/** What happened to the cache in a run, for tests and `--debug`-style inspection. */
export type CacheOutcome = 'none' | 'accepted' | 'rejected' | 'missing';

/** The user's cache folder for compiled code, or undefined when the environment turns it off. */
export function compileCacheFolder(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | undefined {
  if (env.NODE_DISABLE_COMPILE_CACHE === '1' || env.VISITNOTES_COMPILE_CACHE === '0') return undefined;
  if (env.VISITNOTES_COMPILE_CACHE) return resolve(env.VISITNOTES_COMPILE_CACHE);
  const home = env.HOME ?? env.USERPROFILE;
  let base: string | undefined;
  if (platform === 'win32') base = env.LOCALAPPDATA ?? (home && join(home, 'AppData', 'Local'));
  else if (platform === 'darwin') base = home && join(home, 'Library', 'Caches');
  else base = env.XDG_CACHE_HOME || (home && join(home, '.cache'));
  return base ? join(base, 'visitnotes', 'compile-cache') : undefined;
}

/** True when the folder exists (or could be made) and only this user can write it. */
function privateFolder(folder: string): boolean {
  try {
    // Made only when missing: mkdirSync (and its mode parsing) compiled in every run cost more than the look.
    let st = lstatSync(folder, { throwIfNoEntry: false });
    if (!st) {
      mkdirSync(folder, { recursive: true, mode: 0o700 });
      st = lstatSync(folder);
    }
    if (!st.isDirectory()) return false;
    if (typeof process.getuid !== 'function') return true; // Windows: the profile folder is the user's
    return st.uid === process.getuid() && (st.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

/** The cache file's size, when it is one this user may use. */
function cacheSize(file: string): number | undefined {
  try {
    const st = lstatSync(file);
    if (!st.isFile() || (typeof process.getuid === 'function' && st.uid !== process.getuid())) return undefined;
    return st.size;
  } catch {
    return undefined;
  }
}

/**
 * Writes the cache of this bundle and removes this role's caches of other builds (same
 * Node), and those named before roles existed (`<key><suffix>`), never throwing.
 */
function writeCache(folder: string, name: string, role: string, suffix: string, data: Buffer): void {
  try {
    // Per process and thread (worker threads share the pid; node:worker_threads costs ~4 ms to load).
    const tmp = join(folder, `${name}.${process.pid}-${Math.random().toString(36).slice(2)}.tmp`);
    writeFileSync(tmp, data, { mode: 0o600 });
    renameSync(tmp, join(folder, name));
    for (const other of readdirSync(folder)) {
      if (other === name || !other.endsWith(suffix)) continue;
      const stem = other.slice(0, -suffix.length);
      if (stem.endsWith(`-${role}`) || !stem.includes('-')) rmSync(join(folder, other), { force: true });
    }
  } catch {
    // an unwritable cache only means compiling again next time
  }
}

/**
 * The bundle file's size and modification time: V8 checks a cache against the
 * source's length only, and the key is the build's, so a bundle edited in place
 * after the build (patch-package, a hand fix) to the same length would otherwise
 * run the old build's compiled functions beside its own new source.
 */
function fileStamp(file: string): string {
  try {
    const st = statSync(file);
    return `${st.size.toString(36)}.${Math.trunc(st.mtimeMs).toString(36)}`;
  } catch {
    return 'x';
  }
}

export interface LoadedBundle {
  /** What the file's code put in module.exports. */
  exports: unknown;
  /** What became of the cache. */
  outcome: CacheOutcome;
  /**
   * Writes the cache when there was none or V8 rejected it (else, or once written, does
   * nothing). Call it at exit (or after a worker's first task), so that the cache also
   * holds the functions compiled while the command ran.
   */
  saveCache(): void;
  /** Whether saveCache would write a cache now (stamped with V8's flags as they are then). */
  savesCache(): boolean;
}

/**
 * Loads and runs the CommonJS file as Node's require() would (same wrapper,
 * `require` resolving from the file), with the code cache when there is one.
 */
export function loadWithCompileCache(file: string, options: CompileCacheOptions): LoadedBundle {
  // One cache per build and per Node: V8 would reject another Node's anyway.
  const suffix = `-${process.version}-${process.arch}.v8cache`;
  const variant = flagVariant();
  const role = variant ? `${options.role}+${variant}` : options.role;
  const name = `${options.key}-${fileStamp(file)}-${role}${suffix}`;
  const folder = options.folder && privateFolder(options.folder) ? options.folder : undefined;
  const size = folder ? cacheSize(join(folder, name)) : undefined;
  // The scratch buffer, large enough for both reads.
  if (options.range) {
    const { from, to } = spanOf(options.range);
    scratchOf(Math.max(size ?? 0, to - from));
  }
  const source = options.range ? readRange(file, options.range) : readFileSync(file, options.ascii ? 'latin1' : 'utf8');
  const cachedData = folder && size !== undefined ? readCache(join(folder, name), size) : undefined;
  const script = new Script(options.wrapped ? source : MAIN_HEAD + source + MAIN_TAIL, {
    filename: file,
    // No importModuleDynamically: on Node 20 it is experimental (a warning on stderr) and is
    // lost when V8 accepts cached data, so the build refuses a dist/cli.cjs with any import().
    ...(cachedData ? { cachedData } : {}),
  });
  releaseScratch();
  const outcome: CacheOutcome = !folder ? 'none' : !cachedData ? 'missing' : script.cachedDataRejected ? 'rejected' : 'accepted';
  const wrapper = script.runInThisContext() as (exports: object, require: NodeJS.Require, module: object, filename: string, dirname: string) => void;
  const module = { exports: {}, filename: file, loaded: false };
  wrapper.call(module.exports, module.exports, options.require ?? createRequire(file), module, file, dirname(file));
  module.loaded = true;
  let pending = folder !== undefined && outcome !== 'accepted';
  const save = () => {
    if (!pending || !folder) return;
    pending = false;
    writeCache(folder, name, role, suffix, script.createCachedData());
  };
  return { exports: module.exports, outcome, saveCache: save, savesCache: () => pending };
}
