#!/usr/bin/env node
// The Visit Notes language server for any LSP editor: `visitnotes-language-server --stdio`.
// A tiny launcher over the bundled server (built by `npm run build`). It starts the server from
// dist/visitnotes.js, as dist/server.js does for VS Code: the npm package leaves dist/server.js
// out, to stay under 40 files with the CLI's own bundle (dist/cli.cjs, see scripts/build.mjs).
import { existsSync } from 'node:fs';
import module from 'node:module';
import { fileURLToPath } from 'node:url';

// Node 22.1+ keeps V8's compiled code of the bundle between runs (in the OS temp folder):
// a pre-commit hook starts the CLI on every commit. Node 20 has no such cache.
module.enableCompileCache?.();

const bundle = new URL('../dist/visitnotes.js', import.meta.url);
if (!existsSync(fileURLToPath(bundle))) {
  process.stderr.write('visitnotes-language-server: dist/visitnotes.js is missing; run `npm run build` first.\n');
  process.exit(2);
}
await (await import(bundle.href)).runLanguageServer();
