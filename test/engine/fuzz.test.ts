/**
 * Property tests: the engine never throws, whatever the text, every range it
 * reports lies inside the note, and fix-all converges and is idempotent.
 * Runs are modest by default; `FUZZ_RUNS=2000 npx vitest run fuzz` soaks
 * (FUZZ_SEED reproduces a run: fast-check prints the seed of a failure).
 */
import { test } from 'vitest';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { countWords, parseNote, parseTree } from '../../server/src/engine/parse.ts';
import { fold } from '../../server/src/engine/vocabulary/index.ts';
import { parseInChunks } from '../../server/src/engine/markdown.ts';
import { generateNote } from '../../bench/generate.ts';
import { fixAll } from '../../server/src/engine/fixes.ts';
import { anyText, assertInside, assertSameAsRemarkGfm, blockSoup, checkText, fuzzRuns, fuzzSeed, noteText, referenceTree } from './fuzz-support.ts';

test('fuzz: note-shaped text never throws; ranges stay inside; fix-all converges and is idempotent', async () => {
  // Nor does it print process warnings (the CLI's and the server's stderr).
  const warnings: string[] = [];
  const onWarning = (w: Error) => warnings.push(w.message);
  process.on('warning', onWarning);
  try {
    fc.assert(fc.property(noteText, (text) => checkText(text)), { numRuns: fuzzRuns(100), seed: fuzzSeed() });
    checkText('---\n? [ ref ]\n: value\n---\n');
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off('warning', onWarning);
  }
  assert.deepEqual(warnings, []);
});

test('fuzz: arbitrary text never throws; ranges stay inside; fix-all converges and is idempotent', () => {
  fc.assert(fc.property(anyText, (text) => checkText(text)), { numRuns: fuzzRuns(100), seed: fuzzSeed() });
});

test('parse: every node offset indexes the text, with or without a BOM', () => {
  fc.assert(
    fc.property(fc.boolean(), fc.boolean(), noteText, (bom, second, body) => {
      const text = (bom ? '\uFEFF' : '') + (second ? '\uFEFF' : '') + body;
      const walk = (n: { position?: { start: { offset?: number }; end: { offset?: number } }; children?: unknown[] }) => {
        const s = n.position?.start.offset ?? 0;
        const e = n.position?.end.offset ?? 0;
        assertInside({ start: s, end: e }, text.length, 'node');
        for (const c of n.children ?? []) walk(c as typeof n);
      };
      walk(parseTree(text));
      // Leaf text nodes hold what their range covers once escapes are resolved.
      const note = parseNote(text);
      for (const r of note.goalReferences) assert.match(text.slice(r.range.start, r.range.end), /^\[G\d+\]$/);
    }),
    { numRuns: fuzzRuns(100), seed: fuzzSeed() },
  );
});

test('parse: the engine parser (GFM parts chosen by the text) reads every text as remark-gfm does', () => {
  const triggers = fc.constantFrom('@', 'www.', 'WWW.x', 'http://', 'https://a.b', 'a@b.co', 'mailto:a@b.c', '|', ':-', '-:', '| a |\n| - |', 'a\n:-', '');
  const withTriggers = fc.tuple(noteText, triggers, fc.nat()).map(([t, trig, i]) => {
    const at = t.length ? i % (t.length + 1) : 0;
    return t.slice(0, at) + trig + t.slice(at);
  });
  fc.assert(fc.property(fc.oneof(noteText, anyText, blockSoup, withTriggers), assertSameAsRemarkGfm), {
    numRuns: fuzzRuns(300),
    seed: fuzzSeed(),
  });
});

test('parse: a note parsed in chunks (as long notes are) gives the tree remark-gfm gives in one piece', () => {
  fc.assert(
    fc.property(fc.oneof(noteText, blockSoup, anyText), fc.integer({ min: 1, max: 300 }), (text, chunk) => {
      assert.deepStrictEqual(parseInChunks(text, chunk), referenceTree(text));
    }),
    { numRuns: fuzzRuns(300), seed: fuzzSeed() },
  );
  // A generated note in many chunks, with a BOM and CRLF too.
  const note = generateNote(3, { lines: 400 });
  for (const text of [note, '\uFEFF' + note.replace(/\n/g, '\r\n')]) {
    for (const chunk of [200, 1000, 5000]) assert.deepStrictEqual(parseInChunks(text, chunk), referenceTree(text));
  }
});

