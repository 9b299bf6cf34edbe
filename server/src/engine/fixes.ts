/**
 * Fixes are data; this is the one place that applies them, for `--fix`, fix-all
 * and quick fixes alike. Edits are applied bottom-up; a fix that overlaps one
 * already taken is skipped whole (the next pass picks it up), so a fix is never
 * half-applied and the text is never corrupted.
 */
import type { Finding, Fix, TextEdit } from './rules/types.ts';
import { lintText, type LintOptions, type LintResult } from './run-rules.ts';

export interface AppliedFixes {
  text: string;
  applied: Fix[];
  skipped: Fix[];
}

export function applyFixes(text: string, fixes: readonly Fix[]): AppliedFixes {
  const applied: Fix[] = [];
  const skipped: Fix[] = [];
  const taken: TextEdit[] = [];
  const seen = new Set<string>();
  // Earlier fixes in document order win ties.
  const ordered = [...fixes].sort((a, b) => firstStart(a) - firstStart(b));
  for (const fix of ordered) {
    const key = JSON.stringify(fix.edits);
    if (seen.has(key)) continue; // two findings offering the identical fix
    if (fix.edits.some((e) => taken.some((t) => overlaps(e, t)))) {
      skipped.push(fix);
      continue;
    }
    seen.add(key);
    taken.push(...fix.edits);
    applied.push(fix);
  }
  taken.sort((a, b) => b.range.start - a.range.start || b.range.end - a.range.end);
  let out = text;
  for (const e of taken) out = out.slice(0, e.range.start) + e.newText + out.slice(e.range.end);
  return { text: out, applied, skipped };
}

function firstStart(f: Fix): number {
  return Math.min(...f.edits.map((e) => e.range.start));
}

/** Two edits conflict when their ranges intersect, or both insert at one point. */
function overlaps(a: TextEdit, b: TextEdit): boolean {
  if (a.range.start === a.range.end && b.range.start === b.range.end) return a.range.start === b.range.start;
  return a.range.start < b.range.end && b.range.start < a.range.end;
}

export interface FixAllResult {
  text: string;
  /** Findings fixed across all passes. */
  fixedCount: number;
  /** What remains after fixing (already linted: callers need not re-lint). */
  findings: Finding[];
}

/**
 * Lint, apply every safe fix, re-lint; repeat until stable (at most 10 passes).
 * `first` is a lint of exactly `text` with exactly `options` (the caller linted it
 * already: the CLI's --fix, the editor's fix-all), so the note is not parsed and
 * linted a second time from scratch.
 */
export function fixAll(text: string, options: LintOptions = {}, first?: Pick<LintResult, 'findings'>): FixAllResult {
  let current = text;
  let fixedCount = 0;
  let result: Pick<LintResult, 'findings'> = first ?? lintText(current, { ...options, note: undefined });
  for (let pass = 0; pass < 10; pass++) {
    const fixes = result.findings.flatMap((f) => (f.fix ? [f.fix] : []));
    if (fixes.length === 0) break;
    const next = applyFixes(current, fixes);
    if (next.applied.length === 0 || next.text === current) break;
    fixedCount += next.applied.length;
    current = next.text;
    result = lintText(current, { ...options, note: undefined });
  }
  return { text: current, fixedCount, findings: result.findings };
}
