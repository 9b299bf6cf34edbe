/** Expected diagnostics computed by the engine directly, to compare with what the server sends. */
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { lintText, type ResolvedConfig } from '../../server/src/engine/index.ts';
import { positionAt } from './client.ts';

const SEVERITY = { error: 1, warning: 2, info: 3 } as const;

export function expectedDiagnostics(text: string, config?: ResolvedConfig) {
  return lintText(text, config ? { config } : {}).findings.map((f) => ({
    code: f.ruleId,
    severity: SEVERITY[f.severity],
    message: f.message,
    range: { start: positionAt(text, f.range.start), end: positionAt(text, f.range.end) },
  }));
}

export function essentials(d: Diagnostic) {
  return { code: d.code, severity: d.severity, message: d.message, range: d.range };
}
