import { test } from 'vitest';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { isBuffered, noteTextDocuments } from '../../server/src/lsp/text-document.ts';
import { fuzzRuns, fuzzSeed } from '../engine/fuzz-support.ts';

// Pieces that matter to line offsets and to the Latin-1 buffer: CR, LF, CRLF, Latin-1 and wider characters.
const piece = fc.oneof(
  { weight: 30, arbitrary: fc.constantFrom('a', 'b c', '\n', '\r', '\r\n', '\n\n', 'é', '## Story\n', '  ') },
  { weight: 1, arbitrary: fc.constantFrom('€', '😀') },
);
const text = fc.array(piece, { maxLength: 30 }).map((xs) => xs.join(''));
const position = fc.record({ line: fc.integer({ min: -1, max: 12 }), character: fc.integer({ min: -1, max: 12 }) });
const change: fc.Arbitrary<TextDocumentContentChangeEvent> = fc.oneof(
  { weight: 9, arbitrary: fc.record({ range: fc.record({ start: position, end: position }), text }) },
  { weight: 1, arbitrary: fc.record({ text }) },
);

/** Everything the server reads from a document, at every offset and at positions in and around every line. */
function reading(doc: TextDocument) {
  const content = doc.getText();
  const positions = [];
  for (let o = -1; o <= content.length + 1; o++) positions.push(doc.positionAt(o));
  const offsets = [];
  const lines = [];
  for (let line = -1; line <= doc.lineCount; line++) {
    for (let character = -1; character <= 6; character++) offsets.push(doc.offsetAt({ line, character }));
    lines.push([doc.getLineRange(line), doc.getEOLCharacters(line)]);
  }
  const ranged = doc.getText({ start: { line: 0, character: 1 }, end: { line: 2, character: 1 } });
  return { content, lineCount: doc.lineCount, version: doc.version, positions, offsets, lines, ranged };
}

for (const bufferedLength of [0, 16, Number.POSITIVE_INFINITY]) {
  test(`text documents (buffered from ${bufferedLength} characters): the same text, positions and offsets as the library after random changes`, () => {
    const ours = noteTextDocuments(bufferedLength);
    let buffered = 0;
    let steps = 0;
    fc.assert(
      fc.property(text, fc.array(fc.array(change, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 6 }), (start, batches) => {
        let expected = TextDocument.create('file:///a.visit.md', 'visitnotes', 1, start);
        let actual = ours.create('file:///a.visit.md', 'visitnotes', 1, start);
        assert.deepStrictEqual(reading(actual), reading(expected));
        let version = 1;
        for (const batch of batches) {
          version++;
          // The reference applies each change to a new library document: the library's own line
          // offsets go wrong after a range on a line past the end (no editor sends one).
          for (const c of batch) expected = TextDocument.update(TextDocument.create('file:///a.visit.md', 'visitnotes', version, expected.getText()), [c], version);
          actual = ours.update(actual, batch, version);
          steps++;
          if (isBuffered(actual)) buffered++;
          assert.deepStrictEqual(reading(actual), reading(TextDocument.create('file:///a.visit.md', 'visitnotes', version, expected.getText())));
        }
      }),
      { numRuns: fuzzRuns(300), seed: fuzzSeed() },
    );
    // The buffer must actually be exercised where it is on (and never used where it is off).
    if (bufferedLength === Number.POSITIVE_INFINITY) assert.equal(buffered, 0);
    else assert.ok(buffered > steps * 0.1, `buffered after ${buffered} of ${steps} changes`);
  });
}

test('text documents: a wide character ends the buffer, a full change of Latin-1 text starts it again', () => {
  const ours = noteTextDocuments(4);
  const doc = ours.create('file:///a.visit.md', 'visitnotes', 1, 'Story\nline two\n');
  assert.ok(isBuffered(doc));
  ours.update(doc, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'é ' }], 2);
  assert.ok(isBuffered(doc));
  assert.equal(doc.getText(), 'Story\né line two\n');
  ours.update(doc, [{ range: { start: { line: 0, character: 5 }, end: { line: 0, character: 5 } }, text: ' €' }], 3);
  assert.ok(!isBuffered(doc));
  assert.equal(doc.getText(), 'Story €\né line two\n');
  ours.update(doc, [{ text: 'plain again\n' }], 4);
  assert.ok(isBuffered(doc));
  // The buffer grows past its first capacity.
  const long = 'x'.repeat(1000);
  ours.update(doc, [{ range: { start: { line: 0, character: 5 }, end: { line: 0, character: 5 } }, text: long }], 5);
  assert.equal(doc.getText(), `plain${long} again\n`);
  assert.deepStrictEqual(doc.positionAt(doc.getText().length), { line: 1, character: 0 });
});
