/**
 * Which Visit Notes rule a diagnostic is from. Its own module: the browser
 * build uses it without the engine the desktop bundles (note-engine.ts).
 */
import type * as vscode from 'vscode';

export const DIAGNOSTIC_SOURCE = 'visitnotes';

/** The rule ID a Visit Notes diagnostic carries in `code`. */
export function ruleIdOf(d: vscode.Diagnostic): string | undefined {
  if (d.source !== DIAGNOSTIC_SOURCE) return undefined;
  const code = typeof d.code === 'object' ? d.code.value : d.code;
  return code === undefined ? undefined : String(code);
}
