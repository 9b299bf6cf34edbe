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
