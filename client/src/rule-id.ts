/**
 * Which Visit Notes rule a diagnostic is from. Its own module: the browser
 * build uses it without the engine the desktop bundles (note-engine.ts).
 */
import type * as vscode from 'vscode';
import type { FindingData } from '../../server/src/engine/index.ts';

export const DIAGNOSTIC_SOURCE = 'visitnotes';

/** The rule ID a Visit Notes diagnostic carries in `code`. */
export function ruleIdOf(d: vscode.Diagnostic): string | undefined {
  if (d.source !== DIAGNOSTIC_SOURCE) return undefined;
  const code = typeof d.code === 'object' ? d.code.value : d.code;
  return code === undefined ? undefined : String(code);
}

/**
 * The finding's facts a diagnostic carries (`data.details`, from the server's
 * toDiagnostic; the early diagnostics keep them too), so the client reads a
 * missing section's name instead of parsing the message.
 */
export function findingDetailsOf(d: vscode.Diagnostic): FindingData | undefined {
  const details = (d as { data?: { details?: unknown } }).data?.details;
  return details && typeof details === 'object' ? (details as FindingData) : undefined;
}
