/**
 * Hostile and unlucky notes (issue 16, item 3): inputs that cost remark more
 * than linear time are read in linear time, with one `markup-limit` finding
 * where a block was read as plain text, and the rest of the note read as
 * usual. Work is asserted in characters handed to remark (the parser's
 * statistics), never in wall-clock time: a hostile note costs remark nothing or
 * a bounded amount per block, and doubling it doubles the work.
 */
import { test } from 'vitest';
import assert from 'node:assert/strict';
import { fastTree, newParseStats, type ParseStats } from '../../server/src/engine/fast/parse.ts';
import { parseTree } from '../../server/src/engine/markdown.ts';
import { lintText } from '../../server/src/engine/run-rules.ts';
import { INLINE_MARKUP_LIMIT, MAX_NESTING, noteLimitProblem, REGION_LIMIT, unparsedReason } from '../../server/src/engine/limits.ts';
import { referenceTree } from './fuzz-support.ts';

const HEAD = '---\npatient: A.B.\ndate: 2026-03-04\nvisit: follow-up\n---\n\n## Story\n\nShe says the mornings are the hardest part [G1].\n\n';
const TAIL = '\n\n## Goals\n\n- [G1] Return to the day shift.\n\n## Countertransference\n\nI noticed I wanted to reassure her quickly.\n';

function parsed(body: string): { text: string; stats: ParseStats; remarkChars: number } {
  const text = HEAD + body + TAIL;
  const stats = newParseStats();
  assert.ok(fastTree(text, false, stats));
  return { text, stats, remarkChars: stats.regionChars + stats.jobChars };
}

/** Findings of one rule. */
const only = (text: string, ruleId: string) => lintText(text).findings.filter((f) => f.ruleId === ruleId);

/** The sections around a hostile block are read as usual. */
function assertRestRead(text: string): void {
  const { note } = lintText(text);
  assert.deepEqual(
    note.sections.map((s) => s.canonical),
    ['Story', 'Goals', 'Countertransference'],
  );
  assert.deepEqual(note.goals.map((g) => g.id), ['G1']);
}

const HOSTILE: [string, (n: number) => string][] = [
  ['`*a` runs', (n) => '*a'.repeat(n)],
  ['`*_` runs', (n) => '*_'.repeat(n)],
  ['`[a](` runs', (n) => '[a]('.repeat(n)],
  ['backtick runs', (n) => '`a``b'.repeat(n)],
  ['entity runs', (n) => '&amp;'.repeat(n)],
  ['inline HTML runs', (n) => '<a '.repeat(n)],
  ['`~a` runs', (n) => '~a'.repeat(n)],
  ['autolink runs', (n) => 'www.a.b@c '.repeat(n)],
  ['a block quote of `*a`', (n) => '> ' + '*a'.repeat(n)],
  ['a list item of `*_`', (n) => '- ' + '*_'.repeat(n)],
];

for (const [name, make] of HOSTILE) {
  test(`hostile: ${name} are read as plain text, with one finding, in linear work`, () => {
    const small = parsed(make(12_000));
    const large = parsed(make(24_000));
    const findings = only(small.text, 'markup-limit');
    assert.equal(findings.length, 1, JSON.stringify(findings));
    assert.match(findings[0]!.message, /read as plain text/);
    assertRestRead(small.text);
    // Whatever remark reads is bounded per block: doubling the run adds nothing.
    assert.ok(large.remarkChars <= small.remarkChars + 2 * REGION_LIMIT, `${small.remarkChars} → ${large.remarkChars}`);
  });
}

