/**
 * The identifier detectors' pre-checks (`requires`, `precheck`, `digits`) only skip a
 * pattern that cannot match: on generated text dense with labels, street
 * suffixes, Unicode letters and spaces, and the digits the patterns need,
 * every detector whose regex finds a match is let through. And a detector's
 * pattern for plain text (without Unicode classes) finds the same matches there.
 */
import { test } from 'vitest';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { PHI_DETECTORS, findPhi } from '../../server/src/engine/identifiers.ts';
import { isPlain } from '../../server/src/engine/letters.ts';
import { longestDigitRun, prechecksOf } from '../../server/src/engine/identifiers-national.ts';
import { fuzzRuns, fuzzSeed } from './fuzz-support.ts';

const LABELS = [
  'SSN', 'SS#', 'social security number', 'MRN', 'MR#', 'medical record no.', 'NHS number', 'DOB', 'D.O.B.', 'date of birth',
  'birth date', 'birthdate', 'born on', 'born', 'Hauptstraße', 'Ringstrasse', 'Hofgasse', 'Feldweg', 'Marktplatz', 'Lindenallee',
  'OHIP', 'PHN', 'health card', 'hospital no.', 'Medicare',
];
/** Pieces of US street addresses: a number, capitalised words (ASCII or not), a street word. */
const STREET = ['221B', '12', ' N', ' Baker', ' Élan', " O'Neil", ' St.', ' Ave', ' Street', ' Dr', ' Way', ' ', '\n'];
/** A label as written, in capitals, in lowercase, or with one letter changed in case. */
const label = fc.tuple(fc.constantFrom(...LABELS), fc.nat()).map(([l, k]) => [l, l.toUpperCase(), l.toLowerCase(), l.slice(0, k % l.length) + l.charAt(k % l.length).toUpperCase() + l.slice((k % l.length) + 1)][k % 4]!);
const piece = fc.oneof(
  { weight: 4, arbitrary: label },
  { weight: 4, arbitrary: fc.constantFrom('123-45-6789', '123456789', '12345678', '12', '1985', '12 March 1985', '03/12/1985', '943 476 5919', 'a.b@example.org', 'Hauptstraße 12', 'Feldweg 7a', 'Lindenallee\u00a012', 'Hofgasse\n3', ': ', '#', ' ') },
  { weight: 2, arbitrary: fc.constantFrom('İ', 'K', 'ſ', 'ß', 'é', 'Σ', '\n', '\t', '-', '.', '’', '—') },
  // Numbers in each national format, and the pieces (digits, separators) they are made of.
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      '07700 900123', '07700900123', '020 7946 0000', '(02) 9876 5432', '0161 496 0000', '1234-567-890', '1234 567 890 AB', '9123 456 789',
      'ABCD 1234 5678', 'ABCD12345678', '2123 45678 1', '2123456781/2', '+44 20 7946 0000', '+1 (212) 555-0123', '(212) 555-0123', '212.555.0123',
      '4857773456', '2026-11-20', '0', '07', '9', '2', '1', '+', '(', ')', '/', ' ', '-', '.', ':',
    ),
  },
  { weight: 3, arbitrary: fc.constantFrom(...STREET) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom('s', 'S', 'n', 'N', 'd', 'o', 'B', 'ſ', 'K', '1', ' ', '#'), maxLength: 8 }) },
);
const text = fc.array(piece, { maxLength: 20 }).map((xs) => xs.join(''));

test('a pre-checked detector is skipped only where its pattern finds nothing', () => {
  const checked = PHI_DETECTORS.filter((d) => d.requires || d.precheck || d.digits !== undefined);
  assert.ok(checked.length >= 2);
  const matched = new Map<string, number>();
  fc.assert(
    fc.property(text, (s) => {
      for (const d of checked) {
        const re = new RegExp(d.re.source, d.re.flags);
        if (!re.test(s)) continue;
        matched.set(d.re.source, (matched.get(d.re.source) ?? 0) + 1);
        assert.ok(prechecksOf(s)(d), `${d.re.source} matches ${JSON.stringify(s)}`);
      }
    }),
    { numRuns: fuzzRuns(3000), seed: fuzzSeed() },
  );
  // The generator must reach every pre-checked pattern, or the property says nothing about it.
  for (const d of checked) assert.ok(matched.get(d.re.source), `never matched: ${d.re.source}`);
});

test("a detector's pattern for plain text finds what its pattern finds there", () => {
  const withPlain = PHI_DETECTORS.filter((d) => d.plain);
  assert.ok(withPlain.length >= 2);
  const all = (re: RegExp, s: string) => [...s.matchAll(new RegExp(re.source, re.flags))].map((m) => [m.index, m[0]]);
  let found = 0;
  fc.assert(
    fc.property(text, (s) => {
      if (!isPlain(s)) return;
      for (const d of withPlain) {
        const expected = all(d.re, s);
        found += expected.length;
        assert.deepEqual(all(d.plain!, s), expected, `${d.re.source} on ${JSON.stringify(s)}`);
      }
    }),
    { numRuns: fuzzRuns(3000), seed: fuzzSeed() },
  );
  assert.ok(found > 0, 'the generator never made an address');
  // And on a note that has one.
  assert.deepEqual(findPhi('Lives at 221B Baker Street – with her sister.').map((h) => h.kind), ['address']);
});

test('longestDigitRun counts the digits of one run of digits and number separators', () => {
  assert.equal(longestDigitRun('Seen 2026-11-20; sertraline 100 mg'), 8);
  assert.equal(longestDigitRun('call +44 (20) 7946-0000 or 1/2'), 12);
  assert.equal(longestDigitRun('12:30, 45'), 2);
  assert.equal(longestDigitRun('no digits'), 0);
});
