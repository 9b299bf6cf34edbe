/**
 * The identifier detectors re-run around an edit (identifiers-incremental.ts)
 * must find exactly what a full scan of the new text finds: every detector's
 * raw matches, after random edit sequences over text dense with identifiers
 * and their pieces (so edits split, join, create and destroy phone numbers,
 * e-mails, MRNs, addresses, dates of birth and national formats at the
 * window's edges), and the whole model after chained re-parses. A keystroke in
 * a long note must scan only a few lines again.
 */
import { test } from 'vitest';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { lineBreakRuns, phiHits, rescanDetectors, scanDetectors } from '../../server/src/engine/identifiers-incremental.ts';
import { findPhi, PHI_DETECTORS } from '../../server/src/engine/identifiers.ts';
import { parseNote } from '../../server/src/engine/parse.ts';
import { reparse } from '../../server/src/engine/incremental.ts';
import { commonPrefix, commonSuffix } from '../../server/src/engine/text-diff.ts';
import { LineIndex } from '../../server/src/engine/model/text.ts';
import { generateNote } from '../../bench/generate.ts';
import { fuzzRuns, fuzzSeed } from './fuzz-support.ts';
import type { Note } from '../../server/src/engine/model/note.ts';

/** Identifiers, their labels and their pieces, and the spaces and line breaks between them. */
const PIECES = [
  '555-201-7788', '(555) 201-7788', '+1 555 201 7788', '555', '201', '7788', '800-555-0199', '+44 20 7946 0000', '+33 1 23 45 67 89',
  'a.b@example.org', 'name', '@', 'example', '.org', 'MRN', 'MRN:', 'MR#', 'medical record no.', '12345678', '1234',
  '42 Elm Street', '42', 'Elm', 'Street', 'St.', 'N', 'Rue', 'Garibaldi', 'Ave', 'Hauptstraße 12', 'Hauptstraße',
  'DOB', 'DOB:', 'born on', 'born', '12 March 1985', '12', 'March', 'of', '1985', 'March 12th, 1985', '03/12/1985',
  'NHS number', '943 476 5919', '9434765919', '943', '476', '5919', '07700 900123', '07700', '900123', '0161 496 0000', '(02) 9876 5432',
  'OHIP', 'OHIP:', '1234-567-890-AB', '1234-567-890', 'ABCD 1234 5678', 'ABCD', '2123 45670 1', '9876 543 210', 'SSN', 'SSN:', '123-45-6789', '123', '45', '6789',
  ' ', ' ', ' ', '  ', '\n', '\n', '\n\n', '\n \n', '\r\n', '\r', '\t', '\u00a0', '-', '.', ':', ',', '/', 'x', 'the', 'Plan',
];
const piece = fc.constantFrom(...PIECES);
const line = fc.array(piece, { maxLength: 6 }).map((xs) => xs.join(''));
const dense = fc.array(line, { minLength: 40, maxLength: 80 }).map((xs) => xs.join('\n'));
/** An edit: replace [at, at + remove) (fractions of the length) by a few pieces. */
const edit = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), remove: fc.nat(12), insert: fc.array(piece, { maxLength: 3 }).map((xs) => xs.join('')) });

function apply(text: string, e: { at: number; remove: number; insert: string }): string {
  const at = Math.floor(e.at * text.length);
  return text.slice(0, at) + e.insert + text.slice(Math.min(text.length, at + e.remove));
}

/** The edit as incremental.ts describes it: from the start of the line holding the first changed character's predecessor. */
function editOf(old: string, text: string) {
  const p = commonPrefix(old, text);
  const oldEnd = old.length - commonSuffix(old, text, p);
  const lines = new LineIndex(old);
  return { start: lines.lineStart(lines.lineAt(Math.max(0, p - 1))), oldEnd, delta: text.length - old.length };
}

