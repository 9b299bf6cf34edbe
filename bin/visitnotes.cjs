#!/usr/bin/env node
// The `visitnotes` command. All logic lives in the bundle (server/src/cli/entry.ts):
// this file only loads it, so it must stay tiny and dependency-free.
//
// CommonJS, as is everything a plain run loads (dist/cli-run.cjs, dist/cli.cjs): an ES
// module as the process's entry starts Node's ES module loader, about 20 ms of a
// one-note run's 200 (docs/performance.md, goal 4).
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS file: require() is how it loads */
const { existsSync } = require('node:fs');
const path = require('node:path');

// Node 22.1+ keeps V8's compiled code of the bundle between runs (in the OS temp folder):
// a pre-commit hook starts the CLI on every commit. Node 20 has no such cache.
require('node:module').enableCompileCache?.();

const loader = path.join(__dirname, '..', 'dist', 'cli-run.cjs');
if (!existsSync(loader)) {
  process.stderr.write('visitnotes: the CLI is not built yet (dist/cli-run.cjs is missing); run `npm run build` first.\n');
  process.exitCode = 2;
} else {
  require(loader);
}
