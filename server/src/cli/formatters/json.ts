/**
 * `--format json`: one JSON array, one object per file, in ESLint's shape (fixed
 * by the format contract). Fields are picked explicitly so internal ones never
 * leak; the only additions are `infoCount` and `fatal: true` on a message that
 * says the file could not be linted.
 */
import type { Formatter } from './types.ts';

export const json: Formatter = (results) =>
  `${JSON.stringify(
    results.map((r) => ({
      filePath: r.filePath,
      messages: r.messages.map((m) => ({
        ruleId: m.ruleId,
        severity: m.severity,
        message: m.message,
        line: m.line,
        column: m.column,
        endLine: m.endLine,
        endColumn: m.endColumn,
        ...(m.fatal ? { fatal: true } : {}),
      })),
      errorCount: r.errorCount,
      warningCount: r.warningCount,
      infoCount: r.infoCount,
    })),
  )}\n`;
