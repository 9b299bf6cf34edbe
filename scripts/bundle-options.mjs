// esbuild settings shared by scripts/build.mjs (the npm package, the VSIX), scripts/build-action.mjs
// (the GitHub Action's committed bundle) and the test that checks that bundle is fresh.
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Some CommonJS dependencies (vscode-languageserver, piscina) call require(): give the ESM bundle one. */
export const ESM_REQUIRE_BANNER = "import { createRequire as __vnCreateRequire } from 'node:module'; const require = __vnCreateRequire(import.meta.url);";

/** The bundle's own URL, for code that is bundled from CommonJS (where `import.meta` cannot appear). */
export const BUNDLE_URL_BANNER = 'const __vnBundleUrl = import.meta.url;';

/**
 * piscina starts its worker script by path, `path.resolve(__dirname, 'worker.js')` in its
 * own package folder. Bundled, there is neither that folder nor `__dirname` (the bundle is
 * ESM), so point it at our bundled copy of the script beside the bundle instead. The build
 * fails if piscina's code no longer looks as expected, rather than shipping a pool that
 * cannot start (the CLI would then lint in one thread). Needs BUNDLE_URL_BANNER in the banner
 * (or, given `bundleUrl`, what that names).
 */
export function bundledPiscina(workerPath, bundleUrl = '__vnBundleUrl') {
  const needle = "(0, node_path_1.resolve)(__dirname, 'worker.js')";
  return {
    name: 'bundled-piscina',
    setup(b) {
      b.onLoad({ filter: /[\\/]node_modules[\\/]piscina[\\/]dist[\\/]index\.js$/ }, (args) => {
        const code = readFileSync(args.path, 'utf8');
        if (!code.includes(needle)) throw new Error(`piscina changed: ${needle} not found in ${args.path}; update scripts/bundle-options.mjs`);
        // Not `import.meta` here: esbuild would take the file for ESM. The bundle's banner sets `bundleUrl`.
        const replacement = `require('node:url').fileURLToPath(new URL(${JSON.stringify(workerPath)}, ${bundleUrl}))`;
        return { contents: code.replace(needle, replacement), loader: 'js' };
      });
    },
  };
}

/**
 * Packages the engine takes through a provider load on first use in the bundles:
 * server/src/engine/remark-provider-lazy.ts replaces remark-provider.ts (remark, which
 * most notes never need: the fast parser reads them alone; its modules are a large
 * share of a cold start), and packages-provider-lazy.ts replaces packages-provider.ts
 * (yaml, picomatch, ignore; what needs each is said there), and the CLI's
 * formatters/colors-provider-lazy.ts replaces colors-provider.ts (picocolors, which
 * builds process.stdout as it loads), and vocabulary/data-provider-lazy.ts replaces
 * data-provider.ts (the vocabulary's data files, which a lint restored from the
 * build's compiled copy never reads).
 */
export const lazyProviders = {
  name: 'lazy-providers',
  setup(b) {
    b.onResolve({ filter: /[\\/](remark|packages|colors|data)-provider\.ts$/ }, (args) => ({
      path: path.resolve(args.resolveDir, args.path).replace(/-provider\.ts$/, '-provider-lazy.ts'),
    }));
  },
};

/**
 * Modules the CLI's bundle takes on first use rather than at start-up: each import of one
 * becomes a module of wrappers that require it when one of its functions is called (issue 12,
 * goal 4). Node built-ins stay outside the bundle: `node:fs/promises` loads eight other
 * modules (readline among them). Packages are bundled as usual, but evaluated only then:
 * fastest-levenshtein fills a 256 KiB table as it loads, for "did you mean" suggestions a
 * clean run never makes, and @noble/hashes builds SHA-1 for the browser, where Node's crypto
 * is missing. Only functions are wrapped (a default import gets getters for the rest); a named
 * import of anything else fails the build.
 */
