/**
 * `--format json`: one JSON array, one object per file, in ESLint's shape (fixed
 * by the format contract). Fields are picked explicitly so internal ones never
 * leak; the only additions are `infoCount` and `fatal: true` on a message that
 * says the file could not be linted. The package API returns the same objects.
 */
import type { FileResult } from '../results.ts';
import type { Formatter } from './types.ts';

/** The contract's fields of each result, as plain data. */
export function jsonResults(results: readonly FileResult[]) {
  return results.map((r) => ({
    filePath: r.filePath,
    messages: r.messages.map((m) => ({
      ruleId: m.ruleId,
      severity: m.severity,
      message: m.message,
      line: m.line,
      column: m.column,
      endLine: m.endLine,
      endColumn: m.endColumn,
      ...(m.fatal ? { fatal: true as const } : {}),
    })),
    errorCount: r.errorCount,
    warningCount: r.warningCount,
    infoCount: r.infoCount,
  }));
}

export const json: Formatter = (results) => `${JSON.stringify(jsonResults(results))}\n`;