test('parse: two BOMs: the second is content and offsets still index the text', () => {
  const text = '\uFEFF\uFEFFab';
  const para = parseTree(text).children[0]!;
  assert.equal(para.position!.start.offset, 1);
  assert.equal(para.position!.end.offset, 4);
});

test('parse: an unclosed front matter fence does not turn the lists after it into paragraphs', () => {
  // micromark-extension-frontmatter#5: the failed fence attempt hid every list and block quote.
  const note = parseNote('---\npatient: A.B.\n\n## Goals\n- [G1] Walk the coastal path.\n\n> quoted\n');
  assert.equal(note.frontMatter, undefined);
  assert.deepEqual(
    note.tree.children.map((c) => c.type),
    ['thematicBreak', 'paragraph', 'heading', 'list', 'blockquote'],
  );
  assert.deepEqual(
    note.goals.map((g) => g.id),
    ['G1'],
  );
  // A closing fence anywhere makes it front matter again.
  assert.ok(parseNote('---\npatient: A.B.\n---\n\n- a\n').frontMatter);
  assert.ok(parseNote('\uFEFF---\r\npatient: A.B.\r\n---  \r\n- a').frontMatter);
});

test(
  'fix-all: a missing section is not appended inside an unclosed fence or HTML block at the end',
  () => {
    for (const text of ['```js\n', '## Story\n\nx\n\n<!-- note']) {
      const once = fixAll(text);
      assert.deepEqual(once.findings.filter((f) => f.fix).map((f) => f.ruleId), []);
      assert.equal(fixAll(once.text).text, once.text);
    }
  },
);

test('fast paths agree with their plain definitions: countWords, fold', () => {
  const WORD = /\p{L}[\p{L}\p{N}'’-]*/gu;
  const unit = fc.constantFrom('a', 'Z', 's', 'e', 'i', 'u', 'x', 'h', 'c', 'z', '1', '-', "'", '’', ' ', '\n', 'é', '\u0301', '𝒜', '٣', '\uD800', 'ß', '😀', '\t');
  fc.assert(
    fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit })), (text) => countWords(text) === (text.match(WORD)?.length ?? 0)),
    { numRuns: fuzzRuns(1000), seed: fuzzSeed() },
  );
  const plainFold = (w: string) => {
    if (w.length > 4 && w.endsWith('ies')) return w.slice(0, -3) + 'y';
    if (w.length > 4 && /(?:ss|x|ch|sh|z)es$/.test(w)) return w.slice(0, -2);
    if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') && !w.endsWith("'s") && !/(?:us|is)$/.test(w)) return w.slice(0, -1);
    return w;
  };
  fc.assert(fc.property(fc.string({ unit }), (w) => fold(w) === plainFold(w)), { numRuns: fuzzRuns(1000), seed: fuzzSeed() });
});

// Found by the fuzz test above (seed 1288626961): a goal with an ID and no text.
test('parse: a goal with no text has an empty text range after its ID, inside the item', () => {
  for (const text of ['## Goals\n- [G6] ', '## Goals\n- [G6]', '## Goals\n- [G6]  \n', '## Goals\r\n- [G6] \r\n']) {
    const [goal] = parseNote(text).goals;
    assert.ok(goal, JSON.stringify(text));
    assert.equal(goal.text, '');
    assert.ok(goal.textRange.start <= goal.textRange.end, JSON.stringify(goal.textRange));
    assert.ok(goal.textRange.start >= goal.idRange.end && goal.textRange.end <= goal.range.end, JSON.stringify(goal));
    assertInside(goal.textRange, text.length, "goal text");
  }
});
