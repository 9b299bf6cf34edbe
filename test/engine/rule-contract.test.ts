/**
 * The rule host's contract (server/src/engine/rule-contract.ts): under test it
 * throws when a rule reports a fix it declared it cannot make, an edit outside
 * the text or overlapping edits; in production the same report is repaired or
 * dropped and a throwing rule becomes one finding.
 */
import { afterEach, describe, test, vi } from 'vitest';
import assert from 'node:assert/strict';
import { lintText, mergeConfig, RECOMMENDED, RULES, RULES_BY_ID } from '../../server/src/engine/index.ts';
import { fixProblem, RuleContractError, ruleContractStrict } from '../../server/src/engine/rule-contract.ts';
import type { Rule, RuleContext, RuleReport } from '../../server/src/engine/rules/types.ts';

const TEXT = '## Story\nShe came with her sister.\n';
const rule = (id: string) => RULES_BY_ID.get(id) as Rule;

/** Makes `id` report exactly `r` (and nothing else) for one test. */
function reporting(id: string, r: RuleReport) {
  vi.spyOn(rule(id), 'check').mockImplementation((c: RuleContext) => c.report(r));
}

const edit = (start: number, end: number, newText = 'x') => ({ range: { start, end }, newText });

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('rule contract, strict (as every test runs)', () => {
  test('the test setup turns strict mode on', () => {
    assert.equal(ruleContractStrict(), true);
  });

  test('a fix from a rule declared not fixable throws, naming the rule', () => {
    assert.equal(rule('alliance-reflection').fixable, false);
    reporting('alliance-reflection', { range: { start: 0, end: 2 }, message: 'm', fix: { title: 't', edits: [edit(0, 2)] } });
    assert.throws(() => lintText(TEXT, { only: ['alliance-reflection'] }), (e: Error) => e instanceof RuleContractError && /"alliance-reflection" reported a fix but is declared `fixable: false`/.test(e.message));
  });

  test('an edit out of range throws, for a fix and for a suggestion', () => {
    reporting('goal-id', { range: { start: 0, end: 2 }, message: 'm', fix: { title: 't', edits: [edit(0, TEXT.length + 1)] } });
    assert.throws(() => lintText(TEXT, { only: ['goal-id'] }), /"goal-id" reported a fix that has an edit out of range/);
    vi.restoreAllMocks();
    reporting('alliance-reflection', { range: { start: 0, end: 2 }, message: 'm', suggestions: [{ title: 't', edits: [edit(-1, 2)] }] });
    assert.throws(() => lintText(TEXT, { only: ['alliance-reflection'] }), /reported a suggestion that has an edit out of range/);
  });

  test('overlapping edits within one fix throw', () => {
    reporting('goal-id', { range: { start: 0, end: 2 }, message: 'm', fix: { title: 't', edits: [edit(3, 8), edit(0, 4)] } });
    assert.throws(() => lintText(TEXT, { only: ['goal-id'] }), /has overlapping edits \(0–4 and 3–8\)/);
  });

  test('a rule that throws fails the test instead of becoming a finding', () => {
    vi.spyOn(rule('phi'), 'check').mockImplementation(() => {
      throw new TypeError('boom');
    });
    assert.throws(() => lintText(TEXT, { only: ['phi'] }), (e: Error) => e instanceof RuleContractError && /"phi" threw: TypeError: boom/.test(e.message));
  });

  test('fixProblem accepts adjacent edits and rejects two insertions at one point', () => {
    assert.equal(fixProblem({ title: 't', edits: [edit(0, 2), edit(2, 4)] }, 10), undefined);
    assert.match(fixProblem({ title: 't', edits: [edit(3, 3), edit(3, 3, 'y')] }, 10)!, /overlapping/);
    assert.match(fixProblem({ title: 't', edits: [] }, 10)!, /no edits/);
    assert.match(fixProblem({ title: 't', edits: [edit(1.5, 2)] }, 10)!, /out of range/);
  });
});

describe('rule contract, production (strict off)', () => {
  test('a bad fix is dropped and the finding kept; a throwing rule is one finding', () => {
    vi.stubEnv('VISITNOTES_RULE_CONTRACT', '');
    assert.equal(ruleContractStrict(), false);
    reporting('goal-id', { range: { start: 0, end: 2 }, message: 'm', fix: { title: 't', edits: [edit(0, TEXT.length + 5)] } });
    const [kept] = lintText(TEXT, { only: ['goal-id'] }).findings;
    assert.equal(kept!.message, 'm');
    assert.equal(kept!.fix, undefined);
    vi.spyOn(rule('phi'), 'check').mockImplementation(() => {
      throw new TypeError('boom');
    });
    const findings = lintText(TEXT, { only: ['phi'] }).findings;
    assert.equal(findings.length, 1);
    assert.match(findings[0]!.message, /Rule "phi" failed on this note \(TypeError\); other rules still ran/);
  });
});

describe('declared deferrals (defersTo)', () => {
  test('every deferral names another, existing rule and a non-empty condition', () => {
    for (const r of RULES as Rule[]) {
      for (const d of r.defersTo ?? []) {
        assert.ok(RULES_BY_ID.has(d.rule), `${r.id} defers to unknown rule ${d.rule}`);
        assert.notEqual(d.rule, r.id);
        assert.ok(Object.keys(d.when).length > 0, `${r.id}: a deferral without a condition would drop every report`);
      }
    }
  });

  test('the host drops only reports whose data matches, and only while the other rule is on', () => {
    const reports: RuleReport[] = [
      { range: { start: 0, end: 2 }, message: 'handed over', data: { section: 'Countertransference' } },
      { range: { start: 3, end: 5 }, message: 'other section', data: { section: 'Story' } },
      { range: { start: 6, end: 8 }, message: 'no data' },
    ];
    vi.spyOn(rule('empty-section'), 'check').mockImplementation((c: RuleContext) => reports.forEach((r) => c.report(r)));
    const messages = (config = RECOMMENDED) => lintText(TEXT, { only: ['empty-section'], config }).findings.map((f) => f.message);
    assert.deepEqual(messages(), ['other section', 'no data']);
    const off = mergeConfig(RECOMMENDED, { rules: { 'countertransference-reflection': 'off' } });
    assert.deepEqual(messages(off), ['handed over', 'other section', 'no data']);
  });

  test('finding data is stamped and masked like a message', () => {
    vi.spyOn(rule('phi'), 'check').mockImplementation((c: RuleContext) =>
      c.report({ range: { start: 0, end: 2 }, message: 'm', data: { section: 'Call 07700 900123', count: 2 } }),
    );
    const [f] = lintText('## Story\nCall 07700 900123 tomorrow.\n', { only: ['phi'] }).findings;
    assert.equal(f!.data!.count, 2);
    assert.ok(!String(f!.data!.section).includes('07700 900123'), String(f!.data!.section));
  });
});
