/**
 * A rule's tests as data, in the style of ESLint's RuleTester: notes that must
 * stay quiet (`valid`) and notes with the findings they must give (`invalid`),
 * each with the fix-all output when the rule fixes. One vitest test per case.
 *
 *   new RuleTester().run('undefined-goal', {
 *     valid: ['## Goals\n- [G1] Walk.\n', { text, options: { maxSuggestions: 0 } }],
 *     invalid: [{
 *       text,
 *       findings: [{ message: 'G3 is referenced, …', line: 7, column: 25, endLine: 7, endColumn: 29 }],
 *       output: null, // no fix
 *     }],
 *   });
 *
 * Only the rule under test runs (`only: [ruleId]`, plus a case's `rules`), through the real host, so
 * the rule contract is enforced (strict under test). For every invalid case the
 * tester also checks what ESLint's does: when the rule fixes, `output` must be
 * given and equal the fix-all result; and fixing is never worse: the output
 * lints with no fixable finding of the rule left and no more findings of it
 * than before.
 */
import { describe, test } from 'vitest';
import assert from 'node:assert/strict';
import {
  applyFixes,
  fixAll,
  lintText,
  mergeConfig,
  RECOMMENDED,
  RULES_BY_ID,
  type Finding,
  type LintOptions,
  type Note,
  type ResolvedConfig,
} from '../../server/src/engine/index.ts';
import type { VisitHistory } from '../../server/src/engine/visits/summary.ts';

interface CaseBase {
  /** The test's name; defaults to the start of the text. */
  name?: string;
  text: string;
  /** The rule's options, merged over its defaults as a config file's would be. */
  options?: Record<string, unknown>;
  /** The resolved config the note is linted with (default `recommended`). */
  config?: ResolvedConfig;
  /** The patient's earlier visits, for cross-visit rules. */
  history?: VisitHistory;
  /**
   * Other rules run alongside, for rules that share ground (one stays quiet
   * where the other speaks); their findings count too, so name their `ruleId`.
   */
  rules?: string[];
}

export type ValidCase = CaseBase | string;

export interface ExpectedPlace {
  /** 1-based, as the CLI prints. */
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

export interface ExpectedFinding extends ExpectedPlace {
  /** The rule that gives it; defaults to the rule under test. */
  ruleId?: string;
  /** The exact message, or a pattern it must match. */
  message?: string | RegExp;
  severity?: Finding['severity'];
  /** The related locations, in order (`null`: none). */
  related?: (ExpectedPlace & { message?: string | RegExp })[] | null;
  /** The suggestions, in order (`null`: none); `output` is the text with that one applied. */
  suggestions?: { title?: string | RegExp; output?: string }[] | null;
  unnecessary?: boolean;
  /** The finding's facts (`data`), compared exactly (`null`: none). */
  data?: Finding['data'] | null;
  /** The text with this finding's own fix applied, and its title (`output` is all of them, to a fixed point). */
  fix?: string | { title?: string | RegExp; output: string };
}

export interface InvalidCase extends CaseBase {
  findings: ExpectedFinding[];
  /** The fix-all result; `null` asserts the rule offers no fix here. Required when it does. */
  output?: string | null;
}

export class RuleTester {
  constructor(private readonly defaults: { config?: ResolvedConfig } = {}) {}

  run(ruleId: string, cases: { valid?: ValidCase[]; invalid?: InvalidCase[] }): void {
    assert.ok(RULES_BY_ID.has(ruleId), `no rule ${ruleId}`);
    describe(ruleId, () => {
      const valid = (cases.valid ?? []).map((c) => (typeof c === 'string' ? { text: c } : c));
      if (valid.length) {
        test.each(valid.map((c) => [caseName(c), c] as const))('valid: %s', (_name, c) => {
          const { findings } = lintText(c.text, this.lintOptions(ruleId, c));
          assert.deepEqual(findings.map(describeFinding), [], 'a valid case gave findings');
        });
      }
      const invalid = cases.invalid ?? [];
      if (invalid.length) {
        test.each(invalid.map((c) => [caseName(c), c] as const))('invalid: %s', (_name, c) => this.checkInvalid(ruleId, c));
      }
    });
  }

  private lintOptions(ruleId: string, c: CaseBase): LintOptions {
    let config = c.config ?? this.defaults.config ?? RECOMMENDED;
    if (c.options) config = mergeConfig(config, { rules: { [ruleId]: c.options } });
    return { only: [ruleId, ...(c.rules ?? [])], config, ...(c.history ? { history: c.history } : {}) };
  }

