#!/usr/bin/env node
// The `visitnotes` command. All logic lives in the bundle (server/src/cli/entry.ts):
// this file only loads it, so it must stay tiny and dependency-free.
import { existsSync } from 'node:fs';
import module from 'node:module';

// Node 22.1+ keeps V8's compiled code of the bundle between runs (in the OS temp folder):
// a pre-commit hook starts the CLI on every commit. Node 20 has no such cache.
module.enableCompileCache?.();

const bundle = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write('visitnotes: the CLI is not built yet (dist/cli.js is missing); run `npm run build` first.\n');
  process.exitCode = 2;
} else {
  await import(bundle.href);
}
