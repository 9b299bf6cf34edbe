/**
 * The engine's public surface. It knows nothing of LSP, VS Code or terminals:
 * the CLI, the language server and the preview are thin adapters over this.
 */
export { parseNote, GOAL_TOKEN } from './parse.ts';
export { lintText, lintNote, parseWithConfig, frontMatterValue, type LintOptions, type LintResult } from './run-rules.ts';
export { applyFixes, fixAll, type AppliedFixes, type FixAllResult } from './fixes.ts';
export { RULES, RULES_BY_ID } from './rules/index.ts';
export { ruleDocsUrl } from './rules/util.ts';
export type { Finding, Fix, TextEdit, Rule, Severity, SeveritySetting, RelatedLocation } from './rules/types.ts';
export { LineIndex, type Range, type LspPosition, type LineColumn } from './model/text.ts';
export * from './model/note.ts';
export { RECOMMENDED, templateFor, sectionResolver, resolvePreset, mergeConfig } from './config/resolve.ts';
export { BUILTIN_TEMPLATES, PRESETS } from './config/presets.ts';
export type * from './config/types.ts';
export { buildVocabulary, TermList, tokenize, type Vocabulary } from './vocabulary/index.ts';
export { loadConfigFor, loadConfigFile, findConfigFile, ConfigError, CONFIG_FILE_NAMES, readFileOrUndefined, type LoadedConfig, type ReadFile } from './config/load.ts';
