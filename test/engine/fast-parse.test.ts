/**
 * The fast parser (server/src/engine/fast/) against plain remark
 * (unified + remark-parse + remark-frontmatter + remark-gfm): the same tree,
 * positions included, for every CommonMark spec example (whole, in LF, CRLF
 * and CR, and as a fragment), every fixture and example note, the benchmark
 * corpus' notes, and generated notes built to trip a line scanner. A tree
 * from the fast parser must be remark's, node for node; the statistics show
 * the scanner (not only remark) built them.
 */
import { test } from 'vitest';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import fc from 'fast-check';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import type { Root } from 'mdast';
import { fastLineStarts, fastTree, newParseStats } from '../../server/src/engine/fast/parse.ts';
import { LineIndex } from '../../server/src/engine/model/text.ts';
import { parseTree } from '../../server/src/engine/markdown.ts';
import { generateNote } from '../../bench/generate.ts';
import { anyText, blockSoup, fuzzRuns, fuzzSeed, noteText, referenceTree } from './fuzz-support.ts';
import { scannerNote, scannerSubsetNote } from './fast-support.ts';

const root = path.resolve(import.meta.dirname, '../..');
const examples = (createRequire(import.meta.url)('commonmark-spec') as { tests: { markdown: string; number: number; section: string }[] }).tests.map((e) => ({
  ...e,
  markdown: e.markdown.replace(/→/g, '\t'),
}));
const fragmentReference = unified().use(remarkParse).use(remarkGfm);

/** The fast parser reads `text` (it may decline only a fragment or note starting with a byte order mark) as remark does. */
function assertSame(text: string, what: string, fragment = false): void {
  const fast = fastTree(text, fragment);
  if (!fast) {
    assert.ok(text.charCodeAt(0) === 0xfeff, `${what}: the fast parser declined ${JSON.stringify(text.slice(0, 200))}`);
    return;
  }
  // parseNote hands the scanner's line starts to the model's LineIndex instead of scanning again.
  assert.deepEqual(fastLineStarts(fast), new LineIndex(text).lineStarts, `${what}: line starts`);
  const reference = fragment ? (fragmentReference.parse(text) as Root) : referenceTree(text);
  try {
    assert.deepStrictEqual(fast, reference);
  } catch (err) {
    assert.fail(`${what}: differs from remark\n${JSON.stringify(text.slice(0, 400))}\n${(err as Error).message.slice(0, 1500)}`);
  }
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => path.join(dir, f));
}

test('fast parser: every CommonMark spec example, in LF, CRLF and CR, whole and as a fragment', () => {
  assert.ok(examples.length > 600);
  for (const e of examples) {
    const what = `spec example ${e.number} (${e.section})`;
    assertSame(e.markdown, what);
    assertSame(e.markdown.replace(/\n/g, '\r\n'), `${what}, CRLF`);
    assertSame(e.markdown.replace(/\n/g, '\r'), `${what}, CR`);
    assertSame(e.markdown, `${what}, fragment`, true);
  }
});

test('fast parser: every fixture and example note', () => {
  const files = [...markdownFiles(path.join(root, 'test/fixtures')), ...markdownFiles(path.join(root, 'examples'))];
  assert.ok(files.length > 20, `${files.length} files`);
  const literal: string[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const name = path.relative(root, file);
    // Notes with a block over the limits (markup-limit's fixtures) differ from remark there, on purpose.
    if (JSON.stringify(fastTree(text, false)).includes('"visitnotesLiteral"')) literal.push(name);
    else assertSame(text, name);
  }
  assert.deepEqual(literal, ['test/fixtures/rules/markup-limit/pasted-markup.visit.md']);
});