export function lazyModules(root, ids) {
  return {
    name: 'lazy-modules',
    setup(b) {
      const filter = new RegExp(`^(${ids.map((id) => id.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$`);
      // The wrappers' own require() is of the real module: a built-in stays external, a package is bundled.
      b.onResolve({ filter }, (args) => {
        if (args.namespace !== 'lazy-module') return { path: args.path, namespace: 'lazy-module' };
        return args.path.startsWith('node:') ? { path: args.path, external: true } : undefined;
      });
      b.onLoad({ filter: /.*/, namespace: 'lazy-module' }, async (args) => {
        const real = await import(args.path.startsWith('node:') ? args.path : pathToFileURL(createRequire(path.join(root, 'package.json')).resolve(args.path)).href);
        const id = JSON.stringify(args.path);
        const names = Object.keys(real).filter((k) => /^[A-Za-z_$][\w$]*$/.test(k) && k !== 'default');
        const fns = names.filter((k) => typeof real[k] === 'function');
        const lines = [`let m;`, `const get = () => (m ??= require(${id}));`];
        for (const k of fns) lines.push(`export function ${k}(...a) { return get().${k}(...a); }`);
        const members = names.map((k) => (fns.includes(k) ? `${k}` : `get ${k}() { return get().${k}; }`));
        lines.push(`export default { ${members.join(', ')} };`);
        return { contents: lines.join('\n'), loader: 'js', resolveDir: root };
      });
    },
  };
}

/**
 * Node built-ins the CLI's bundle imports through one ES module each, instead of esbuild's
 * `__toESM(require(…))` in every importing module: that copies every export into a getter,
 * once per importer (thirty for `node:path`), 160 KB of allocation in a one-note run.
 */
export function esmFacades(ids) {
  const nodeRequire = createRequire(import.meta.url);
  return {
    name: 'esm-facades',
    setup(b) {
      const filter = new RegExp(`^(${ids.map((id) => id.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$`);
      b.onResolve({ filter }, (args) => (args.namespace === 'esm-facade' ? { path: args.path, external: true } : { path: args.path, namespace: 'esm-facade' }));
      b.onLoad({ filter: /.*/, namespace: 'esm-facade' }, (args) => {
        const names = Object.keys(nodeRequire(args.path)).filter((k) => /^[A-Za-z_$][\w$]*$/.test(k) && k !== 'default');
        const contents = `const m = require(${JSON.stringify(args.path)});\nexport default m;\nexport const { ${names.join(', ')} } = m;\n`;
        return { contents, loader: 'js' };
      });
    },
  };
}

/** The GitHub Action: one committed, minified ESM file that GitHub runs with its own Node 20. */
export function actionBuildOptions(root) {
  return {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    minify: true,
    legalComments: 'none',
    absWorkingDir: root,
    entryPoints: ['server/src/action/main.ts'],
    outfile: 'dist-action/index.js',
    banner: { js: ESM_REQUIRE_BANNER },
    // The Action lints in one thread; the worker pool is never started, so leave piscina out.
    external: ['piscina'],
    plugins: [lazyProviders],
    metafile: true,
    logLevel: 'warning',
  };
}

/** The package folder (`node_modules/x` or `node_modules/@s/x`, innermost) an esbuild input belongs to. */
function packageDirOf(input) {
  const parts = input.split(/[\\/]/);
  const i = parts.lastIndexOf('node_modules');
  if (i < 0 || i + 1 >= parts.length) return undefined;
  const n = parts[i + 1].startsWith('@') ? 2 : 1;
  return parts.slice(0, i + 1 + n).join('/');
}

/**
 * THIRD-PARTY-NOTICES.txt for bundles: the name, version, licence and licence text of
 * every package whose code went into them (their licences ask that copies carry the
 * notice). Deterministic: sorted, no dates.
 */