test('lineBreakRuns: counts the runs of a pattern that can hold a line break, through repeated groups', () => {
  assert.equal(lineBreakRuns(/ab[ .-]c/), 0);
  assert.equal(lineBreakRuns(/a\s+b\s*c/), 2);
  assert.equal(lineBreakRuns(/a[\s-]?b/), 1);
  assert.equal(lineBreakRuns(/(?:\s+x){1,3}y/), 3);
  assert.equal(lineBreakRuns(/(?:\s+x)+/), Infinity);
  assert.equal(lineBreakRuns(/(?:x\s){2}/), 2);
  assert.equal(lineBreakRuns(/\D|\W|[^a]/), 3);
  assert.equal(lineBreakRuns(/a.b/), 0);
  assert.equal(lineBreakRuns(/a.b/s), 1);
  assert.equal(lineBreakRuns(/(?<![\w.])x(?!\s)/), 1);
  assert.equal(lineBreakRuns(/\p{Lu}\P{L}/u), 1);
  // Every detector is bounded, so none falls back to a full scan after an edit.
  for (const d of PHI_DETECTORS) assert.ok(Number.isFinite(lineBreakRuns(d.re)), d.re.source);
});

test('incremental identifiers: every detector finds after an edit what a full scan finds', () => {
  let windowed = 0;
  fc.assert(
    fc.property(dense, fc.array(edit, { minLength: 1, maxLength: 6 }), fc.constantFrom([], ['phone'], ['mrn', 'email']), (start, edits, ignoreList) => {
      const ignore = new Set<string>(ignoreList);
      let text = start;
      let matches = scanDetectors(text, ignore);
      for (const e of edits) {
        const next = apply(text, e);
        if (next === text) continue;
        const r = rescanDetectors(matches, next, editOf(text, next));
        const full = scanDetectors(next, ignore);
        assert.deepStrictEqual(r.matches, full);
        assert.deepStrictEqual(phiHits(r.matches), findPhi(next, ignore));
        if (r.scanned.end - r.scanned.start < next.length) windowed++;
        text = next;
        matches = r.matches;
      }
    }),
    { numRuns: fuzzRuns(400), seed: fuzzSeed() },
  );
  assert.ok(windowed > 100, `${windowed} edits scanned less than the whole text`);
});

test('incremental identifiers: matches that cross blank lines and many lines, edited at the window edges', () => {
  // Labels and numbers far apart: the patterns' \s runs cross any number of blank lines.
  const filler = Array.from({ length: 30 }, (_, i) => `line ${i} of prose`).join('\n');
  const texts = [
    `${filler}\nMRN:\n\n\n\n12345678\n${filler}`,
    `${filler}\n42\n\nElm\n\nRiver\n\nStreet\n${filler}`,
    `${filler}\nborn\n\non\n\n12\n\nMarch\n\n1985\n${filler}`,
    `${filler}\nSSN\n\n123\n45\n6789\n${filler}`,
    `${filler}\n${'\n'.repeat(500)}MRN ${'\n \n'.repeat(300)}12345678\n${filler}`,
    // One character short: an edit at the end creates a match that starts lines above it.
    `${filler}\nMRN:\n\n\n\n123\n${filler}`,
    `${filler}\n42\n\nElm\n\nRiver\n\nStree\n${filler}`,
    `${filler}\nborn\n\non\n\n12\n\nMarch\n\n198\n${filler}`,
    `${filler}\nSSN\n\n123\n45\n678\n${filler}`,
    `${filler}\nOHIP\nnumber\n:\nno.\nAB\n123456\n${filler}`,
    // A label one letter short: an edit on its line creates a match that ends lines below it.
    `${filler}\nMR:\n\n\n12345678\n${filler}`,
    `${filler}\nDO:\n\n12\nMarch\n\n1985\n${filler}`,
    `${filler}\nSN\n\n\n123 45\n6789\n${filler}`,
  ];
  for (const base of texts) {
    for (let at = 0; at <= base.length; at += at > 440 && at < 520 ? 1 : 7) {
      for (const insert of ['', 'x', '\n', '\n\n', '1', ' ', 't', 'N', 'B', 'S']) {
        const next = base.slice(0, at) + insert + base.slice(at + (insert === '' ? 1 : 0));
        if (next === base) continue;
        const r = rescanDetectors(scanDetectors(base, new Set()), next, editOf(base, next));
        assert.deepStrictEqual(r.matches, scanDetectors(next, new Set()), `edit at ${at}: ${JSON.stringify(insert)}`);
      }
    }
  }
});

