/**
 * lsp/server.ts as `visitnotes lsp` sees it in dist/cli.cjs (scripts/build.mjs swaps it
 * in): the language server and its packages (vscode-languageserver and the protocol,
 * about a quarter of the CLI's bundle) are not in that bundle, which every `lint` reads
 * and deserialises; the command starts the server from dist/visitnotes.js instead, as
 * `visitnotes-language-server` does. `import.meta.url` is that file's URL in dist/cli.cjs.
 */
import { importModule } from './esm-host.ts';

export function startServer(): void {
  // The transport is on process.argv already (commands/lsp.ts); a failure reaches entry.ts's handler.
  void importModule(import.meta.url).then((core) => (core as typeof import('./core.ts')).runLanguageServer());
}
