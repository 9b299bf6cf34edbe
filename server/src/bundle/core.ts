/**
 * The one bundle of the package, dist/visitnotes.js: the CLI, the language
 * server and the programmatic API. The small entry modules beside it (server.ts,
 * api.ts → dist/*.js) import it. (The `visitnotes` command and worker threads run
 * dist/cli.cjs instead, with V8's code cache: cli.ts, piscina-worker.ts.)
 *
 * One bundle instead of code-split chunks keeps the npm package at a handful
 * of files. Each face is behind a dynamic import, which esbuild turns into a
 * lazy initialiser inside the bundle: loading it parses the code but runs only
 * what the command needs.
 */
export { lintFiles, lintText, loadConfigFor } from '../api/index.ts';

/**
 * For the VS Code extension (dist/extension.cjs), which takes its engine from
 * this bundle instead of carrying a copy (client/src/engine-loader-bundled.ts).
 */
export const loadEngineModule = () => import('../engine/index.ts');
/** The one finding → diagnostic conversion, for the extension's early diagnostics. */
export const loadDiagnosticConversion = () => import('../lsp/to-diagnostic.ts');

/** Runs the `visitnotes` command line on process.argv (sets process.exitCode). */
export async function runCli(): Promise<void> {
  await import('../cli/entry.ts');
}

/** Starts the language server on process.argv's transport (stdio by default). */
export async function runLanguageServer(): Promise<void> {
  await import('../lsp/entry.ts');
}