/** The model a rule reads, with the line index: an incremental build must equal a full one. */
function model(note: Note) {
  const { text, frontMatter, sections, goals, unidentifiedGoals, goalReferences, medications, directives, preambleRange, identifiers } = note;
  return { text, frontMatter, sections, goals, unidentifiedGoals, goalReferences, medications, directives, preambleRange, identifiers, lineStarts: note.lines.lineStarts };
}

test('incremental identifiers: chained re-parses of notes with identifiers give the full parse’s model', () => {
  const section = fc.array(piece, { maxLength: 25 }).map((xs) => xs.join(''));
  const note = fc.array(section, { minLength: 1, maxLength: 5 }).map((parts) => parts.map((p, i) => `## ${['Story', 'Goals', 'Relationships', 'Notes'][i % 4]}\n\n${p}\n`).join('\n'));
  fc.assert(
    fc.property(note, fc.array(edit, { minLength: 2, maxLength: 6 }), (start, edits) => {
      let previous = parseNote(start);
      let text = start;
      for (const e of edits) {
        text = apply(text, e);
        const result = reparse(previous, text, { minLength: 0, maxSliceRatio: 1, reuse: true });
        assert.deepStrictEqual(model(result.note), model(parseNote(text)));
        previous = result.note;
      }
    }),
    { numRuns: fuzzRuns(80), seed: fuzzSeed() },
  );
});

test('incremental identifiers: a keystroke in a long note scans a few lines again, not the note', () => {
  let previous = parseNote(generateNote(5, { lines: 3000 }));
  let text = previous.text;
  const anchor = text.indexOf('## Story') + 20;
  for (let i = 0; i < 4; i++) {
    text = text.slice(0, anchor) + (i % 2 ? '555-201-7788 ' : 'x') + text.slice(anchor);
    const result = reparse(previous, text, { minLength: 0, reuse: true });
    assert.equal(result.incremental, true, result.fullParseReason);
    // The first re-parse after a full parse scans in full (the full parse keeps no raw matches).
    const scanned = result.identifiersScanned!.end - result.identifiersScanned!.start;
    if (i > 0) assert.ok(scanned < 3000, `scanned ${scanned} of ${text.length} characters`);
    previous = result.note;
  }
  assert.deepStrictEqual(model(previous), model(parseNote(text)));
});

test('reparse: a comparison passed by the caller is used for the text it was made against, and only for it', () => {
  const start = generateNote(7, { lines: 400 });
  const previous = parseNote(start);
  const at = start.indexOf('## Story') + 12;
  const text = start.slice(0, at) + 'MRN 12345678 ' + start.slice(at);
  const prefix = commonPrefix(start, text);
  const diff = { old: start, prefix, suffix: commonSuffix(start, text, prefix) };
  const given = reparse(previous, text, { minLength: 0, diff });
  assert.equal(given.incremental, true, given.fullParseReason);
  assert.deepStrictEqual(model(given.note), model(parseNote(text)));
  // Made against another text: ignored (a wrong prefix would splice the wrong blocks).
  const stale = reparse(parseNote(start), text, { minLength: 0, diff: { old: start + ' ', prefix: 0, suffix: 0 } });
  assert.deepStrictEqual(model(stale.note), model(parseNote(text)));
  assert.deepStrictEqual(stale.reparsed, given.reparsed);
});
