// The config validator, server/src/engine/config/schema-validator.generated.js, is
// generated (ajv's standalone code for the rules' schema), not committed: every
// build writes it first (scripts/build.mjs, scripts/build-action.mjs), and `npm ci`
// builds (package.json `prepare`). The engine loads it on the first config it
// checks, so neither ajv nor a schema compile is part of a cold start.
//
// Generating costs over a second (the engine's rules through tsx, then ajv), and
// `npm test` asks twice (the build, then vitest's global setup), so this is the
// one place that decides whether to: only when the validator is missing, was
// changed, or the inputs it is made from changed. The inputs' hash (every engine
// source, ajv's version, this script) and the output's sit beside it in
// schema-validator.generated.inputs (not committed either).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const VALIDATOR = 'server/src/engine/config/schema-validator.generated.js';
const STAMP = 'server/src/engine/config/schema-validator.generated.inputs';

const sha256 = (data) => createHash('sha256').update(data).digest('hex');

function readOrUndefined(file) {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** What the validator is made from: every engine source (the rules' option schemas live beside their rules), ajv's version, this script. */
function inputsHash(root) {
  const hash = createHash('sha256');
  const engine = path.join(root, 'server/src/engine');
  const files = readdirSync(engine, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith('.ts'))
    .map((d) => path.join(d.parentPath ?? d.path, d.name))
    .sort();
  for (const file of files) hash.update(`\0${path.relative(root, file)}\0`).update(readFileSync(file));
  hash.update(`\0ajv\0`).update(readOrUndefined(path.join(root, 'node_modules/ajv/package.json')) ?? 'missing');
  hash.update(`\0script\0`).update(readFileSync(fileURLToPath(import.meta.url)));
  return hash.digest('hex');
}

/** Writes the validator when it is missing, changed or stale (so an unchanged build touches no source file, and costs a few ms). */
export async function generateValidatorFile(root) {
  const file = path.join(root, VALIDATOR);
  const stampFile = path.join(root, STAMP);
  const inputs = inputsHash(root);
  const current = readOrUndefined(file);
  const stamp = `${inputs}\n${current === undefined ? 'missing' : sha256(current)}\n`;
  if (current !== undefined && readOrUndefined(stampFile)?.toString('utf8') === stamp) return;

  const { generateValidator, VALIDATOR_FILE } = await tsImport('../server/src/engine/config/schema-gen.ts', import.meta.url);
  if (VALIDATOR_FILE !== VALIDATOR) throw new Error(`generate-validator.mjs: the validator moved to ${VALIDATOR_FILE}`);
  const text = generateValidator();
  // Tests may build while others import the validator: replace each file in one step.
  const replace = (target, data) => {
    const temp = `${target}.${process.pid}.tmp`;
    writeFileSync(temp, data);
    renameSync(temp, target);
  };
  if (current?.toString('utf8') !== text) replace(file, text);
  replace(stampFile, `${inputs}\n${sha256(text)}\n`);
}
