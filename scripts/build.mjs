// Bundles the CLI, the language server, the package API and the VS Code extension with esbuild.
// Why bundle: one file per face keeps cold start fast (pre-commit hooks run the CLI on
// every commit), and keeps node_modules out of the npm package and the VSIX: the installed
// package has no runtime dependencies.
//
//   dist/visitnotes.js       CLI + language server + lint worker + API, one ESM bundle (no code
//                            splitting: the package stays a handful of files; see server/src/bundle/core.ts)
//   dist/server.js, api.js   tiny entry modules importing it (worker threads load visitnotes.js itself)
//   dist/cli.cjs             the CLI (+ engine) as one CommonJS bundle, so that Node 20 can run it with
//                            V8's code cache (server/src/bundle/compile-cache.ts): the engine travels twice
//                            in the package, for a one-note run about 100 ms of CPU faster (docs/performance.md)
//   dist/cli-run.cjs         the `visitnotes` command (package.json's bin): runs dist/cli.cjs with the code cache
//   dist/cli.js              an ES module that imports dist/cli-run.cjs (`node dist/cli.js`; not in the npm package)
//   dist/piscina-worker.cjs  the worker threads' script (piscina starts it by path in each thread):
//                            piscina's worker and the tasks, which run dist/cli.cjs with its code cache
//   dist/extension.cjs       the VS Code extension (CommonJS, `vscode` provided by the host)
//   dist/web/extension.js    the extension's browser entry (vscode.dev, github.dev: the web worker extension host),
//                            with the language server for its web worker inside (same engine and providers, no Node)
//   dist/THIRD-PARTY-NOTICES.txt  the licences of the bundled packages
//
// usage: node scripts/build.mjs [--release]   (--release: minified, no source maps; npm pack runs it)
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  BUNDLE_URL_BANNER,
  ESM_REQUIRE_BANNER,
  assertNoNodeBuiltins,
  browserBuildOptions,
  bundledPiscina,
  esmFacades,
  lazyModules,
  lazyProviders,
  webServerOptions,
  noticesFor,
} from './bundle-options.mjs';
import { generateValidatorFile } from './generate-validator.mjs';
import { COLD_DEFINES, assemble, coldModulesIn, coldSectionOptions, coldSectionPlugin } from './cli-cold-section.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const release = process.argv.includes('--release');
// Packages resolve from here (or a folder above: the tests build a copy of the repository).
const require = createRequire(import.meta.url);
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: release ? false : 'linked',
  // Minified but with readable names, so a `--debug` stack trace still says where.
  ...(release ? { minifyWhitespace: true, minifySyntax: true } : {}),
  logLevel: 'warning',
  absWorkingDir: root,
  legalComments: 'none',
  metafile: true,
};

// Earlier layouts (code-split chunks) and source maps of earlier builds must not
// linger; the build writes fresh ones. Only those: tests may be running the CLI from dist/ while
// another one rebuilds it.
rmSync(path.join(root, 'dist', 'chunks'), { recursive: true, force: true });
rmSync(path.join(root, 'dist', 'lint-worker.js'), { force: true }); // before 0.2: worker threads now load visitnotes.js
for (const dir of ['dist', 'dist/web']) {
  if (!existsSync(path.join(root, dir))) continue;
  for (const name of readdirSync(path.join(root, dir))) if (name.endsWith('.map')) rmSync(path.join(root, dir, name));
}

// The engine imports the generated config validator: write it before bundling.
await generateValidatorFile(root);

/**
 * The built-in clinical vocabulary, compiled here once (its terms tokenized, folded, keyed and
 * sorted: `compileVocabulary()`), replaces vocabulary/precompiled.ts in the CLI and server
 * bundles, so a cold run restores the lists instead of building them (docs/performance.md, goal 4);
 * with it the engine's own named term lists (vocabulary/builtin-lists.ts), registered as the
 * engine's modules load, and its named key sets (builtinTermKeys): the whole engine is loaded
 * here, so that none is missed.
 */
