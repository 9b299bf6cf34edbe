/**
 * In dist/cli.js, `visitnotes lsp` takes the language server from dist/visitnotes.js
 * (scripts/build.mjs swaps lsp/server.ts for this module there): the CLI bundle stays
 * free of vscode-languageserver, which a lint run never needs.
 */
export function startServer(): void {
  void import('./core.ts').then(async (core) => (await core.loadLanguageServerModule()).startServer());
}
