/**
 * The rule host. It parses once, runs every enabled rule over the model, and
 * distrusts what rules report: ranges are clamped into the text, a throwing rule
 * becomes one finding naming the rule, and inline `visitnotes-disable` comments
 * are applied here so rules never see suppression.
 */
import { parseNote } from './parse.ts';
import { parseOptionsFor } from './parse-options.ts';
import { identifierMask } from './identifiers.ts';
import { RECOMMENDED, templateFor } from './config/resolve.ts';

export { parseOptionsFor } from './parse-options.ts';
import type { ResolvedConfig } from './config/types.ts';
import type { Note } from './model/note.ts';
import { RULES, RULES_BY_ID } from './rules/index.ts';
import type { Deferral, Finding, Fix, Rule, RuleReport, Severity } from './rules/types.ts';
import { buildVocabulary } from './vocabulary/index.ts';
import { unparsedReason } from './limits.ts';
import { assertReport, fixProblem, RuleContractError, ruleContractStrict } from './rule-contract.ts';
import type { VisitHistory } from './visits/summary.ts';

export interface LintOptions {
  config?: ResolvedConfig;
  /** Only run these rule IDs (e.g. for tests); default all enabled. */
  only?: string[];
  /** Reuse an already-parsed model of the same text (the LSP caches them). */
  note?: Note;
  /** The patient's earlier visits (see `historyFor`); cross-visit rules need it. */
  history?: VisitHistory;
}

export interface LintResult {
  note: Note;
  findings: Finding[];
}

export function parseWithConfig(text: string, config: ResolvedConfig = RECOMMENDED): Note {
  return parseNote(text, parseOptionsFor(config));
}


export function lintText(text: string, options: LintOptions = {}): LintResult {
  const config = options.config ?? RECOMMENDED;
  const note = options.note ?? parseWithConfig(text, config);
  return { note, findings: lintNote(note, config, options.only, options.history) };
}

export function lintNote(note: Note, config: ResolvedConfig = RECOMMENDED, only?: string[], history?: VisitHistory): Finding[] {
  // A note over the limits was not parsed: nothing to check (each face reports `unparsedReason`).
  if (unparsedReason(note)) return [];
  const template = templateFor(config, frontMatterValue(note, 'template'));
  const vocabulary = buildVocabulary(config.vocabulary);
  const mask = identifierMask(note.text, note.identifiers.hits);
  const findings: Finding[] = [];
  const strict = ruleContractStrict();
  for (const rule of RULES as Rule[]) {
    if (only && !only.includes(rule.id)) continue;
    const setting = config.rules[rule.id];
    const severity = setting?.severity ?? rule.defaultSeverity;
    if (severity === 'off') continue;
    const options = { ...rule.defaultOptions, ...(setting?.options ?? {}) };
    const deferrals = (rule.defersTo ?? []).filter((d) => enabled(config, d.rule));
    const report = (r: RuleReport) => {
      if (strict) assertReport(rule, r, note.text.length);
      if (deferrals.some((d) => covers(d, r))) return;
      findings.push(stamp(note, rule.id, severity, r, mask));
    };
    try {
      rule.check({ note, template, options, vocabulary, config, report, ...(history ? { history } : {}) });
    } catch (err) {
      // Under test a broken contract (or any throw) fails the rule's test instead.
      if (strict) throw err instanceof RuleContractError ? err : new RuleContractError(`Rule "${rule.id}" threw: ${(err as Error)?.stack ?? err}`);
      // One broken rule must not silence the others. The message names the rule and
      // the error type only: error text could quote the note.
      findings.push({
        ruleId: rule.id,
        severity: 'error',
        message: `Rule "${rule.id}" failed on this note (${(err as Error)?.name ?? 'Error'}); other rules still ran. Please report this.`,
        range: { start: 0, end: 0 },
      });
    }
  }
  return applyDirectives(note, findings).sort(
    (a, b) => a.range.start - b.range.start || a.range.end - b.range.end || a.ruleId.localeCompare(b.ruleId),
  );
}

