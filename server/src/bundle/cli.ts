/**
 * dist/cli.js: the `visitnotes` command (bin/visitnotes.js loads it). It runs the
 * CLI's own CommonJS bundle, dist/cli.cjs (built from cli-main.ts), through V8's
 * code cache (compile-cache.ts): on Node 20 that is the only way to skip
 * compiling the bundle on every run, which is most of a one-note run's cost.
 */
import { fileURLToPath } from 'node:url';
import { compileCacheFolder, loadWithCompileCache } from './compile-cache.ts';

/** A hash of dist/cli.cjs's contents, set by scripts/build.mjs. */
declare const __VN_CLI_KEY__: string;

const cli = loadWithCompileCache(fileURLToPath(new URL('./cli.cjs', import.meta.url)), { key: __VN_CLI_KEY__, role: 'cli', folder: compileCacheFolder(), ascii: true });
process.once('exit', cli.saveCache);
void (cli.exports as typeof import('./cli-main.ts')).runCli({ importModule: (url) => import(url) });
