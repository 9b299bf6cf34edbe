/**
 * The one conversion from an engine finding to an LSP diagnostic (as
 * unified-language-server's `vfileMessageToDiagnostic`): rule ID → `code`, docs
 * link → `codeDescription`, severity, `Unnecessary` tag and related locations.
 * The extension's early diagnostics use it too (client/src/early-diagnostics.ts
 * maps the protocol shape to `vscode.Diagnostic`, nothing more).
 * The finding's fix and suggestions travel in `diagnostic.data` together with
 * the document version they apply to, so code actions need no re-lint and can
 * tell when the data is stale.
 */
import type { Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver';
import { ruleDocsUrl, type Finding, type FindingData, type Fix, type Note, type Severity } from '../engine/index.ts';
import { toLspRange } from './ranges.ts';

export const SOURCE = 'visitnotes';

/** What `diagnostic.data` carries. Offsets index the text of `version`. */
export interface DiagnosticData {
  version: number;
  ruleId: string;
  fix?: Fix;
  suggestions?: Fix[];
  /** The finding's facts (`required-section`: the missing section's name), for the client. */
  details?: FindingData;
}

// The protocol's numbers, written out: this module has no runtime import of
// vscode-languageserver, so the extension's early diagnostics use it too.
const SEVERITY: Record<Severity, DiagnosticSeverity> = { error: 1, warning: 2, info: 3 };
const UNNECESSARY: DiagnosticTag = 1;

/** `note`: the model, or only its line index (the watchdog's findings arrive before the model; analysis.ts). */
export function toDiagnostic(finding: Finding, note: Pick<Note, 'lines'>, uri: string, version: number): Diagnostic {
  const lines = note.lines;
  const diagnostic: Diagnostic = {
    range: toLspRange(lines, finding.range),
    severity: SEVERITY[finding.severity],
    code: finding.ruleId,
    codeDescription: { href: ruleDocsUrl(finding.ruleId) },
    source: SOURCE,
    message: finding.message,
  };
  if (finding.unnecessary) diagnostic.tags = [UNNECESSARY];
  // Related locations are the rule's own (an undefined goal's points at the Goals heading).
  if (finding.related?.length) {
    diagnostic.relatedInformation = finding.related.map((r) => ({
      location: { uri, range: toLspRange(lines, r.range) },
      message: r.message,
    })) satisfies DiagnosticRelatedInformation[];
  }
  const data: DiagnosticData = { version, ruleId: finding.ruleId };
  if (finding.fix) data.fix = finding.fix;
  if (finding.suggestions?.length) data.suggestions = finding.suggestions;
  if (finding.data) data.details = finding.data;
  diagnostic.data = data;
  return diagnostic;
}

/**
 * A note the engine would not parse (over the size or nesting limits, the same
 * as the CLI's): one error at the start, as the CLI's fatal message, with no
 * rule code (no rule can be switched off to hide it).
 */
export function fatalDiagnostic(message: string): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: SEVERITY.error,
    source: SOURCE,
    message,
  };
}

export function diagnosticData(d: Diagnostic): DiagnosticData | undefined {
  const data = d.data as Partial<DiagnosticData> | undefined;
  if (!data || typeof data !== 'object' || typeof data.version !== 'number' || typeof data.ruleId !== 'string') return undefined;
  return data as DiagnosticData;
}
