// Writes the config schema artifacts built from the rule modules by
// server/src/engine/config/schema.ts:
//   schemas/visitnotes.schema.json                            (committed; editors: $schema, jsonValidation)
//   server/src/engine/config/schema-validator.generated.d.ts  (committed; its types)
//   server/src/engine/config/schema-validator.generated.js    (not committed: every build writes it,
//                                                               scripts/generate-validator.mjs)
// test/engine/config-schema.test.ts fails when they are stale (e.g. a rule gained an option).
// Run: node scripts/gen-schema.mjs          write them
//      node scripts/gen-schema.mjs --check  exit 1 when stale
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { tsImport } from 'tsx/esm/api';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const { generatedFiles } = await tsImport('../server/src/engine/config/schema-gen.ts', import.meta.url);
const check = process.argv.includes('--check');
let stale = 0;
for (const [rel, text] of Object.entries(generatedFiles())) {
  const file = path.join(root, rel);
  if (check) {
    let current = '';
    try {
      current = readFileSync(file, 'utf8');
    } catch {
      // not generated yet: reported as out of date below
    }
    if (current !== text) {
      console.error(`${rel} is out of date: run node scripts/gen-schema.mjs`);
      stale++;
    }
  } else {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    console.log(`wrote ${rel}`);
  }
}
process.exit(stale ? 1 : 0);