  private checkInvalid(ruleId: string, c: InvalidCase): void {
    assert.ok(c.findings.length > 0, 'an invalid case expects at least one finding (use `valid` otherwise)');
    const options = this.lintOptions(ruleId, c);
    const { note, findings } = lintText(c.text, options);
    assert.equal(findings.length, c.findings.length, `finding count: got ${JSON.stringify(findings.map(describeFinding), null, 1)}`);
    findings.forEach((f, i) => checkFinding(note, c.text, f, { ruleId, ...c.findings[i]! }, `finding ${i + 1}`));

    const fixable = findings.filter((f) => f.fix);
    if (c.output === undefined) {
      assert.equal(fixable.length, 0, 'the rule fixed the note: add `output` (the fix-all result)');
      return;
    }
    if (c.output === null) {
      assert.equal(fixable.length, 0, '`output: null` but the rule offers a fix');
      return;
    }
    assert.ok(fixable.length > 0, '`output` given but the rule offers no fix (use `output: null`)');
    const fixed = fixAll(c.text, options);
    assert.equal(fixed.text, c.output, 'fix-all output');
    // Fixing is never worse: nothing fixable left, no more findings than before.
    const after = lintText(fixed.text, options).findings;
    assert.deepEqual(after.filter((f) => f.fix).map(describeFinding), [], 'fixable findings remain after fix-all');
    assert.ok(after.length <= findings.length, `fix-all left more findings (${after.length}) than it started with (${findings.length})`);
  }
}

function checkFinding(note: Note, text: string, f: Finding, e: ExpectedFinding, what: string): void {
  assert.equal(f.ruleId, e.ruleId, `${what}: rule`);
  checkPlace(note, f.range, e, what);
  if (e.message !== undefined) matches(f.message, e.message, `${what}: message`);
  if (e.severity !== undefined) assert.equal(f.severity, e.severity, `${what}: severity`);
  if (e.unnecessary !== undefined) assert.equal(!!f.unnecessary, e.unnecessary, `${what}: unnecessary`);
  if (e.data === null) assert.equal(f.data, undefined, `${what}: expected no data`);
  else if (e.data !== undefined) assert.deepEqual(f.data, e.data, `${what}: data`);
  if (e.fix !== undefined) {
    assert.ok(f.fix, `${what}: expected a fix`);
    const want = typeof e.fix === 'string' ? { output: e.fix } : e.fix;
    if (want.title !== undefined) matches(f.fix.title, want.title, `${what}: fix title`);
    assert.equal(applyFixes(text, [f.fix]).text, want.output, `${what}: its fix`);
  }
  if (e.related === null) assert.equal(f.related, undefined, `${what}: expected no related locations`);
  else if (e.related) {
    assert.equal(f.related?.length ?? 0, e.related.length, `${what}: related count`);
    e.related.forEach((r, i) => {
      checkPlace(note, f.related![i]!.range, r, `${what}, related ${i + 1}`);
      if (r.message !== undefined) matches(f.related![i]!.message, r.message, `${what}, related ${i + 1}: message`);
    });
  }
  if (e.suggestions === null) assert.equal(f.suggestions, undefined, `${what}: expected no suggestions`);
  else if (e.suggestions) {
    assert.equal(f.suggestions?.length ?? 0, e.suggestions.length, `${what}: suggestion count`);
    e.suggestions.forEach((s, i) => {
      const got = f.suggestions![i]!;
      if (s.title !== undefined) matches(got.title, s.title, `${what}, suggestion ${i + 1}: title`);
      if (s.output !== undefined) assert.equal(applyFixes(text, [got]).text, s.output, `${what}, suggestion ${i + 1}: output`);
    });
  }
}

function checkPlace(note: Note, range: Finding['range'], e: ExpectedPlace, what: string): void {
  const s = note.lines.toLineColumn(range.start);
  const end = note.lines.toLineColumn(range.end);
  assert.equal(`${s.line}:${s.column}`, `${e.line}:${e.column}`, `${what}: start`);
  if (e.endLine !== undefined || e.endColumn !== undefined) {
    assert.equal(`${end.line}:${end.column}`, `${e.endLine ?? s.line}:${e.endColumn}`, `${what}: end`);
  }
}

function matches(actual: string, expected: string | RegExp, what: string): void {
  if (typeof expected === 'string') assert.equal(actual, expected, what);
  else assert.match(actual, expected, what);
}

function describeFinding(f: Finding) {
  return { ruleId: f.ruleId, message: f.message, range: f.range };
}

function caseName(c: CaseBase): string {
  if (c.name) return c.name;
  const flat = JSON.stringify(c.text);
  return flat.length > 70 ? `${flat.slice(0, 67)}…` : flat;
}
