/**
 * dist/cli.cjs is two scripts in one file (scripts/cli-cold-section.mjs): the CLI, and
 * after it a cold section with the packages a plain `lint` of a note never runs (yaml,
 * picomatch and ignore for config files, remark for notes the fast parser hands over,
 * piscina for worker threads, tinyglobby for globs). A run reads and deserialises only
 * the first part (dist/cli-run.cjs and the worker script pass its byte range); the cold
 * section is read, with a code cache of its own (role `cold`), the first time one of
 * them is needed. One file rather than two: the npm package stays under 40 files.
 *
 * Loaded by plain `require` (no range), the file declares the cold section as a
 * function, `__vnColdSection`, which is then called instead.
 */
import path from 'node:path';
import { COLD_SECTION_HEAD, COLD_SECTION_TAIL } from './cold-section-marks.ts';
import { compileCacheFolder, loadWithCompileCache } from './compile-cache.ts';

type ColdModules = Record<string, () => unknown>;
type Wrapper = (exports: object, require: NodeJS.Require, module: { exports: object }, filename: string, dirname: string) => void;

/** Where the cold section's code starts and ends in dist/cli.cjs: padded numbers the build writes in. */
declare const __VN_COLD_START__: string;
declare const __VN_COLD_END__: string;
/** A hash of the cold section's code, for its cache file's name. */
declare const __VN_COLD_KEY__: string;
/** The cold section as a function, when the whole file was compiled (plain require). */
declare const __vnColdSection: Wrapper | undefined;
declare const require: NodeJS.Require;

let cold: ColdModules | undefined;

/** A module of the cold section, loaded (with the section) on first use. */
export function coldModule(name: string): unknown {
  cold ??= loadCold();
  const load = cold[name];
  if (!load) throw new Error(`dist/cli.cjs: no "${name}" in its cold section`);
  return load();
}

function loadCold(): ColdModules {
  if (typeof __vnColdSection === 'function') {
    const module = { exports: {} };
    __vnColdSection(module.exports, require, module, __filename, path.dirname(__filename));
    return module.exports as ColdModules;
  }
  const range = { start: Number(__VN_COLD_START__), end: Number(__VN_COLD_END__), before: COLD_SECTION_HEAD, after: COLD_SECTION_TAIL };
  const loaded = loadWithCompileCache(__filename, { key: __VN_COLD_KEY__, role: 'cold', folder: compileCacheFolder(), ascii: true, require, range });
  process.on('exit', loaded.saveCache); // 'exit' comes once (cli.ts says why not `once`)
  return loaded.exports as ColdModules;
}
