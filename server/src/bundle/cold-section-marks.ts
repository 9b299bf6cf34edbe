/**
 * The marks scripts/cli-cold-section.mjs writes into dist/cli.cjs, which the loaders check at the
 * offsets the build gave (the same strings are in that script: a test checks the built file):
 *
 *   MAIN_HEAD <the CLI's script> MAIN_TAIL MAIN_CALL COLD_SECTION_HEAD <cold section> COLD_SECTION_TAIL
 *
 * The CLI's script comes wrapped as Node's require() would wrap it (MAIN_HEAD … MAIN_TAIL is the
 * function `Module.wrap` makes), so a run compiles those bytes as they are read: wrapping them at
 * run time would copy the 0.8 MB string once more (issue 12, goal 4). MAIN_CALL runs the function
 * when the file is loaded by plain require.
 */
export const MAIN_HEAD = '(function (exports, require, module, __filename, __dirname) { ';
export const MAIN_TAIL = '\n})';
export const MAIN_CALL = '.call(this, exports, require, module, __filename, __dirname);';
export const COLD_SECTION_HEAD = '\nfunction __vnColdSection(exports, require, module, __filename, __dirname) {\n';
export const COLD_SECTION_TAIL = '\n}\n';