async function precompiledVocabularyPlugin() {
  const out = await build({
    stdin: {
      contents: [
        "import './server/src/engine/index.ts';",
        "export { compileVocabulary } from './server/src/engine/vocabulary/index.ts';",
        "export { compileBuiltinTermKeys, compileBuiltinTermLists } from './server/src/engine/vocabulary/builtin-lists.ts';",
      ].join('\n'),
      resolveDir: root,
      loader: 'ts',
      sourcefile: 'precompile-vocabulary.ts',
    },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    absWorkingDir: root,
    logLevel: 'warning',
    banner: { js: ESM_REQUIRE_BANNER },
    plugins: [lazyProviders],
  });
  // A file, not a data: URL: the engine's CommonJS packages need a require() from a real place.
  const scratchDir = mkdtempSync(path.join(os.tmpdir(), 'visitnotes-precompile-'));
  try {
    const file = path.join(scratchDir, 'precompile.mjs');
    writeFileSync(file, out.outputFiles[0].text);
    const engine = await import(pathToFileURL(file).href);
    const vocabulary = JSON.stringify(engine.compileVocabulary());
    const lists = JSON.stringify(engine.compileBuiltinTermLists());
    const keys = JSON.stringify(engine.compileBuiltinTermKeys());
    return {
      name: 'precompiled-vocabulary',
      setup(b) {
        b.onLoad({ filter: /[\\/]engine[\\/]vocabulary[\\/]precompiled\.ts$/ }, () => ({
          contents: `export const PRECOMPILED_VOCABULARY = ${vocabulary};\nexport const PRECOMPILED_TERM_LISTS = ${lists};\nexport const PRECOMPILED_TERM_KEYS = ${keys};`,
          loader: 'ts',
        }));
      },
    };
  } finally {
    rmSync(scratchDir, { recursive: true, force: true });
  }
}
const precompiledVocabulary = await precompiledVocabularyPlugin();

/** piscina's own worker script (not in its package's exports), for bundle/piscina-worker.ts. */
const piscinaWorkerScript = {
  name: 'piscina-worker-script',
  setup(b) {
    b.onResolve({ filter: /^piscina-worker-script$/ }, () => ({ path: path.join(path.dirname(require.resolve('piscina')), 'worker.js') }));
  },
};

/** One metafile for two builds' outputs (the notices list every package either bundled). */
function mergeMetafiles(a, b) {
  return { inputs: { ...a.inputs, ...b.inputs }, outputs: { ...a.outputs, ...b.outputs } };
}

/** The small entry modules import './core.ts': leave that import to the shared bundle, dist/visitnotes.js. */
const coreAsSibling = {
  name: 'core-as-sibling',
  setup(b) {
    b.onResolve({ filter: /^\.\/core\.ts$/ }, (args) =>
      args.importer.endsWith(path.join('server', 'src', 'bundle', 'core.ts')) ? undefined : { path: './visitnotes.js', external: true },
    );
  },
};

/**
 * The extension takes the engine, the preview renderer and the export from dist/visitnotes.js
 * (which the VSIX ships for the language server) instead of bundling a second copy: its loader
 * module is swapped for the one that import()s that bundle at run time.
 */
const engineFromServerBundle = {
  name: 'engine-from-server-bundle',
  setup(b) {
    b.onResolve({ filter: /[\\/]engine-loader\.ts$/ }, (args) => ({ path: path.join(args.resolveDir, args.path.replace(/engine-loader\.ts$/, 'engine-loader-bundled.ts')) }));
  },
};

/**
 * esbuild escapes non-ASCII in strings but leaves it in regular expressions, String.raw
 * templates and comments; one such character makes Node decode the whole CLI bundle the slow
 * way and V8 hold it as a two-byte string (about 10 ms a run). `\uXXXX` means the same character
 * in all three places the bundle has them (a regex literal, a String.raw pattern that becomes a
 * RegExp, a comment); a raw line separator in a comment would end it, so the build refuses one.
 */
