import { test } from 'vitest';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseNote } from '../../server/src/engine/parse.ts';
import { reparse, reparseNote } from '../../server/src/engine/incremental.ts';
import { lintNote } from '../../server/src/engine/run-rules.ts';
import type { Note } from '../../server/src/engine/model/note.ts';
import { generateNote } from '../../bench/generate.ts';
import { applyEdit, fuzzRuns, fuzzSeed, noteText, randomEdit } from './fuzz-support.ts';

/** Everything a rule can read, minus the tree and line index (compared separately). */
function model(note: Note) {
  const { text, frontMatter, sections, goals, unidentifiedGoals, goalReferences, medications, directives, preambleRange, identifiers } = note;
  return { text, frontMatter, sections, goals, unidentifiedGoals, goalReferences, medications, directives, preambleRange, identifiers };
}

/** Force the incremental path even on short texts. */
const always = { minLength: 0, maxSliceRatio: 1 };

function assertSame(incremental: Note, full: Note): void {
  assert.deepStrictEqual(incremental.tree, full.tree);
  assert.deepStrictEqual(model(incremental), model(full));
  assert.deepStrictEqual(incremental.lines.lineStarts, full.lines.lineStarts);
  assert.deepStrictEqual(lintNote(incremental), lintNote(full));
}

test('incremental: random edit sequences give the same tree, model and findings as a full parse', () => {
  let edits = 0;
  let reused = 0;
  fc.assert(
    fc.property(noteText, fc.array(randomEdit, { minLength: 1, maxLength: 8 }), (start, sequence) => {
      let previous = parseNote(start);
      let text = start;
      for (const edit of sequence) {
        text = applyEdit(text, edit);
        const result = reparse(previous, text, always);
        edits++;
        if (result.incremental) reused++;
        assertSame(result.note, parseNote(text));
        // Chain the incremental result, as the language server does.
        previous = result.note;
      }
    }),
    { numRuns: fuzzRuns(60), seed: fuzzSeed() },
  );
  // The property is only meaningful if the incremental path is taken often.
  assert.ok(reused > edits * 0.3, `incremental path taken for ${reused} of ${edits} edits`);
});

test('incremental: edits to a generated note (many blocks) reuse the tree and match a full parse', () => {
  const base = generateNote(7, { lines: 200 });
  let reused = 0;
  let edits = 0;
  fc.assert(
    fc.property(fc.array(randomEdit, { minLength: 1, maxLength: 5 }), (sequence) => {
      let previous = parseNote(base);
      let text = base;
      for (const edit of sequence) {
        text = applyEdit(text, edit);
        const result = reparse(previous, text, { minLength: 0 });
        edits++;
        if (result.incremental) reused++;
        assertSame(result.note, parseNote(text));
        previous = result.note;
      }
    }),
    { numRuns: fuzzRuns(15), seed: fuzzSeed() },
  );
  assert.ok(reused > edits * 0.7, `incremental path taken for ${reused} of ${edits} edits`);
});

test('incremental: the previous note is left intact', () => {
  const base = generateNote(3, { lines: 400 });
  const previous = parseNote(base);
  const snapshot = structuredClone({ tree: previous.tree, model: model(previous) });
  const at = base.indexOf('## Goals');
  const text = base.slice(0, at) + 'One more line of story.\n\n' + base.slice(at);
  const result = reparse(previous, text, { minLength: 0 });
  assert.equal(result.incremental, true, result.fullParseReason);
  assert.ok(result.reparsed && result.reparsed.end - result.reparsed.start < text.length / 4);
  assert.deepStrictEqual({ tree: previous.tree, model: model(previous) }, snapshot);
  assertSame(result.note, parseNote(text));
});

test('incremental: falls back to a full parse where reuse is unsafe', () => {
  const base = generateNote(5, { lines: 300 });
  const reason = (text: string, previous = parseNote(base)) => reparse(previous, text, { minLength: 0 }).fullParseReason;
  // Small notes: a full parse is cheap.
  const short = generateNote(5);
  assert.equal(reparse(parseNote(short), short + 'x').fullParseReason, 'small note');
  // Definitions change links anywhere in the note.
  assert.equal(reason(base + '\n[ref]: https://example.org\n'), 'definitions');
  const withDefinition = base.replace('## Goals', '[ref]: https://example.org\n\n## Goals');
  assert.equal(reason(withDefinition + 'x', parseNote(withDefinition)), 'definitions');
  // An unclosed fence swallows the rest of the note.
  const at = base.indexOf('## Relationships');
  const fenced = base.slice(0, at) + '```\n' + base.slice(at);
  assert.equal(reason(fenced), 'slice ends differently');
  assertSame(reparseNote(parseNote(base), fenced, { minLength: 0 }), parseNote(fenced));
  // Same text: the tree is reused as is.
  const same = reparse(parseNote(base), base, { minLength: 0 });
  assert.equal(same.incremental, true);
});

test('incremental: CRLF, lone CR and a BOM are handled at slice boundaries', () => {
  for (const eol of ['\r\n', '\r']) {
    const base = '\uFEFF' + generateNote(11, { lines: 200 }).replace(/\n/g, eol);
    let previous = parseNote(base);
    let text = base;
    for (const at of [0.1, 0.5, 0.9, 0]) {
      const i = Math.floor(text.length * at);
      text = text.slice(0, i) + eol + 'Inserted line [G1].' + eol + text.slice(i);
      const next = reparseNote(previous, text, { minLength: 0 });
      assertSame(next, parseNote(text));
      previous = next;
    }
  }
});
