/**
 * The package's programmatic API: `import { lintText, lintFiles, loadConfigFor } from 'visit-notes'`.
 *
 * Each function is a CLI command as data: `lintFiles` is `visitnotes lint
 * --format json`, `lintText` is `visitnotes lint --stdin --stdin-filename`,
 * `loadConfigFor` is `visitnotes lint --print-config`. Same file discovery,
 * same config, same cross-visit history, same results.
 *
 * The types below are the public contract (dist/api.d.ts is generated from this
 * file alone), so they are spelled out here rather than borrowed from the
 * engine: the engine's internals can change without changing them. The
 * implementation is loaded on first call, so importing the package is cheap.
 */

/** One finding, in ESLint's shape (the fixed JSON output of `visitnotes lint --format json`). */
export interface LintMessage {
  /** The rule ID; `null` when the file could not be linted at all (then `fatal` is true). */
  ruleId: string | null;
  /** 2 error, 1 warning, 0 info. */
  severity: 0 | 1 | 2;
  /** Never quotes the note: identifiers are not repeated. */
  message: string;
  /** 1-based; columns count UTF-16 code units. */
  line: number;
  column: number;
  endLine: number;
  /** Exclusive: the column after the last character. */
  endColumn: number;
  /** The file could not be linted (unreadable, binary, too large, nested too deeply...). */
  fatal?: true;
}

/** The findings of one file. */
export interface LintResult {
  /** Absolute path. */
  filePath: string;
  /** Sorted by position, then rule. */
  messages: LintMessage[];
  errorCount: number;
  warningCount: number;
  infoCount: number;
}

export interface LintFilesOptions {
  /** The folder relative paths and globs start from, and whose repository's `.gitignore` applies (default: `process.cwd()`). */
  cwd?: string;
  /** One config file for every note instead of the nearest `.visitnotes.*` (`--config`). */
  configFile?: string;
  /** `false`: do not apply `.gitignore` or the config's `ignore` (`--no-ignore`). Default `true`. */
  ignore?: boolean;
  /** Called with each warning the CLI would print on stderr (a shadowed config file, an ignored file named explicitly). */
  onWarning?: (message: string) => void;
}

export interface LintTextOptions {
  /** Where the note lives: its config is found from there and the result names it (`--stdin-filename`). Default: `<text>` in `cwd`. */
  filePath?: string;
  /** The folder a relative `filePath` starts from (default: `process.cwd()`). */
  cwd?: string;
  /** One config file instead of the nearest `.visitnotes.*` (`--config`). */
  configFile?: string;
  /** Called with each config warning. */
  onWarning?: (message: string) => void;
}

export interface LoadConfigOptions {
  /** The folder a relative path starts from (default: `process.cwd()`). */
  cwd?: string;
  /** An explicit config file instead of discovery (`--config`). */
  configFile?: string;
}

/**
 * The config that applies to a note, fully resolved (presets and `extends`
 * merged, every rule with its effective severity and options): the JSON
 * `visitnotes lint --print-config <file>` prints.
 */
export interface NoteConfig {
  /** The nearest config file (absolute), or `null` when the built-in `recommended` preset applies. */
  file: string | null;
  /** What was merged, in order: `preset:recommended`, then config files, nearest last. */
  layers: string[];
  extends: [];
  include: string[];
  ignore: string[];
  defaultTemplate: string;
  templates: Record<string, unknown>;
  /** Rule ID → severity (`"error" | "warning" | "info" | "off"`), or `{ severity, ...options }`. */
  rules: Record<string, unknown>;
  vocabulary: Record<string, { add: string[]; remove: string[] }>;
  visits: { groupBy: string };
}

/**
 * Lints notes as `visitnotes lint --format json` does: with no patterns, the
 * notes under `cwd`; folders are walked (every `*.visit.md`, plus `.md` files
 * the config includes; `.gitignore` and the config's `ignore` respected);
 * files are linted whatever their name; globs are expanded. Notes are linted
 * together, so the cross-visit rules see each patient's earlier visits among
 * them. One result per file, sorted by path.
 *
 * Rejects, as the CLI exits 2, on a path that does not exist or a glob that
 * matches nothing (`error.name === 'UsageError'`) and on an invalid config
 * (`error.name === 'ConfigError'`, with `error.format()` naming file, line and key).
 */
export async function lintFiles(patterns: string | readonly string[] = [], options: LintFilesOptions = {}): Promise<LintResult[]> {
  const { lintFilesAsData } = await import('./run.ts');
  return lintFilesAsData(typeof patterns === 'string' ? [patterns] : [...patterns], options);
}

/**
 * Lints one note's text as `visitnotes lint --stdin --stdin-filename <filePath>`
 * does: with the config that applies at `filePath`, without history.
 */
export async function lintText(text: string, options: LintTextOptions = {}): Promise<LintResult> {
  const { lintTextAsData } = await import('./run.ts');
  return lintTextAsData(text, options);
}

/** The resolved config that applies to `filePath` (which need not exist). Rejects on an invalid config. */
export async function loadConfigFor(filePath: string, options: LoadConfigOptions = {}): Promise<NoteConfig> {
  const { loadConfigAsData } = await import('./run.ts');
  return loadConfigAsData(filePath, options);
}
