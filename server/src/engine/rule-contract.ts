/**
 * What the rule host holds every report to. In production a report that breaks
 * the contract is repaired or dropped (run-rules.ts: ranges clamped, a bad fix
 * dropped, a throwing rule becomes one finding), so a bad rule never costs a
 * clinician their diagnostics. Under test the host throws instead, as ESLint's
 * and markdownlint's hosts do, so the broken rule fails its own test rather
 * than quietly losing a fix.
 *
 * Strict mode is on when the environment says `VISITNOTES_RULE_CONTRACT=strict`
 * (vitest.config.ts sets it for every test project). Read through `globalThis`
 * because the engine also runs in a browser worker, where there is no `process`.
 */
import type { Fix, Rule, RuleReport } from './rules/types.ts';

type DeclaredRule = Pick<Rule, 'id' | 'fixable'>;

/** A rule broke the host's contract; thrown only in strict mode. */
export class RuleContractError extends Error {
  override name = 'RuleContractError';
}

export function ruleContractStrict(): boolean {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  return env?.VISITNOTES_RULE_CONTRACT === 'strict';
}

/** Why a fix cannot be applied to a text of `length` characters, or undefined when it can. */
export function fixProblem(fix: Fix, length: number): string | undefined {
  if (fix.edits.length === 0) return 'has no edits';
  const edits = [...fix.edits].sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  let prev: Fix['edits'][number] | undefined;
  for (const e of edits) {
    const { start, end } = e.range;
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > length || start > end) {
      return `has an edit out of range (${start}–${end} in a text of ${length})`;
    }
    if (prev && (start < prev.range.end || (start === end && prev.range.start === prev.range.end && start === prev.range.start))) {
      return `has overlapping edits (${prev.range.start}–${prev.range.end} and ${start}–${end})`;
    }
    prev = e;
  }
  return undefined;
}

/** Throws when a report breaks the contract (strict mode only; the caller checks). */
export function assertReport(rule: DeclaredRule, report: RuleReport, length: number): void {
  const fail = (what: string) => {
    throw new RuleContractError(`Rule "${rule.id}" ${what}.`);
  };
  if (report.fix) {
    if (!rule.fixable) fail('reported a fix but is declared `fixable: false`');
    const problem = fixProblem(report.fix, length);
    if (problem) fail(`reported a fix that ${problem}`);
  }
  for (const s of report.suggestions ?? []) {
    const problem = fixProblem(s, length);
    if (problem) fail(`reported a suggestion that ${problem}`);
  }
}
