/**
 * The identifier detectors' pre-checks (`requires`, `precheck`) only skip a
 * pattern that cannot match: on generated text dense with labels, street
 * suffixes, Unicode letters and spaces, and the digits the patterns need,
 * every detector whose regex finds a match is let through.
 */
import { test } from 'vitest';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { PHI_DETECTORS } from '../../server/src/engine/identifiers.ts';
import { mayMatch } from '../../server/src/engine/identifiers-national.ts';
import { fuzzRuns, fuzzSeed } from './fuzz-support.ts';

const LABELS = [
  'SSN', 'SS#', 'social security number', 'MRN', 'MR#', 'medical record no.', 'NHS number', 'DOB', 'D.O.B.', 'date of birth',
  'birth date', 'birthdate', 'born on', 'born', 'Hauptstraße', 'Ringstrasse', 'Hofgasse', 'Feldweg', 'Marktplatz', 'Lindenallee',
];
/** A label as written, in capitals, in lowercase, or with one letter changed in case. */
const label = fc.tuple(fc.constantFrom(...LABELS), fc.nat()).map(([l, k]) => [l, l.toUpperCase(), l.toLowerCase(), l.slice(0, k % l.length) + l.charAt(k % l.length).toUpperCase() + l.slice((k % l.length) + 1)][k % 4]!);
const piece = fc.oneof(
  { weight: 4, arbitrary: label },
  { weight: 4, arbitrary: fc.constantFrom('123-45-6789', '123456789', '12345678', '12', '1985', '12 March 1985', '03/12/1985', '943 476 5919', 'a.b@example.org', 'Hauptstraße 12', 'Feldweg 7a', 'Lindenallee\u00a012', 'Hofgasse\n3', ': ', '#', ' ') },
  { weight: 2, arbitrary: fc.constantFrom('İ', 'K', 'ſ', 'ß', 'é', 'Σ', '\n', '\t', '-', '.') },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom('s', 'S', 'n', 'N', 'd', 'o', 'B', 'ſ', 'K', '1', ' ', '#'), maxLength: 8 }) },
);
const text = fc.array(piece, { maxLength: 20 }).map((xs) => xs.join(''));

test('a pre-checked detector is skipped only where its pattern finds nothing', () => {
  const checked = PHI_DETECTORS.filter((d) => d.requires || d.precheck);
  assert.ok(checked.length >= 2);
  const matched = new Map<string, number>();
  fc.assert(
    fc.property(text, (s) => {
      for (const d of checked) {
        const re = new RegExp(d.re.source, d.re.flags);
        if (!re.test(s)) continue;
        matched.set(d.re.source, (matched.get(d.re.source) ?? 0) + 1);
        assert.ok(mayMatch(d, s), `${d.re.source} matches ${JSON.stringify(s)}`);
      }
    }),
    { numRuns: fuzzRuns(3000), seed: fuzzSeed() },
  );
  // The generator must reach every pre-checked pattern, or the property says nothing about it.
  for (const d of checked) assert.ok(matched.get(d.re.source), `never matched: ${d.re.source}`);
});
