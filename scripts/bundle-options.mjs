// esbuild settings shared by scripts/build.mjs (the npm package, the VSIX), scripts/build-action.mjs
// (the GitHub Action's committed bundle) and the test that checks that bundle is fresh.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Some CommonJS dependencies (vscode-languageserver, piscina) call require(): give the ESM bundle one. */
export const ESM_REQUIRE_BANNER = "import { createRequire as __vnCreateRequire } from 'node:module'; const require = __vnCreateRequire(import.meta.url);";

/** The bundle's own URL, for code that is bundled from CommonJS (where `import.meta` cannot appear). */
export const BUNDLE_URL_BANNER = 'const __vnBundleUrl = import.meta.url;';

/**
 * piscina starts its worker script by path, `path.resolve(__dirname, 'worker.js')` in its
 * own package folder. Bundled, there is neither that folder nor `__dirname` (the bundle is
 * ESM), so point it at our bundled copy of the script beside the bundle instead. The build
 * fails if piscina's code no longer looks as expected, rather than shipping a pool that
 * cannot start (the CLI would then lint in one thread). Needs BUNDLE_URL_BANNER in the banner.
 */
export function bundledPiscina(workerPath) {
  const needle = "(0, node_path_1.resolve)(__dirname, 'worker.js')";
  return {
    name: 'bundled-piscina',
    setup(b) {
      b.onLoad({ filter: /[\\/]node_modules[\\/]piscina[\\/]dist[\\/]index\.js$/ }, (args) => {
        const code = readFileSync(args.path, 'utf8');
        if (!code.includes(needle)) throw new Error(`piscina changed: ${needle} not found in ${args.path}; update scripts/bundle-options.mjs`);
        // Not `import.meta` here: esbuild would take the file for ESM. The bundle's banner sets __vnBundleUrl.
        const replacement = `require('node:url').fileURLToPath(new URL(${JSON.stringify(workerPath)}, __vnBundleUrl))`;
        return { contents: code.replace(needle, replacement), loader: 'js' };
      });
    },
  };
}

/**
 * remark loads on first use in the bundles (server/src/engine/remark-provider-lazy.ts
 * replaces remark-provider.ts): most notes never need it (the fast parser reads
 * them alone), and evaluating its modules is a large share of a cold start.
 */
export const lazyRemark = {
  name: 'lazy-remark',
  setup(b) {
    b.onResolve({ filter: /[\\/]remark-provider\.ts$/ }, (args) => ({
      path: path.join(path.dirname(path.resolve(args.resolveDir, args.path)), 'remark-provider-lazy.ts'),
    }));
  },
};

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
    plugins: [lazyRemark],
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
