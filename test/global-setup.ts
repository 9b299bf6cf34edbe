/**
 * Before any test file: the config validator, which is generated rather than
 * committed (scripts/generate-validator.mjs), exists and matches the rules'
 * schema — so `npx vitest run` works in a fresh worktree without a build first,
 * and a changed rule option is never checked by a stale validator.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// @ts-expect-error: a plain .mjs build script without types
import { generateValidatorFile } from '../scripts/generate-validator.mjs';

export default async function setup(): Promise<void> {
  await generateValidatorFile(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'));
}
