// Bundles the in-host test suites (test/vscode/suite/*.ts) to CommonJS for the
// extension host: .vscode-test/out/suite/*.cjs. `vscode` comes from the host,
// mocha from the repository's node_modules.
//
// The in-browser suite (test/vscode/web-suite/) is bundled for the web worker
// extension host instead: one self-contained CommonJS file with mocha's browser
// build inside, no Node (the same check as the extension's browser bundles).
// It is written inside the repository, so VS Code runs it in the host of the
// extension under development. The harness names it `.../web-suite/index.cjs`
// (extensionTestsPath): that host loads a path ending `.cjs` as CommonJS in an
// extension of `type: module`, then fetches it with `.js` appended, so the file
// on disk is index.cjs.js.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { assertNoNodeBuiltins, browserBuildOptions, nodeBuiltinPlaceholders } from '../../scripts/bundle-options.mjs';

export const SUITE_ENTRIES = ['index', 'cold-start', 'features.test', 'commands.test', 'timeline.test', 'cold-start.test'];

export async function compileSuites(root) {
  const outdir = path.join(root, '.vscode-test', 'out', 'suite');
  await build({
    absWorkingDir: root,
    entryPoints: SUITE_ENTRIES.map((n) => `test/vscode/suite/${n}.ts`),
    outdir,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  await compileWebSuite(root);
  return outdir;
}

/**
 * mocha's browser build is a UMD script in a `type: module` package, so esbuild bundles it
 * as an ES module, without a CommonJS wrapper: its `module.exports = factory()` would then
 * replace the suite's own exports (the host would call mocha's `run` instead of ours). In
 * a scope where `module`, `exports` and `define` are undefined it takes its browser branch
 * and sets the global `mocha`, as in a page.
 */
function mochaAsGlobal() {
  return {
    name: 'mocha-as-global',
    setup(b) {
      b.onLoad({ filter: /[\\/]mocha[\\/]mocha\.js$/ }, async (args) => ({
        contents: `(function (module, exports, define) {\n${await readFile(args.path, 'utf8')}\n}).call(globalThis);`,
        loader: 'js',
      }));
    },
  };
}

export async function compileWebSuite(root) {
  const outdir = path.join(root, '.vscode-test', 'out', 'web-suite');
  const result = await build({
    absWorkingDir: root,
    entryPoints: { 'index.cjs': 'test/vscode/web-suite/index.ts' },
    outdir,
    bundle: true,
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    conditions: ['worker'],
    external: ['vscode'],
    metafile: true,
    plugins: [nodeBuiltinPlaceholders(), mochaAsGlobal()],
    logLevel: 'warning',
  });
  assertNoNodeBuiltins(result.metafile);
  return outdir;
}

/** dist/web/ again, on its own (the web phase runs the release build, as packaged). */
export async function buildBrowserBundles(root, { release = false } = {}) {
  for (const options of browserBuildOptions(root, { release })) assertNoNodeBuiltins((await build(options)).metafile);
}
