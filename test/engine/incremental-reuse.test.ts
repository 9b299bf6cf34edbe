/**
 * `reparse(previous, text, { reuse: true })`, as the language server calls it:
 * the blocks after the edit are moved in place instead of copied. The result
 * must equal a full parse, chained over many edits, and the previous note must
 * say it was consumed (its tree no longer matches its text).
 */
import { test } from 'vitest';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseNote } from '../../server/src/engine/parse.ts';
import { consumed, reparse } from '../../server/src/engine/incremental.ts';
import { lintNote } from '../../server/src/engine/run-rules.ts';
import { generateNote } from '../../bench/generate.ts';
import { applyEdit, fuzzRuns, fuzzSeed, noteText, randomEdit } from './fuzz-support.ts';
import { scannerSubsetNote } from './fast-support.ts';
import type { Note } from '../../server/src/engine/model/note.ts';
import type { Nodes } from 'mdast';

/** The model a rule reads, with the line index: an incremental build must equal a full one. */
function model(note: Note) {
  const { text, frontMatter, sections, goals, unidentifiedGoals, goalReferences, medications, directives, preambleRange, identifiers } = note;
  return { text, frontMatter, sections, goals, unidentifiedGoals, goalReferences, medications, directives, preambleRange, identifiers, lineStarts: note.lines.lineStarts };
}

test('incremental reuse: chained edits equal a full parse; each previous note is marked consumed when reused', () => {
  let moved = 0;
  for (const arbitrary of [noteText, scannerSubsetNote]) {
    fc.assert(
      fc.property(arbitrary, fc.array(randomEdit, { minLength: 1, maxLength: 8 }), (start, sequence) => {
        let previous = parseNote(start);
        let text = start;
        for (const edit of sequence) {
          text = applyEdit(text, edit);
          const result = reparse(previous, text, { minLength: 0, maxSliceRatio: 1, reuse: true });
          const full = parseNote(text);
          assert.deepStrictEqual(result.note.tree, full.tree);
          assert.deepStrictEqual(lintNote(result.note), lintNote(full));
          assert.deepStrictEqual(model(result.note), model(full));
          if (consumed(previous)) moved++;
          // Only an incremental re-parse that moved blocks consumes the previous note.
          if (!result.incremental) assert.equal(consumed(previous), false);
          previous = result.note;
        }
      }),
      { numRuns: fuzzRuns(60), seed: fuzzSeed() },
    );
  }
  assert.ok(moved > 20, `blocks moved in place in ${moved} edits`);
});

test('incremental reuse: one-character edits to a long note, chained', () => {
  let previous = parseNote(generateNote(3, { lines: 1500 }));
  let text = previous.text;
  for (let i = 0; i < 40; i++) {
    const at = Math.floor((i * 7919) % text.length);
    text = text.slice(0, at) + (i % 3 === 0 ? '\n' : 'e') + text.slice(at);
    const result = reparse(previous, text, { minLength: 0, reuse: true });
    assert.equal(result.incremental, true, result.fullParseReason);
    assert.equal(consumed(previous), true);
    previous = result.note;
  }
  const full = parseNote(text);
  assert.deepStrictEqual(previous.tree, full.tree);
  assert.deepStrictEqual(model(previous), model(full));
});

// Goal references of unchanged blocks are kept (moved with their block) rather than made
// again: edits that change which section a block stands in, or move blocks in and out of
// Goals and Medication meaning, must still give a full build's references.
const ROLE_HEADINGS = ['## Story', '## Goals', '## Medication meaning', '## Notes from earlier visits', '## Relationships', '# Visit', '### Sertraline 50 mg'];
const REFERENCE_BLOCKS = [
  'She says the mornings are hardest [G1] and [G2].',
  '- [G1] Return to the day shift by spring.',
  '- [G2] Walk the coastal path [G1].',
  '- Rationale: steadier days [G1].\n- Plan: revisit [G3].',
  'Escaped \\[G1] and [G12] and `[G4]`.',
  '[G7]',
  'Plain prose with no reference.',
];
const referenceNote = fc
  .array(fc.oneof(fc.constantFrom(...ROLE_HEADINGS), fc.constantFrom(...REFERENCE_BLOCKS)), { minLength: 4, maxLength: 24 })
  .map((blocks) => blocks.join('\n\n') + '\n');
