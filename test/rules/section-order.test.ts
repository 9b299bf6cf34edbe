import { test } from 'vitest';
import assert from 'node:assert/strict';
import { applyFixes, lintText, mergeConfig, RECOMMENDED, type Finding } from '../../server/src/engine/index.ts';
import { longestIncreasing } from '../../server/src/engine/rules/section-order.ts';

const ID = 'section-order';
const lint = (text: string, config = RECOMMENDED) => lintText(text, { only: [ID], config }).findings;
const order = (findings: Finding[]) => findings.filter((f) => !f.fix);
const at = (text: string, f: Finding) => {
  const { note } = lintText(text, { only: [] });
  const s = note.lines.toLineColumn(f.range.start);
  const e = note.lines.toLineColumn(f.range.end);
  return `${s.line}:${s.column}-${e.line}:${e.column}`;
};
const FM = '---\npatient: D.W.\ndate: 2026-11-18\n---\n\n';
const S = {
  story: '## Story\nHe talks about his son.\n',
  rel: '## Relationships\n- Son.\n',
  goals: '## Goals\n- [G1] Visit.\n',
  med: '## Medication meaning\n### Mirtazapine\n- Rationale: rest [G1]\n',
  ct: '## Countertransference\nI felt warm.\n',
};
const build = (...parts: string[]) => FM + parts.join('\n');

test('longestIncreasing keeps a maximal run and reports the earlier of two swapped sections', () => {
  assert.deepEqual([...longestIncreasing([0, 2, 1, 3])].sort(), [0, 2, 3]);
  assert.deepEqual([...longestIncreasing([1, 0])], [1]);
  assert.deepEqual([...longestIncreasing([1, 2, 3, 4, 0])].sort(), [0, 1, 2, 3]);
  assert.deepEqual([...longestIncreasing([])], []);
});

test('in order: nothing', () => {
  assert.deepEqual(lint(build(S.story, S.rel, S.goals, S.med, S.ct)), []);
  // Missing sections and free sections do not disturb the order.
  assert.deepEqual(lint(build('## Context\nEarly visit.\n', S.story, S.goals, '## Labs\nNormal.\n', S.ct)), []);
});

test('one swap is one finding, with a move suggestion that restores the order', () => {
  const text = build(S.story, S.goals, S.rel, S.med, S.ct);
  const findings = lint(text);
  assert.equal(findings.length, 1);
  const [f] = findings;
  assert.equal(f!.message, '"Goals" is out of order: template "follow-up" puts it before "Medication meaning".');
  assert.equal(at(text, f!), '9:1-9:9');
  assert.equal(f!.fix, undefined);
  assert.equal(f!.suggestions!.length, 1);
  const moved = applyFixes(text, f!.suggestions!).text;
  assert.equal(moved, build(S.story, S.rel, S.goals, S.med, S.ct));
  assert.deepEqual(lint(moved), []);
});

test('a section at the very end moves to the top; one at the top moves to the end', () => {
  const last = build(S.rel, S.goals, S.med, S.ct, S.story);
  const [f] = lint(last);
  assert.match(f!.message, /"Story" is out of order: template "follow-up" puts it before "Relationships"/);
  assert.equal(applyFixes(last, f!.suggestions!).text, build(S.story, S.rel, S.goals, S.med, S.ct));
  const first = build(S.ct, S.story, S.rel, S.goals, S.med);
  const [g] = lint(first);
  assert.match(g!.message, /"Countertransference" is out of order: template "follow-up" puts it after "Medication meaning"/);
  assert.equal(applyFixes(first, g!.suggestions!).text, build(S.story, S.rel, S.goals, S.med, S.ct));
  // No final line break: the moved block still ends up on its own lines.
  const bare = build(S.story, S.ct, S.rel).replace(/\n$/, '');
  const [h] = lint(bare);
  assert.equal(applyFixes(bare, h!.suggestions!).text, build(S.story, S.rel, S.ct));
});

test('CRLF moves keep CRLF', () => {
  const text = build(S.story, S.goals, S.rel, S.med, S.ct).replace(/\n/g, '\r\n');
  const [f] = lint(text);
  const moved = applyFixes(text, f!.suggestions!).text;
  assert.equal(moved, build(S.story, S.rel, S.goals, S.med, S.ct).replace(/\n/g, '\r\n'));
});

test('a fully reversed note gets fewer findings than sections', () => {
  const text = build(S.ct, S.med, S.goals, S.rel, S.story);
  assert.equal(order(lint(text)).length, 4);
  const text2 = build(S.story, S.rel, S.ct, S.goals, S.med);
  assert.deepEqual(order(lint(text2)).map((f) => f.message), ['"Countertransference" is out of order: template "follow-up" puts it after "Medication meaning".']);
});

test('only the first occurrence of a repeated section counts', () => {
  assert.deepEqual(lint(build(S.story, S.rel, S.goals, S.med, S.ct, '## Story\nMore.\n')), []);
});

test('non-ASCII template names: out of order', () => {
  const config = mergeConfig(RECOMMENDED, { templates: { 'follow-up': { sections: ['Anamnèse', 'Relations'] } } });
  const text = `${FM}## Relations\nSa sœur 🙂.\n\n## anamnèse\nÉlodie.\n`;
  assert.deepEqual(lint(text, config).map((f) => f.message), ['"Relations" is out of order: template "follow-up" puts it after "Anamnèse".']);
});

test('unordered templates skip the order check; heading spelling is no longer this rule’s', () => {
  const config = mergeConfig(RECOMMENDED, { templates: { 'follow-up': { extends: 'follow-up', ordered: false } } });
  assert.deepEqual(lint(build(S.goals, S.story.replace('## Story', '## story')), config), []);
  assert.deepEqual(lint(build('## story\nA.\n', S.rel, '## GOALS:\n- [G1] x\n')), []);
  // The old option still loads and changes nothing.
  const old = mergeConfig(RECOMMENDED, { rules: { 'section-order': { normalizeHeadings: false } } });
  assert.deepEqual(lint(build(S.goals, S.story), old).length, 1);
});

test('inline disable comment', () => {
  const text = build(S.story, S.goals, '<!-- visitnotes-disable-next-line section-order -->', S.rel);
  // The comment sits before Relationships; the finding is on Goals, so it stays.
  assert.equal(lint(text).length, 1);
  const text2 = build(S.story, '<!-- visitnotes-disable-next-line section-order -->', S.goals, S.rel);
  assert.deepEqual(lint(text2), []);
});
