/**
 * Property tests: the engine never throws, whatever the text, every range it
 * reports lies inside the note, and fix-all converges and is idempotent.
 * Runs are modest by default; `FUZZ_RUNS=2000 node scripts/test.mjs fuzz` soaks
 * (FUZZ_SEED reproduces a run: fast-check prints the seed of a failure).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseNote, parseTree } from '../../server/src/engine/parse.ts';
import { lintText } from '../../server/src/engine/run-rules.ts';
import { fixAll } from '../../server/src/engine/fixes.ts';
import type { Finding } from '../../server/src/engine/rules/types.ts';
import type { Note } from '../../server/src/engine/model/note.ts';
import type { Range } from '../../server/src/engine/model/text.ts';
import { anyText, fuzzRuns, fuzzSeed, noteText } from './fuzz-arbitraries.ts';

function assertInside(range: Range, length: number, what: string): void {
  assert.ok(
    Number.isInteger(range.start) && Number.isInteger(range.end) && 0 <= range.start && range.start <= range.end && range.end <= length,
    `${what} ${JSON.stringify(range)} outside 0..${length}`,
  );
}

/** Every range a finding carries: its own, its fix's and suggestions' edits, related locations. */
export function assertFindingRanges(findings: readonly Finding[], length: number): void {
  for (const f of findings) {
    // The host turns a throwing rule into a finding; for the fuzzer that is a crash.
    assert.ok(!/failed on this note/.test(f.message), `rule ${f.ruleId} threw: ${f.message}`);
    assertInside(f.range, length, `${f.ruleId} range`);
    for (const fix of [...(f.fix ? [f.fix] : []), ...(f.suggestions ?? [])]) {
      for (const e of fix.edits) assertInside(e.range, length, `${f.ruleId} edit "${fix.title}"`);
    }
    for (const r of f.related ?? []) assertInside(r.range, length, `${f.ruleId} related`);
  }
}

/** Every range in the model. */
function assertModelRanges(note: Note): void {
  const len = note.text.length;
  const fm = note.frontMatter;
  if (fm) {
    for (const r of [fm.range, fm.yamlRange, ...fm.errors.map((e) => e.range)]) assertInside(r, len, 'front matter');
    for (const e of fm.entries) for (const r of [e.keyRange, e.valueRange]) assertInside(r, len, 'front matter entry');
  }
  for (const s of note.sections) for (const r of [s.headingRange, s.titleRange, s.bodyRange]) assertInside(r, len, 'section');
  for (const g of note.goals) for (const r of [g.range, g.idRange, g.textRange]) assertInside(r, len, 'goal');
  for (const g of note.unidentifiedGoals) assertInside(g.range, len, 'unidentified goal');
  for (const r of note.goalReferences) assertInside(r.range, len, 'goal reference');
  for (const m of note.medications) {
    for (const r of [m.range, m.headingRange, m.titleRange]) assertInside(r, len, 'medication');
    for (const f of m.fields) for (const r of [f.range, f.nameRange, f.valueRange]) assertInside(r, len, 'medication field');
  }
  for (const d of note.directives) assertInside(d.range, len, 'directive');
  assertInside(note.preambleRange, len, 'preamble');
}

function checkText(text: string): void {
  const { note, findings } = lintText(text);
  assertModelRanges(note);
  assertFindingRanges(findings, text.length);
  const fixed = fixAll(text);
  assertFindingRanges(fixed.findings, fixed.text.length);
  assert.deepEqual(
    fixed.findings.filter((f) => f.fix).map((f) => `${f.ruleId}: ${f.fix!.title}`),
    [],
    'fix-all left fixable findings',
  );
  assert.equal(fixAll(fixed.text).text, fixed.text, 'fix-all is not idempotent');
}

test('fuzz: note-shaped text never throws; ranges stay inside; fix-all converges and is idempotent', () => {
  fc.assert(fc.property(noteText, checkText), { numRuns: fuzzRuns(150), seed: fuzzSeed() });
});

test('fuzz: arbitrary text never throws; ranges stay inside; fix-all converges and is idempotent', () => {
  fc.assert(fc.property(anyText, checkText), { numRuns: fuzzRuns(100), seed: fuzzSeed() });
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