/** An edit that renames a heading (its section's role changes), or types or deletes in place. */
type ReferenceEdit = { kind: 'heading'; which: number; to: string } | { kind: 'type'; at: number; insert: string; remove: number };
const referenceEdit: fc.Arbitrary<ReferenceEdit> = fc.oneof(
  fc.record({ kind: fc.constant('heading' as const), which: fc.nat(), to: fc.constantFrom(...ROLE_HEADINGS) }),
  fc.record({
    kind: fc.constant('type' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    insert: fc.constantFrom('x', ' [G5]', '\n\n', '\n\n## Goals\n\n', '\n\n## Story\n\n', ''),
    remove: fc.nat({ max: 3 }),
  }),
);
/**
 * Each reference's medication, field and section, read back from the model's own
 * ranges: an oracle independent of how parse.ts resolves them (a shortcut taken
 * by both the full and the incremental build would otherwise go unseen).
 */
function assertReferencesPlaced(note: Note): void {
  const inside = (r: { start: number; end: number }, at: number) => r.start <= at && at < r.end;
  for (const ref of note.goalReferences) {
    const at = ref.range.start;
    const medication = note.medications.findIndex((m) => inside(m.range, at));
    const field = medication >= 0 ? note.medications[medication]!.fields.find((f) => inside(f.range, at)) : undefined;
    const section = note.sections.find((x) => inside(x.bodyRange, at));
    assert.deepStrictEqual(
      { medication: ref.medication, field: ref.field, section: ref.section },
      {
        medication: medication >= 0 ? medication : undefined,
        field: field ? (field.meant ?? field.key) : undefined,
        section: section ? (section.standsFor?.section ?? section.canonical) : undefined,
      },
      `reference ${ref.id} at ${at}`,
    );
    assert.ok(!note.goals.some((g) => g.idRange.start === at), `a goal's own ID is not a reference (${at})`);
  }
}

function applyReferenceEdit(text: string, edit: ReferenceEdit): string {
  if (edit.kind === 'heading') {
    const headings = [...text.matchAll(/^#{1,3} .*$/gm)];
    const h = headings[edit.which % Math.max(1, headings.length)];
    return h ? text.slice(0, h.index) + edit.to + text.slice(h.index + h[0].length) : text;
  }
  const at = Math.floor(edit.at * text.length);
  return text.slice(0, at) + edit.insert + text.slice(Math.min(text.length, at + edit.remove));
}

test('incremental reuse: goal references kept or moved with their blocks equal a full build when sections change role', () => {
  let kept = 0;
  let total = 0;
  fc.assert(
    fc.property(referenceNote, fc.array(referenceEdit, { minLength: 1, maxLength: 10 }), (start, sequence) => {
      let previous = parseNote(start);
      let text = start;
      for (const edit of sequence) {
        text = applyReferenceEdit(text, edit);
        const before = new Set(previous.goalReferences);
        const result = reparse(previous, text, { minLength: 0, maxSliceRatio: 1, reuse: true });
        const full = parseNote(text);
        assert.deepStrictEqual(result.note.goalReferences, full.goalReferences);
        assertReferencesPlaced(full);
        assert.deepStrictEqual(model(result.note), model(full));
        assert.deepStrictEqual(lintNote(result.note), lintNote(full));
        total += result.note.goalReferences.length;
        kept += result.note.goalReferences.filter((r) => before.has(r)).length;
        previous = result.note;
      }
    }),
    { numRuns: fuzzRuns(150), seed: fuzzSeed() },
  );
  // The property is only meaningful when references are actually carried over.
  assert.ok(kept > total * 0.3, `${kept} of ${total} references carried over`);
});

test('incremental reuse: blocks read as plain text (markup-limit) are found in kept, moved and re-parsed blocks alike', () => {
  const literal = (n: number) => `A pasted list of ${n} starred words: ${'*w '.repeat(1100 + n)}end.`;
  const parts = generateNote(9, { lines: 400 }).split('\n\n');
  const base = [...parts.slice(0, 10), literal(1), ...parts.slice(10, 30), literal(2), ...parts.slice(30)].join('\n\n');
  let previous = parseNote(base);
  let text = base;
  let seen = 0;
  for (let i = 0; i < 30; i++) {
    // Before both literal paragraphs (they move), inside one (it is re-parsed, and a
    // blank line splits it: its first part stops being literal), between them, after them.
    const first = text.indexOf('A pasted list');
    const second = text.indexOf('A pasted list', first + 1);
    const where = [Math.floor(first / 2), text.indexOf('starred words', first), Math.floor((first + second) / 2), text.length - 10][i % 4]!;
    text = text.slice(0, where) + (i % 3 === 0 ? '\n\n' : 'x') + text.slice(where);
    const result = reparse(previous, text, { minLength: 0, reuse: true });
    const full = parseNote(text);
    const findings = lintNote(result.note).filter((f) => f.ruleId === 'markup-limit');
    assert.deepStrictEqual(findings, lintNote(full).filter((f) => f.ruleId === 'markup-limit'));
    // And where a plain walk of a full parse's tree finds them (the rule keeps what it found by block).
    assert.deepStrictEqual(findings.map((f) => f.range.start), literalStarts(full.tree));
    seen += findings.length;
    previous = result.note;
  }
  assert.ok(seen >= 30, `markup-limit findings seen: ${seen}`);
});

/** Starts of the nodes the parser marked as read as plain text, by a plain walk of the whole tree. */
function literalStarts(node: Nodes): number[] {
  const own = node.data?.visitnotesLiteral ? [node.position!.start.offset!] : [];
  return 'children' in node ? [...own, ...node.children.flatMap((c) => literalStarts(c as Nodes))] : own;
}

test("incremental reuse: an earlier version's findings stay as they were when a later one moves its tree", () => {
  // [G7] is undefined: undefined-goal offers each defined goal, with an edit over the reference itself.
  const text = [
    '---\npatient: A.B.\ndate: 2026-03-04\n---\n',
    '## Story\nShe drives the morning route again.\n\nShe talks about the children on the bus.\n',
    '## Relationships\nHer sister, who sings in the choir with her [G7].\n\nA neighbour drives her on Sundays.\n',
    '## Goals\n- [G1] Drive the morning route.\n- [G2] Sing with the choir.\n',
  ].join('\n');
  const previous = parseNote(text);
  const findings = lintNote(previous);
  assert.ok(findings.some((f) => f.ruleId === 'undefined-goal' && f.suggestions?.length), JSON.stringify(findings.map((f) => f.ruleId)));
  const before = JSON.stringify(findings);
  const at = text.indexOf('She drives');
  const result = reparse(previous, `${text.slice(0, at)}Again, ${text.slice(at)}`, { minLength: 0, maxSliceRatio: 1, reuse: true });
  assert.equal(consumed(previous), true, 'the blocks after the edit were moved in place');
  assert.equal(JSON.stringify(findings), before);
  assert.deepStrictEqual(lintNote(result.note), lintNote(parseNote(result.note.text)));
});
