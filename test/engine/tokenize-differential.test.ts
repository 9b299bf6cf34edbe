/**
 * The vocabulary's fast paths (tokenize's ASCII loop, each token's plural key
 * computed once, eachMatch, clinicalShare without match objects) against the
 * code they replaced (vocabulary-reference.ts), on generated text with the
 * characters that decide a word boundary: Unicode letters and marks, both
 * apostrophes, hyphens, slashes, digits, capitals, plurals, `[Gn]` references.
 */
import { test } from 'vitest';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { BUILTIN_VOCABULARY, fold, TermList, tokenize } from '../../server/src/engine/vocabulary/index.ts';
import { medicationTerms } from '../../server/src/engine/vocabulary/medications.ts';
import { clinicalShare } from '../../server/src/engine/rules/story-clinical-jargon.ts';
import { ReferenceTermList, referenceClinicalShare, referenceTokenize } from './vocabulary-reference.ts';
import { fuzzRuns, fuzzSeed } from './fuzz-support.ts';

const LISTS = (['symptoms', 'diagnoses', 'jargon', 'formulaic', 'pressure'] as const).map((name) => BUILTIN_VOCABULARY[name].terms);
const ALL_TERMS = [...LISTS.flat(), ...medicationTerms()];
const fresh = LISTS.map((terms) => new TermList(terms));
const reference = LISTS.map((terms) => new ReferenceTermList(terms));
const medications = new TermList([...medicationTerms()]);
const referenceMedications = new ReferenceTermList([...medicationTerms()]);

/** A term as a clinician might write it: as listed, capitalised, in capitals, plural, possessive. */
const termLike = fc.tuple(fc.constantFrom(...ALL_TERMS), fc.constantFrom('', 's', 'es', "'s", '’s', 'ies')).chain(([term, end]) =>
  fc.constantFrom(term + end, term.toUpperCase() + end, term.charAt(0).toUpperCase() + term.slice(1) + end, term.replace(/ /g, '-')),
);

const pieces = fc.oneof(
  { weight: 6, arbitrary: termLike },
  { weight: 3, arbitrary: fc.constantFrom('she', 'He', 'SI', 'HI', 'MDD', 'MDDs', 'add', 'don', "don't", 'don’t', "'s", 'attacks', 'anxieties', 'losses', '12', '3rd', 'x2', 'I', 'a') },
  { weight: 4, arbitrary: fc.constantFrom(' ', ' ', '  ', '\n', '-', '/', "'", '’', '—', '–', '.', ',', ';', ':', '(', ')', '"', '“', '”', '…', '•', '·', '°', '→', "’s", "s’", '[G1]', '[G12]', '[G1234]', '\t', '\u00a0', '_', '*') },
  { weight: 2, arbitrary: fc.constantFrom('é', 'É', 'ü', 'ß', 'İ', 'ı', 'Σ', 'ς', 'σ', 'Ω', '\u0301', '\u0308', 'e\u0301', 'ǅ', 'ﬁ', 'Å', '中文', '😀', '𝐀', '٣', 'Ⅻ', '²', '½', 'ʼ', '‘', 'Zürich', 'Kraków', 'phở') },
  { weight: 2, arbitrary: fc.string({ unit: fc.constantFrom('a', 'B', 'z', '0', '9', "'", '’', '-', ' ', 'é', 'İ', '\u0301', 's', 'S'), maxLength: 10 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
);
const text = fc.array(pieces, { maxLength: 40 }).map((xs) => xs.join(''));

test('tokenize gives the reference tokens, each with its folded key', () => {
  fc.assert(
    fc.property(text, (s) => {
      const want = referenceTokenize(s).map((t) => ({ ...t, key: fold(t.norm) }));
      assert.deepEqual(tokenize(s), want);
    }),
    { numRuns: fuzzRuns(3000), seed: fuzzSeed() },
  );
});

test('term lists built and matched on the fast path find the reference matches and coverage', () => {
  fc.assert(
    fc.property(text, (s) => {
      const tokens = tokenize(s);
      const refTokens = referenceTokenize(s);
      for (const [k, list] of [...fresh, medications].entries()) {
        const ref = [...reference, referenceMedications][k]!;
        assert.deepEqual(list.findInTokens(tokens), ref.findInTokens(refTokens));
        assert.deepEqual(list.covered(tokens), ref.covered(refTokens));
        assert.equal(list.has(s), ref.has(s));
        // A match's text tokenized again is the tokens it spans (the visit summary counts on it).
        for (const m of list.findInTokens(tokens)) assert.equal(tokenize(s.slice(m.start, m.end)).length, m.tokenCount);
      }
    }),
    { numRuns: fuzzRuns(1500), seed: fuzzSeed() },
  );
});

test('clinicalShare equals the reference share', () => {
  const lists = fresh.slice(0, 3);
  const refLists = reference.slice(0, 3);
  fc.assert(
    fc.property(text, (s) => {
      assert.deepEqual(clinicalShare(s, lists), referenceClinicalShare(s, refLists));
    }),
    { numRuns: fuzzRuns(1500), seed: fuzzSeed() },
  );
});

test('clinicalShare over restored (compiled) lists, as a run reads them, equals the reference share', () => {
  // Restored lists hold a key's entries as text until a word first looks them up.
  const lists = LISTS.slice(0, 3).map((terms) => new TermList(terms, new TermList(terms).compile()));
  const refLists = reference.slice(0, 3);
  fc.assert(
    fc.property(text, (s) => {
      assert.deepEqual(clinicalShare(s, lists), referenceClinicalShare(s, refLists));
    }),
    { numRuns: fuzzRuns(1500), seed: fuzzSeed() },
  );
});

test('every built-in term is one the tokenizer splits as the reference does', () => {
  for (const term of ALL_TERMS) assert.deepEqual(tokenize(term), referenceTokenize(term).map((t) => ({ ...t, key: fold(t.norm) })));
});