test('hostile: below the limit, markup is read as remark reads it (no finding)', () => {
  const body = Array.from({ length: 40 }, () => '*a* **b** [c](d) `e` ~f~ &amp; <g> [G1]').join(' ');
  const text = HEAD + body + TAIL;
  assert.ok((body.match(/[*_`[\]<&~]/g) ?? []).length < INLINE_MARKUP_LIMIT);
  assert.deepStrictEqual(parseTree(text), referenceTree(text));
  assert.deepEqual(only(text, 'markup-limit'), []);
});

test('hostile: a 100,000-item list is built by the scanner, without remark', () => {
  const text = HEAD + '- a\n'.repeat(100_000) + TAIL;
  const stats = newParseStats();
  const list = fastTree(text, false, stats)!.children.find((c) => c.type === 'list');
  assert.deepEqual({ regions: stats.regions, jobs: stats.jobs }, { regions: 0, jobs: 0 });
  assert.equal(list?.type === 'list' && list.children.length, 100_000);
  assertRestRead(text);
  // The same list, shorter, is remark's list exactly.
  const short = HEAD + '- a\n'.repeat(2_000) + TAIL;
  assert.deepStrictEqual(parseTree(short), referenceTree(short));
});

test('hostile: a very long line of prose is one text node, without remark', () => {
  const { text, stats } = parsed('word '.repeat(200_000));
  assert.equal(stats.regions + stats.jobs, 0);
  assertRestRead(text);
});

test('hostile: huge tables, quotes and HTML blocks are cut at the size limit, each part bounded', () => {
  for (const body of [
    '| a | b |\n|---|---|\n' + '| x y | z w |\n'.repeat(6_000),
    '> quoted text here\n'.repeat(6_000),
    '<div>\n' + 'some html text\n'.repeat(6_000) + '</div>',
  ]) {
    const { text, remarkChars } = parsed(body);
    assert.ok(remarkChars <= 3 * REGION_LIMIT, `remark read ${remarkChars}`);
    assert.equal(only(text, 'markup-limit').length, 1);
    assertRestRead(text);
  }
  // Under the limit they are remark's blocks, unchanged.
  const table = HEAD + '| a | b |\n|---|---|\n' + '| x y | z w |\n'.repeat(200) + TAIL;
  assert.deepStrictEqual(parseTree(table), referenceTree(table));
});

test('hostile: an unclosed fence at the top of a long note is cut at the size limit; the rest is read', () => {
  const text = HEAD + '```\n' + 'code line\n'.repeat(5_000) + '\n## Relationships\n\n- Sister: close.' + TAIL;
  const findings = only(text, 'markup-limit');
  assert.equal(findings.length, 1);
  assert.match(findings[0]!.message, /unclosed code fence/);
  // remark would read the rest of the note as code; past the limit the sections are read.
  assert.ok(lintText(text).note.sections.some((s) => s.canonical === 'Relationships'));
  // A short unclosed fence is read as remark reads it: everything after is code.
  const short = HEAD + '```\n' + 'code line\n'.repeat(50) + TAIL;
  assert.deepStrictEqual(parseTree(short), referenceTree(short));
});

test('hostile: thousands of definitions and references cost linear work', () => {
  const defs = (n: number) => Array.from({ length: n }, (_, i) => `[r${i}]: /u${i}\n\nSee [r${i}].\n`).join('\n');
  const small = parsed(defs(1_000));
  const large = parsed(defs(2_000));
  assert.ok(large.remarkChars <= 2.2 * small.remarkChars, `${small.remarkChars} → ${large.remarkChars}`);
  const text = HEAD + defs(300) + TAIL;
  assert.deepStrictEqual(parseTree(text), referenceTree(text));
});

test('limits: notes over 4 MB or nested over 100 levels are not parsed, with the reason', () => {
  const big = HEAD + 'Plain prose line of the story.\n'.repeat(150_000) + TAIL;
  assert.match(noteLimitProblem(big) ?? '', /Too large to lint \(4\.\d MB/);
  const deep = HEAD + '>'.repeat(MAX_NESTING + 5) + ' deep' + TAIL;
  assert.match(noteLimitProblem(deep) ?? '', /Too deeply nested/);
  for (const text of [big, deep]) {
    const { note, findings } = lintText(text);
    assert.equal(unparsedReason(note), noteLimitProblem(text));
    assert.deepEqual(findings, []);
    assert.deepEqual(note.sections, []);
  }
  // A typical note is under both.
  assert.equal(noteLimitProblem(HEAD + TAIL), undefined);
  assert.equal(unparsedReason(lintText(HEAD + TAIL).note), undefined);
});
