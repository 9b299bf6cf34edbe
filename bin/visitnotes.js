#!/usr/bin/env node
// `node bin/visitnotes.js`, as the repository's scripts, tests and docs run the CLI. The
// installed command is dist/cli-run.cjs itself (package.json "bin"): CommonJS throughout,
// as an ES module entry starts Node's ES module loader, ~20 ms of a one-note run.
import { existsSync } from 'node:fs';

const command = new URL('../dist/cli-run.cjs', import.meta.url);
if (!existsSync(command)) {
  process.stderr.write('visitnotes: the CLI is not built yet (dist/cli-run.cjs is missing); run `npm run build` first.\n');
  process.exitCode = 2;
} else {
  await import(command.href);
}
