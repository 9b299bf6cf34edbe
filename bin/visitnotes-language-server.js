#!/usr/bin/env node
// The Visit Notes language server for any LSP editor: `visitnotes-language-server --stdio`.
// A tiny launcher over the bundled server (built by `npm run build`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../dist/server.js', import.meta.url);
if (!existsSync(fileURLToPath(bundle))) {
  process.stderr.write('visitnotes-language-server: dist/server.js is missing; run `npm run build` first.\n');
  process.exit(2);
}
await import(bundle.href);
