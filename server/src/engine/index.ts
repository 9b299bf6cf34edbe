/**
 * The engine's public surface. It knows nothing of LSP, VS Code or terminals:
 * the CLI, the language server and the preview are thin adapters over this.
 */
export { parseNote, unparsedNote, GOAL_TOKEN } from './parse.ts';
export { withoutKeptReadings } from './block-scan.ts';
export { consumed, reparseNote } from './incremental.ts';
export { useFastParser } from './markdown.ts';
export {
  noteLimitProblem,
  unparsedReason,
  containerDepth,
  isStackOverflow,
  TOO_LARGE,
  TOO_SLOW,
  TOO_DEEP,
  MAX_NOTE_BYTES,
  MAX_NESTING,
  INLINE_MARKUP_LIMIT,
  REGION_LIMIT,
} from './limits.ts';
export { lintText, lintNote, parseWithConfig, parseOptionsFor, frontMatterValue, type LintOptions, type LintResult } from './run-rules.ts';
export { MASK, maskIdentifiersIn, displayPatient, identifierMask, findIdentifiers, type IdentifierOptions } from './identifiers.ts';
export * from './workspace/index.ts';
export { commonPrefix, commonSuffix, mapOffset, minimalEdit, type SpanEdit } from './text-diff.ts';
export { applyFixes, fixAll, type AppliedFixes, type FixAllResult } from './fixes.ts';
export { RULES, RULES_BY_ID } from './rules/index.ts';
export { ruleDocsUrl } from './rules/util.ts';
export type { Finding, FindingData, Fix, TextEdit, Rule, Severity, SeveritySetting, RelatedLocation } from './rules/types.ts';
export { LineIndex, type Range, type LspPosition, type LineColumn } from './model/text.ts';
export * from './model/note.ts';
export { buildFrontMatter } from './model/front-matter.ts';
export { RECOMMENDED, templateFor, sectionResolver, resolvePreset, mergeConfig, emptyConfig } from './config/resolve.ts';
export { BUILTIN_TEMPLATES, PRESETS } from './config/presets.ts';
export { sectionGuesser } from './config/section-guess.ts';
export type * from './config/types.ts';
export { buildVocabulary, TermList, tokenize, type Vocabulary } from './vocabulary/index.ts';
export { medicationNames, MedicationLexicon, isPsychotropic, type MedicationName, type MedicationMention } from './vocabulary/medications.ts';
export {
  loadConfigFor,
  loadConfigFile,
  findConfigFile,
  createConfigLoader,
  configLoaderOver,
  isFileReference,
  ConfigError,
  CONFIG_FILE_NAMES,
  readFileOrUndefined,
  readFileOrUndefinedSync,
  nodeConfigFileAccess,
  nodeConfigFileAccessSync,
  readRegularFileSync,
  MAX_CONFIG_BYTES,
  UnreadableFile,
  unreadableReason,
  type ConfigFileAccess,
  type FileFacts,
  type LoadedConfig,
  type LoadOptions,
  type ReadFile,
  type ConfigLoader,
  type ConfigLoaderOptions,
} from './config/load.ts';
export { parseConfigText, formatKeyPath, MAX_ALIAS_COUNT, type ParsedConfigFile } from './config/validate.ts';
export { validateConfigText } from './config/schema-check.ts';
export { buildConfigSchema, configSchema, SCHEMA_ID, SEVERITY_SETTINGS, CONFIG_KEYS } from './config/schema.ts';
export {
  createNoteMatcher,
  noteMatcherFor,
  isNoteFile,
  normalizeGlob,
  NOTE_SUFFIX,
  ALWAYS_IGNORED_FOLDERS,
  type NoteMatcher,
} from './config/match.ts';
export { printConfig, configToJson, type PrintedConfig } from './config/print.ts';
export { VisitIndex, historyFor, courseFor, patientKeysFor, type IndexUpdate, type UpdateOptions } from './visits/index.ts';
export { newPatientKey, normalizePatientKey, patientKeyProblem } from './visits/patient-key.ts';
export { loosePseudonym, type IdentityNotice } from './visits/persons.ts';
export {
  summarizeNote,
  frontMatterString,
  medicationKey,
  groupKey,
  groupingOf,
  validDate,
  type VisitSummary,
  type VisitHistory,
  type GoalSummary,
  type MedicationSummary,
  type CountertransferenceState,
} from './visits/summary.ts';
export { parseGoalText, goalSimilarity, sameGoalText, GOAL_STATUSES, type GoalStatus, type ParsedGoalText } from './visits/goals.ts';
export { pendingGoals, goalHistory, goalHistoryMarkdown, type GoalHistoryEntry } from './visits/queries.ts';