test('fast parser: benchmark corpus notes are built by the scanner alone', () => {
  const stats = newParseStats();
  for (let seed = 0; seed < 60; seed++) {
    const text = generateNote(42 * 100003 + seed);
    assertSame(text, `corpus note ${seed}`);
    fastTree(text, false, stats);
  }
  assertSame(generateNote(42, { lines: 3000 }), 'long corpus note');
  // Typical notes never reach remark: no region, no inline job.
  assert.deepEqual({ regions: stats.regions, jobs: stats.jobs }, { regions: 0, jobs: 0 });
  assert.ok(stats.scanned > 60 * 15, `${stats.scanned} blocks scanned`);
});

// 2,000 generated notes, each parsed twice: minutes on a busy 2-core machine.
test('fast parser: generated notes read as remark reads them', { timeout: 300_000 }, () => {
  const stats = newParseStats();
  const runs = fuzzRuns(400);
  const seed = fuzzSeed();
  for (const [name, arbitrary] of [
    ['scanner subset', scannerSubsetNote],
    ['scanner traps', scannerNote],
    ['note-shaped', noteText],
    ['block soup', blockSoup],
    ['any text', anyText],
  ] as const) {
    fc.assert(
      fc.property(arbitrary, (text) => {
        fastTree(text, false, stats);
        assertSame(text, name);
      }),
      { numRuns: runs, ...(seed === undefined ? {} : { seed }) },
    );
  }
  // The scanner built a good share of the blocks, not only remark.
  assert.ok(stats.scanned > runs * 2, `scanned ${stats.scanned}, regions ${stats.regions}`);
  assert.ok(stats.jobs > runs / 2, `inline jobs ${stats.jobs}`);
});

test('fast parser: definitions anywhere make brackets references everywhere', () => {
  const cases = [
    '## Goals\n\n- [G1] Walk again\n\nSee [G1].\n\n[g1]: https://example.org\n',
    '[G1] first, defined below.\n\n> [G1]: /quoted "in a quote"\n',
    '- item [x]\n  - [y] nested\n\n1. [^1] call\n\n[^1]: a footnote\n\n[x]: /x\n[Y]: /y\n',
    'Text [a] [b][a] [c][] ![a]\n\n[a]: </u v> \'t\'\n',
    // One-line definitions and shortcut references the scanner builds itself.
    '## Story\n\n[r0]: /u0\n\nSee [r0].\n\n[R1]: /u1\n[r2]:/u2\n\n[r1] and [r2] and [G1] and [r3].\n\n- [G1] Walk again [r1]\n',
    '[r0]: /u0\n"a title"\n\n[r0] x\n\n[r4]: /u4\nSee [r4]\n\n[r5]: /u5 \n\n[r5][] [r5](x) ![r5] [r5][r0]\n',
  ];
  for (const text of cases) {
    assertSame(text, 'definitions');
    assert.deepStrictEqual(parseTree(text), referenceTree(text));
  }
});

test('fast parser: a note of one-line definitions and references reads them without remark', () => {
  const text = '## Story\n\n' + Array.from({ length: 200 }, (_, i) => `[r${i}]: /u${i}\n\nSee [r${i}] and [G1].\n`).join('\n');
  const stats = newParseStats();
  assert.deepStrictEqual(fastTree(text, false, stats), referenceTree(text));
  assert.deepEqual({ passes: stats.passes, regions: stats.regions, batches: stats.batches }, { passes: 1, regions: 0, batches: 0 });
});

test('fast parser: an unclosed fence, HTML comment or list ends where remark ends it', () => {
  const cases = [
    '## Story\n\n```\n## Goals\n\n- [G1] not a goal\n',
    '## Story\n\n<!-- a comment\n\n## Goals\n-->\n\n## Goals\n\n- [G1] a goal\n',
    '- a\n\n      code in the item\n\n    code after the list\n\n## Goals\n',
    '- a\n-\n\n- c\n\n## Goals\n',
    'Text\n  more\n    lazy\n\n  - item\n 2. other\n\n\tcode\n',
  ];
  for (const text of cases) assertSame(text, 'regions');
});
