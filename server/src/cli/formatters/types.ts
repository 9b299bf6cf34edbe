import type { FileResult } from '../results.ts';

/** What a formatter knows besides the results; all of it passed in, so formatters stay pure. */
export interface RuleInfo {
  id: string;
  description: string;
  defaultSeverity: 'error' | 'warning' | 'info';
  fixable: boolean;
  docsUrl: string;
}

export interface FormatterMeta {
  /** Absolute folder that relative paths in the output are relative to. */
  cwd: string;
  /** Whether to emit ANSI colour (stylish only). */
  color: boolean;
  /** The tool's version (SARIF). */
  version: string;
  /** Every known rule, in the order `visitnotes rules` lists them (SARIF `rules[]`). */
  rules: readonly RuleInfo[];
  /** List the suggestions a person could apply under each finding (`--fix-dry-run`; stylish only). */
  suggestions?: boolean;
}

/**
 * A formatter is a pure function from results (sorted by path, messages sorted by
 * position) to the complete output text, trailing newline included ('' for none).
 */
export type Formatter = (results: readonly FileResult[], meta: FormatterMeta) => string;
