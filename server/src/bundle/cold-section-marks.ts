/**
 * What scripts/cli-cold-section.mjs writes between dist/cli.cjs's CLI script and its cold
 * section (cold-section.ts), and after the latter; the loaders check them at the offsets
 * the build gave (the same strings are in that script: a test checks the built file).
 */
export const COLD_SECTION_HEAD = '\nfunction __vnColdSection(exports, require, module, __filename, __dirname) {\n';
export const COLD_SECTION_TAIL = '\n}\n';
