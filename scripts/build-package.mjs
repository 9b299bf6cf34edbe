// The npm package's build: the bundles (minified, no source maps) and dist/api.d.ts.
// package.json runs it as `prepack` (npm pack, npm publish) and as `prepare` (npm install
// of a git dependency or a clone, as pre-commit does). npm pack runs both hooks; the
// `prepare` of a pack or publish is skipped, since `prepack` has just built everything.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const hook = process.env.npm_lifecycle_event;
if (hook === 'prepare' && ['pack', 'publish'].includes(process.env.npm_command ?? '')) {
  console.log(`build-package: already built by prepack for npm ${process.env.npm_command}`);
} else {
  for (const args of [['scripts/build.mjs', '--release'], ['scripts/build-types.mjs']]) {
    const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
}