/** A rule is on when its configured (else default) severity is not `off`. */
function enabled(config: ResolvedConfig, ruleId: string): boolean {
  const rule = RULES_BY_ID.get(ruleId);
  return (config.rules[ruleId]?.severity ?? rule?.defaultSeverity ?? 'off') !== 'off';
}

/** The report is one the deferral hands to the other rule: its data holds every entry of `when`. */
function covers(d: Deferral, r: RuleReport): boolean {
  return !!r.data && Object.entries(d.when).every(([k, v]) => r.data![k] === v);
}

export function frontMatterValue(note: Note, key: string): unknown {
  return note.frontMatter?.entries.find((e) => e.key === key)?.value;
}

/**
 * A rule's report as every face consumes it. The host distrusts it: ranges are
 * clamped, invalid fixes dropped, and every text a person reads (message, fix
 * and suggestion titles, related messages) is masked, so no rule can quote an
 * identifier, whatever it builds its message from.
 */
function stamp(note: Note, ruleId: string, severity: Severity, r: RuleReport, mask: (s: string) => string): Finding {
  const len = note.text.length;
  const clamp = (n: number) => (Number.isFinite(n) ? Math.max(0, Math.min(len, Math.trunc(n))) : 0);
  const start = clamp(r.range.start);
  const end = Math.max(start, clamp(r.range.end));
  const f: Finding = { ruleId, severity: milder(severity, r.severity), message: mask(r.message), range: { start, end } };
  const fix = r.fix && validFix(r.fix, len, mask);
  if (fix) f.fix = fix;
  const suggestions = r.suggestions?.map((s) => validFix(s, len, mask)).filter((s): s is Fix => !!s);
  if (suggestions?.length) f.suggestions = suggestions;
  if (r.related?.length) f.related = r.related.map((x) => ({ message: mask(x.message), range: { start: clamp(x.range.start), end: clamp(x.range.end) } }));
  if (r.unnecessary) f.unnecessary = true;
  if (r.data) f.data = Object.fromEntries(Object.entries(r.data).map(([k, v]) => [k, typeof v === 'string' ? mask(v) : v]));
  return f;
}

const RANK: Record<Severity, number> = { error: 2, warning: 1, info: 0 };

/** The configured severity, lowered to what the report asks for at most. */
function milder(configured: Severity, atMost: Severity | undefined): Severity {
  return atMost !== undefined && RANK[atMost] < RANK[configured] ? atMost : configured;
}

/**
 * Drops a fix the host cannot apply: the contract's own test (rule-contract.ts
 * `fixProblem`: edits out of range, overlapping, or none), which strict mode
 * turns into an error instead.
 */
function validFix(fix: Fix, len: number, mask: (s: string) => string): Fix | undefined {
  if (fixProblem(fix, len)) return undefined;
  // Ranges copied, as the finding's own: a rule may hand over a model's object (a goal
  // reference's range), which a later version's re-parse moves in place (incremental.ts, `reuse`).
  const edits = fix.edits.map((e) => ({ range: { start: e.range.start, end: e.range.end }, newText: e.newText })).sort((a, b) => a.range.start - b.range.start);
  return { title: mask(fix.title), edits, ...(fix.safeTitle ? { safeTitle: true as const } : {}) };
}

/**
 * markdownlint-style inline control:
 * `<!-- visitnotes-disable a, b -->` … `<!-- visitnotes-enable a -->` and
 * `<!-- visitnotes-disable-next-line a -->`. No rule names means every rule.
 */
function applyDirectives(note: Note, findings: Finding[]): Finding[] {
  if (note.directives.length === 0) return findings;
  const directives = [...note.directives].sort((a, b) => a.range.start - b.range.start);
  return findings.filter((f) => {
    const line = note.lines.lineAt(f.range.start);
    let disabled = false;
    for (const d of directives) {
      const names = d.rules.length === 0 || d.rules.includes(f.ruleId);
      if (!names) continue;
      if (d.kind === 'disable-next-line') {
        const target = note.lines.lineAt(d.range.end) + 1;
        if (line === target) return false;
        continue;
      }
      if (d.range.start > f.range.start) break;
      disabled = d.kind === 'disable';
    }
    return !disabled;
  });
}
