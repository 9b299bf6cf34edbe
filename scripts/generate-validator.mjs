// The config validator, server/src/engine/config/schema-validator.generated.js, is
// generated (ajv's standalone code for the rules' schema), not committed: every
// build writes it first (scripts/build.mjs, scripts/build-action.mjs), and `npm ci`
// builds (package.json `prepare`). The engine loads it on the first config it
// checks, so neither ajv nor a schema compile is part of a cold start.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tsImport } from 'tsx/esm/api';

/** Writes the validator when it is missing or differs (so an unchanged build touches no source file). */
export async function generateValidatorFile(root) {
  const { generateValidator, VALIDATOR_FILE } = await tsImport('../server/src/engine/config/schema-gen.ts', import.meta.url);
  const file = path.join(root, VALIDATOR_FILE);
  const text = generateValidator();
  let current;
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    current = undefined;
  }
  if (current === text) return;
  // Tests may build while others import the validator: replace the file in one step.
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, text);
  renameSync(temp, file);
}
