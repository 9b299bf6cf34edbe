// Bundles the in-host test suites (test/vscode/suite/*.ts) to CommonJS for the
// extension host: .vscode-test/out/suite/*.cjs. `vscode` comes from the host,
// mocha from the repository's node_modules.
import path from 'node:path';
import { build } from 'esbuild';

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
  return outdir;
}