function asciiOnly(code) {
  if (/[\u2028\u2029]/.test(code)) throw new Error('dist/cli.cjs: a raw U+2028/U+2029 in the bundle; escape it in the source');
  return code.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * dist/cli.cjs runs as a vm.Script (compile-cache.ts), where Node 20 has no import() once V8
 * accepts cached data; esbuild turns import() of bundled code into require(), so only an
 * external module (a Node built-in) could be left: the build refuses it (import it statically).
 */
function noDynamicImport(code) {
  const found = /[^\w$.]import\((["'`][^"'`]*["'`])\)/.exec(code);
  if (found) throw new Error(`dist/cli.cjs: import(${found[1]}) cannot run from the code cache; import it statically`);
  return code;
}

/**
 * `visitnotes lsp` in dist/cli.cjs starts the server from dist/visitnotes.js
 * (server/src/bundle/lsp-from-esm.ts), so the CLI's bundle, which every run reads,
 * leaves out the language server and its packages.
 */
const lspFromEsm = {
  name: 'lsp-from-esm',
  setup(b) {
    b.onResolve({ filter: /[\\/]lsp[\\/]server\.ts$/ }, (args) =>
      /[\\/]cli[\\/]commands[\\/]lsp\.ts$/.test(args.importer) ? { path: path.join(root, 'server/src/bundle/lsp-from-esm.ts') } : undefined,
    );
  },
};

/**
 * dist/cli.cjs's first lines: the URL its code takes for import.meta.url (see below), made
 * when first read (a plain lint never reads it, and making it loads Node's URL code).
 */
const CLI_BUNDLE_URL = '__vnBundle.url';
const CLI_BANNER =
  "var __vnBundle = { get url() { return Object.defineProperty(this, 'url', { value: require('node:url').pathToFileURL(require('node:path').join(__dirname, 'visitnotes.js')).href }).url; } };";

const results = await Promise.all([
  build({
    ...common,
    entryPoints: { visitnotes: 'server/src/bundle/core.ts' },
    outdir: 'dist',
    format: 'esm',
    // Some CommonJS deps (vscode-languageserver) call require(); give ESM a require.
    banner: { js: `${ESM_REQUIRE_BANNER} ${BUNDLE_URL_BANNER}` },
    plugins: [bundledPiscina('./piscina-worker.cjs'), lazyProviders, precompiledVocabulary],
  }),
  build({
    ...common,
    sourcemap: false,
    entryPoints: {
      server: 'server/src/bundle/server.ts',
      api: 'server/src/bundle/api.ts',
    },
    outdir: 'dist',
    format: 'esm',
    plugins: [coreAsSibling],
  }),
  // The CLI's CommonJS bundle and its cold section (scripts/cli-cold-section.mjs), then its
  // loader, which names the bundle's code cache by its contents.
  Promise.all([
    build({
      ...common,
      entryPoints: { cli: 'server/src/bundle/cli-main.ts' },
      outdir: 'dist',
      format: 'cjs',
      outExtension: { '.js': '.cjs' },
      write: false,
      // The code finds its siblings and the bundle its worker threads load (pool.ts,
      // version.ts, cache.ts) from import.meta.url: give it dist/visitnotes.js's URL, as
      // if it ran from that bundle, so the CLI behaves as in the one-bundle layout.
      define: { 'import.meta.url': CLI_BUNDLE_URL, ...COLD_DEFINES },
      banner: { js: CLI_BANNER },
      plugins: [bundledPiscina('./piscina-worker.cjs', CLI_BUNDLE_URL), lazyProviders, precompiledVocabulary, lspFromEsm, coldSectionPlugin(root), lazyModules(root, ['node:fs/promises', 'node:module', 'fastest-levenshtein', '@noble/hashes/legacy.js', '@noble/hashes/utils.js']), esmFacades(['node:path'])],
    }),
    build({
      ...common,
      ...coldSectionOptions(root),
      define: { 'import.meta.url': CLI_BUNDLE_URL },
      banner: { js: CLI_BANNER },
      plugins: [bundledPiscina('./piscina-worker.cjs', CLI_BUNDLE_URL)],
    }),
  ]).then(async ([result, coldResult]) => {
    const cold = coldModulesIn(result.metafile);
    if (cold.length) throw new Error(`dist/cli.cjs: ${cold.join(', ')} reached the CLI's script past the cold section (a static import?)`);
    const cli = path.join(root, 'dist', 'cli.cjs');
    for (const f of result.outputFiles) if (!f.path.endsWith('cli.cjs')) writeFileSync(f.path, f.contents); // the source map
    const main = result.outputFiles.find((f) => f.path.endsWith('cli.cjs')).text;
    const { text, mainEnd } = assemble(noDynamicImport(asciiOnly(main)), noDynamicImport(asciiOnly(coldResult.outputFiles[0].text)));
    writeFileSync(cli, text);
    const key = createHash('sha256').update(readFileSync(cli)).digest('hex').slice(0, 16);
    // The two scripts that load dist/cli.cjs: each is told its hash and where its CLI part ends.
    const loaderOf = (entryPoints, plugins = []) => ({
      ...common,
      sourcemap: false,
      entryPoints,
      outdir: 'dist',
      format: 'cjs',
      outExtension: { '.js': '.cjs' },
      define: { __VN_CLI_KEY__: JSON.stringify(key), __VN_CLI_END__: String(mainEnd) },
      // Each passes its own require to compile-cache.ts, so node:module is never loaded.
      plugins: [...plugins, lazyModules(root, ['node:module'])],
    });
    const [, worker] = await Promise.all([
      build({ ...loaderOf({ 'cli-run': 'server/src/bundle/cli.ts' }), metafile: false }).then(() => {
        chmodSync(path.join(root, 'dist', 'cli-run.cjs'), 0o755);
        writeFileSync(path.join(root, 'dist', 'cli.js'), "// `node dist/cli.js`: the command is dist/cli-run.cjs (scripts/build.mjs).\nimport './cli-run.cjs';\n");
      }),
      // The worker threads' script: piscina's worker and the tasks, which run dist/cli.cjs with its code cache.
      build({
        ...loaderOf({ 'piscina-worker': 'server/src/bundle/piscina-worker.ts' }, [piscinaWorkerScript]),
        // Optional native module piscina tries for `niceIncrement` (unused here); absent, it is skipped.
        external: ['@napi-rs/nice'],
      }),
    ]);
    return { metafile: mergeMetafiles(mergeMetafiles(result.metafile, coldResult.metafile), worker.metafile) };
  }),
  ...(existsSync(path.join(root, 'client/src/extension.ts'))
    ? [
        build({
          ...common,
          entryPoints: { extension: 'client/src/extension.ts' },
          outdir: 'dist',
          format: 'cjs',
          outExtension: { '.js': '.cjs' },
          external: ['vscode'],
          plugins: [engineFromServerBundle, lazyProviders],
        }),
        // The browser builds fail here if a Node built-in reaches them (see bundle-options.mjs).
        ...browserBuildOptions(root, { release }).map((options) =>
          build(options).then((result) => {
            assertNoNodeBuiltins(result.metafile);
            return result;
          }),
        ),
        // The worker's script is embedded in dist/web/extension.js as text, so that build's
        // metafile does not list its packages: built once more, unwritten, for the notices.
        build({ ...webServerOptions(root, { release }), write: false }),
      ]
    : []),
]);
writeFileSync(path.join(root, 'dist', 'THIRD-PARTY-NOTICES.txt'), noticesFor(root, results.map((r) => r.metafile)));
