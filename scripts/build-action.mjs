// Builds the GitHub Action's bundle, dist-action/index.js, which is committed: GitHub
// runs an action from a checkout of its repository at a tag, with no install or build
// step. Run this after changing anything under server/src and commit the result;
// test/action/bundle.test.ts fails while the committed bundle is stale.
//
// usage: node scripts/build-action.mjs [--check]   (--check: only report whether it is fresh)
import { build } from 'esbuild';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { actionBuildOptions, noticesFor } from './bundle-options.mjs';
import { generateValidatorFile } from './generate-validator.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/** The bundle and its notices as they should be committed: { 'dist-action/index.js': text, ... }. */
export async function actionBundle() {
  await generateValidatorFile(root);
  const result = await build({ ...actionBuildOptions(root), write: false });
  const [js] = result.outputFiles;
  return {
    'dist-action/index.js': js.text,
    'dist-action/THIRD-PARTY-NOTICES.txt': noticesFor(root, [result.metafile]),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const files = await actionBundle();
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const [rel, text] of Object.entries(files)) {
    const file = path.join(root, rel);
    let current;
    try {
      current = readFileSync(file, 'utf8');
    } catch {
      current = undefined;
    }
    if (current === text) continue;
    stale++;
    if (check) console.error(`${rel} is stale: run npm run build:action and commit it`);
    else {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, text);
      console.log(`wrote ${rel} (${(Buffer.byteLength(text) / 1024).toFixed(0)} KB)`);
    }
  }
  if (check && stale) process.exitCode = 1;
  else if (!stale) console.log('dist-action is up to date');
}
