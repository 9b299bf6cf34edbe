// Bundles the CLI/language server and the VS Code extension with esbuild.
// Why bundle: one file per entry keeps cold start fast (pre-commit hooks run the
// CLI on every commit) and keeps node_modules out of the VSIX.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { existsSync } from 'node:fs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const watch = process.argv.includes('--watch');

// remark loads on first use in the bundles (server/src/engine/remark-provider-lazy.ts):
// most notes never need it, and its modules are a large share of a cold start.
const lazyRemark = {
  name: 'lazy-remark',
  setup(b) {
    b.onResolve({ filter: /[\\/]remark-provider\.ts$/ }, (args) => ({
      path: path.join(path.dirname(path.resolve(args.resolveDir, args.path)), 'remark-provider-lazy.ts'),
    }));
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  absWorkingDir: root,
  legalComments: 'none',
  plugins: [lazyRemark],
};

// Entries that do not exist yet are skipped, so the build works while faces land one by one.
const only = (entries) => Object.fromEntries(Object.entries(entries).filter(([, f]) => existsSync(path.join(root, f))));

await Promise.all([
  // CLI + language server: ESM with code splitting so `lint` never loads the LSP code.
  build({
    ...common,
    entryPoints: only({ cli: 'server/src/cli/entry.ts', server: 'server/src/lsp/entry.ts', 'lint-worker': 'server/src/cli/lint/worker.ts' }),
    // piscina starts its own worker script from its package folder: load it from node_modules.
    external: ['piscina'],
    outdir: 'dist',
    format: 'esm',
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    outExtension: { '.js': '.js' },
    // Some CommonJS deps (vscode-languageserver) call require(); give ESM a require.
    banner: { js: "import { createRequire as __vnCreateRequire } from 'node:module'; const require = __vnCreateRequire(import.meta.url);" },
  }),
  // The VS Code extension: CommonJS, `vscode` provided by the host.
  ...(existsSync(path.join(root, 'client/src/extension.ts'))
    ? [
        build({
          ...common,
          entryPoints: { extension: 'client/src/extension.ts' },
          outdir: 'dist',
          format: 'cjs',
          outExtension: { '.js': '.cjs' },
          external: ['vscode'],
        }),
      ]
    : []),
]);
if (watch) console.log('watch mode is not implemented; re-run npm run build');