export function noticesFor(root, metafiles) {
  const dirs = new Set();
  for (const meta of metafiles) {
    for (const output of Object.values(meta.outputs)) {
      for (const input of Object.keys(output.inputs)) {
        const dir = packageDirOf(input);
        if (dir) dirs.add(dir);
      }
    }
  }
  // Package → licence text; packages with the same text (one author's many packages) share one copy.
  const byText = new Map();
  for (const dir of dirs) {
    const abs = path.join(root, dir);
    const pkg = JSON.parse(readFileSync(path.join(abs, 'package.json'), 'utf8'));
    const licenseFile = readdirSync(abs).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
    const text = licenseFile ? readFileSync(path.join(abs, licenseFile), 'utf8').trim() : `(no licence file in the package; its package.json says ${pkg.license})`;
    const names = byText.get(text) ?? new Set();
    names.add(`${pkg.name} ${pkg.version} (${pkg.license ?? 'see below'})`);
    byText.set(text, names);
  }
  const sections = [...byText].map(([text, names]) => `${[...names].sort().join('\n')}\n\n${text}\n`).sort();
  return `Visit Notes bundles the following packages. Their licences and notices follow.\n\n${sections.map((t) => `${'-'.repeat(78)}\n${t}`).join('\n')}`;
}

// ---------------------------------------------------------------------------
// The browser builds (vscode.dev, github.dev): the extension for the web worker
// extension host and the language server for a web worker of its own.

const NODE_BUILTINS = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
const PLACEHOLDER = 'node-builtin';

/**
 * The three Node modules the browser bundles may use, each through a browser
 * implementation: `path` (path-browserify, Node's POSIX path functions; the
 * visit summary groups notes by folder), `crypto` (server/src/bundle/web-crypto.ts:
 * the SHA-256 of a standalone page's CSP) and `url` (server/src/bundle/web-url.ts:
 * `file:` URIs to paths and back). Every other built-in fails the build.
 */
export const BROWSER_SUBSTITUTES = { path: 'path-browserify', crypto: './server/src/bundle/web-crypto.ts', url: './server/src/bundle/web-url.ts' };

/**
 * Browser bundles must not reach Node. Modules shared with the CLI may still import a
 * Node built-in for a function the browser entries never call (config discovery reads
 * files with `fs`); esbuild drops such an import when nothing of it is used. So every
 * built-in resolves to a side-effect-free placeholder (or, for `path` and `crypto`, to its
 * substitute), and `nodeBuiltinsIn` finds any placeholder that is still in the output:
 * browser code that calls Node fails the build.
 */
export function nodeBuiltinPlaceholders({ substitutes = BROWSER_SUBSTITUTES } = {}) {
  return {
    name: 'node-builtin-placeholders',
    setup(b) {
      b.onResolve({ filter: /^(node:)?[a-z_/]+$/ }, async (args) => {
        if (!NODE_BUILTINS.has(args.path)) return undefined;
        const name = args.path.replace(/^node:/, '');
        const substitute = substitutes[name];
        if (substitute) {
          const resolveDir = b.initialOptions.absWorkingDir ?? process.cwd();
          const found = await b.resolve(substitute, { kind: args.kind, resolveDir });
          return found.errors.length ? { errors: found.errors } : { path: found.path, sideEffects: false };
        }
        return { path: name, namespace: PLACEHOLDER, sideEffects: false };
      });
      b.onLoad({ filter: /.*/, namespace: PLACEHOLDER }, (args) => ({
        contents: `module.exports = {}; throw new Error('node:${args.path} is not available in the browser');`,
        loader: 'js',
      }));
    },
  };
}

/**
 * The Node built-ins that reached a browser bundle, each with the modules that import
 * it (empty when none did).
 */
export function nodeBuiltinsIn(metafile) {
  const found = [];
  for (const [output, { inputs }] of Object.entries(metafile.outputs)) {
    for (const input of Object.keys(inputs)) {
      if (!input.startsWith(`${PLACEHOLDER}:`)) continue;
      const importers = Object.entries(metafile.inputs)
        .filter(([, i]) => i.imports.some((im) => im.path === input))
        .map(([file]) => file);
      found.push({ output, module: `node:${input.slice(PLACEHOLDER.length + 1)}`, importers });
    }
  }
  return found;
}

