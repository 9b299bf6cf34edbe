/**
 * Lint results as every formatter sees them: ESLint's shape (1-based positions,
 * numeric severity), one object per file. `ruleId: null` with `fatal: true` marks
 * a file that could not be linted at all (unreadable, binary, a directory named
 * like a note); it counts as an error, as ESLint counts its fatal parse errors.
 */
import type { Finding, LineIndex } from '../engine/index.ts';

/** 2 error, 1 warning, 0 info (fixed by the format contract). */
export type NumericSeverity = 0 | 1 | 2;

export interface LintMessage {
  ruleId: string | null;
  severity: NumericSeverity;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The file could not be linted (ruleId is null). */
  fatal?: true;
  /** The finding carries a safe fix (`--fix` would apply it). */
  fixable?: true;
  /** Titles of suggestions safe to print (`Fix.safeTitle`), listed by `--fix-dry-run` in stylish output. */
  suggestions?: string[];
}

export interface FileResult {
  /** Absolute path. */
  filePath: string;
  messages: LintMessage[];
  errorCount: number;
  warningCount: number;
  infoCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
}

/** What a run reports as a whole (before `--quiet` filtering). */
export interface Totals {
  errorCount: number;
  warningCount: number;
  infoCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
}

export const SEVERITY_NUMBER = { error: 2, warning: 1, info: 0 } as const satisfies Record<string, NumericSeverity>;

export function toMessage(lines: LineIndex, f: Finding): LintMessage {
  const start = lines.toLineColumn(f.range.start);
  const end = lines.toLineColumn(f.range.end);
  const m: LintMessage = {
    ruleId: f.ruleId,
    severity: SEVERITY_NUMBER[f.severity],
    message: f.message,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
  };
  if (f.fix) m.fixable = true;
  const safe = f.suggestions?.filter((s) => s.safeTitle).map((s) => s.title);
  if (safe?.length) m.suggestions = safe;
  return m;
}

/** A file that could not be linted: one fatal message at 1:1. */
export function fatalResult(filePath: string, message: string): FileResult {
  return makeResult(filePath, [{ ruleId: null, severity: 2, message, line: 1, column: 1, endLine: 1, endColumn: 1, fatal: true }]);
}

export function makeResult(filePath: string, messages: LintMessage[]): FileResult {
  const sorted = [...messages].sort(compareMessages);
  const r: FileResult = { filePath, messages: sorted, errorCount: 0, warningCount: 0, infoCount: 0, fixableErrorCount: 0, fixableWarningCount: 0 };
  for (const m of sorted) {
    if (m.severity === 2) {
      r.errorCount++;
      if (m.fixable) r.fixableErrorCount++;
    } else if (m.severity === 1) {
      r.warningCount++;
      if (m.fixable) r.fixableWarningCount++;
    } else r.infoCount++;
  }
  return r;
}

export function compareMessages(a: LintMessage, b: LintMessage): number {
  return (
    a.line - b.line ||
    a.column - b.column ||
    a.endLine - b.endLine ||
    a.endColumn - b.endColumn ||
    compareStrings(a.ruleId ?? '', b.ruleId ?? '') ||
    compareStrings(a.message, b.message)
  );
}

/** Code-unit order: the same on every machine and locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sortResults(results: readonly FileResult[]): FileResult[] {
  return [...results].sort((a, b) => compareStrings(a.filePath, b.filePath));
}

export function totals(results: readonly FileResult[]): Totals {
  const t: Totals = { errorCount: 0, warningCount: 0, infoCount: 0, fixableErrorCount: 0, fixableWarningCount: 0 };
  for (const r of results) {
    t.errorCount += r.errorCount;
    t.warningCount += r.warningCount;
    t.infoCount += r.infoCount;
    t.fixableErrorCount += r.fixableErrorCount;
    t.fixableWarningCount += r.fixableWarningCount;
  }
  return t;
}

/** `--quiet`: errors only, and only files that have some (as ESLint does). */
export function errorsOnly(results: readonly FileResult[]): FileResult[] {
  return results
    .map((r) => makeResult(r.filePath, r.messages.filter((m) => m.severity === 2)))
    .filter((r) => r.messages.length > 0);
}
