// Bundles the CLI/language server and the VS Code extension with esbuild.
// Why bundle: one file per entry keeps cold start fast (pre-commit hooks run the
// CLI on every commit) and keeps node_modules out of the VSIX.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  absWorkingDir: root,
  legalComments: 'none',
};

await Promise.all([
  // CLI + language server: ESM with code splitting so `lint` never loads the LSP code.
  build({
    ...common,
    entryPoints: { cli: 'server/src/cli/entry.ts', server: 'server/src/lsp/entry.ts' },
    outdir: 'dist',
    format: 'esm',
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    outExtension: { '.js': '.js' },
    // Some CommonJS deps (vscode-languageserver) call require(); give ESM a require.
    banner: { js: "import { createRequire as __vnCreateRequire } from 'node:module'; const require = __vnCreateRequire(import.meta.url);" },
  }),
]);
if (watch) console.log('watch mode is not implemented; re-run npm run build');
