#!/usr/bin/env node
/**
 * dist/cli-run.cjs: the `visitnotes` command (package.json's "bin"; bin/visitnotes.js and
 * dist/cli.js, ES modules for `node <file>`, only import it). It runs the CLI's own CommonJS bundle, dist/cli.cjs
 * (built from cli-main.ts), through V8's code cache (compile-cache.ts): on Node 20 that
 * is the only way to skip compiling the bundle on every run, which is most of a one-note
 * run's cost. CommonJS itself, so that a run never starts Node's ES module loader
 * unless a command needs it (`lsp`, through the import() it lends runCli).
 */
import { join } from 'node:path';
import { COLD_SECTION_HEAD, MAIN_CALL } from './cold-section-marks.ts';
import { compileCacheFolder, loadWithCompileCache } from './compile-cache.ts';
import { tuneForShortRun } from './short-run-tuning.ts';

/** A hash of dist/cli.cjs's contents, set by scripts/build.mjs. */
declare const __VN_CLI_KEY__: string;
/** Where the CLI's script ends in dist/cli.cjs (its cold section follows: cold-section.ts), set by scripts/build.mjs. */
declare const __VN_CLI_END__: number;

// Lends the bundle this file's own require: a sibling resolves the same, and node:module stays unloaded.
const cli = loadWithCompileCache(join(__dirname, 'cli.cjs'), { key: __VN_CLI_KEY__, role: 'cli', folder: compileCacheFolder(), ascii: true, wrapped: true, require, range: { start: 0, end: __VN_CLI_END__, after: MAIN_CALL + COLD_SECTION_HEAD } });
// Only a run that linted writes the cache (cli/loader-hooks.ts): it is never rewritten
// while V8 accepts it, so it must cover what a lint compiles, not what `--version` did.
let linted = false;
// `on`, not `once`: 'exit' comes once, and `once` makes Node compile its wrapper functions in every run.
process.on('exit', () => {
  if (linted) cli.saveCache();
});
void (cli.exports as typeof import('./cli-main.ts')).runCli({
  importModule: (url) => import(url),
  onLinted: () => {
    linted = true;
  },
  onShortRun: () => tuneForShortRun(cli.savesCache()),
});