/** Throws when a browser bundle contains a Node built-in, naming who imports it. */
export function assertNoNodeBuiltins(metafile) {
  const found = nodeBuiltinsIn(metafile);
  if (found.length) {
    const lines = found.map((f) => `  ${f.output}: ${f.module}, imported by ${f.importers.join(', ') || '?'}`);
    throw new Error(`Node built-ins reached a browser bundle:\n${lines.join('\n')}\nKeep them out of the browser entries' imports.`);
  }
}

/** What both browser bundles share: they run in workers, with no Node and no DOM. */
function browserCommon(root, release) {
  return {
    absWorkingDir: root,
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    ...(release ? { minify: true } : {}),
    legalComments: 'none',
    logLevel: 'warning',
    metafile: true,
    // Both run in workers, where there is no DOM: packages with a `worker` export (say,
    // decode-named-character-reference, whose `browser` one decodes through `document`) get that one.
    conditions: ['worker'],
    // remark is evaluated on first use (lazyProviders, as in the Node bundles): the worker's
    // start-up is most of the time from activation to the first diagnostics.
    plugins: [nodeBuiltinPlaceholders(), lazyProviders],
  };
}

/**
 * The language server for a web worker (server/src/bundle/web-server.ts): a classic
 * worker script. It is not a file of its own in the VSIX: the extension's bundle
 * carries its text (see `embeddedWebServer`).
 */
export function webServerOptions(root, { release = false } = {}) {
  return {
    ...browserCommon(root, release),
    entryPoints: { server: 'server/src/bundle/web-server.ts' },
    outdir: 'dist/web',
    format: 'iife',
    // The version the server reports, without bundling all of package.json.
    define: { VISITNOTES_VERSION: JSON.stringify(JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version) },
  };
}

/**
 * `import source from 'visitnotes:web-server'` in the browser extension: the worker
 * script's text, built here (same Node check). The extension starts its worker from
 * that text, so starting the server costs no request: the script arrives with the
 * extension's own bundle, which the workbench fetches anyway (a separate fetch took
 * 0.4–1.4 s in code-server, queued behind the workbench's own requests).
 */
function embeddedWebServer(root, release) {
  return {
    name: 'embedded-web-server',
    setup(b) {
      b.onResolve({ filter: /^visitnotes:web-server$/ }, () => ({ path: 'web-server', namespace: 'visitnotes' }));
      b.onLoad({ filter: /.*/, namespace: 'visitnotes' }, async () => {
        const r = await b.esbuild.build({ ...webServerOptions(root, { release }), write: false, sourcemap: false });
        assertNoNodeBuiltins(r.metafile);
        return { contents: r.outputFiles[0].text, loader: 'text', watchFiles: Object.keys(r.metafile.inputs).map((f) => path.join(root, f)) };
      });
    },
  };
}

/**
 * esbuild options of the browser bundle, dist/web/extension.js (CommonJS, as the web
 * worker extension host loads it), with the language server's worker script inside.
 * An array, like the other bundles' lists.
 *
 * Why `extension.js` and not `.cjs`: the web worker extension host (VS Code 1.100) appends
 * `.js` to the `browser` path unless it ends so, and decides CommonJS or ES module from
 * `main` (`.cjs` here) and `type`; it refuses ES modules. So `.js` it is, CommonJS inside.
 */
export function browserBuildOptions(root, { release = false } = {}) {
  const common = browserCommon(root, release);
  return [
    {
      ...common,
      entryPoints: { extension: 'client/src/web/extension.ts' },
      outdir: 'dist/web',
      sourcemap: release ? false : 'linked',
      format: 'cjs',
      external: ['vscode'],
      plugins: [...common.plugins, embeddedWebServer(root, release)],
    },
  ];
}
