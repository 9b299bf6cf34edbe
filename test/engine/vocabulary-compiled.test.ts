/**
 * The vocabulary the build embeds (compileVocabulary → vocabulary/precompiled.ts):
 * lists restored from it equal lists built from the data files, in their tables
 * and in what they find, and a config's `vocabulary: add/remove` still changes
 * exactly the lists it names.
 */
import { test } from 'vitest';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  BUILTIN_VOCABULARY,
  compileVocabulary,
  makeVocabulary,
  TermList,
  tokenize,
  type CompiledVocabulary,
  type Vocabulary,
} from '../../server/src/engine/vocabulary/index.ts';
import { MedicationLexicon, MEDICATION_TERMS } from '../../server/src/engine/vocabulary/medications.ts';
import { ReferenceTermList } from './vocabulary-reference.ts';
import { fuzzRuns, fuzzSeed } from './fuzz-support.ts';

const LISTS = ['symptoms', 'diagnoses', 'jargon', 'formulaic', 'pressure'] as const;
/** As the build embeds it: through JSON, so nothing is shared with the lists compiled from. */
const compiled = JSON.parse(JSON.stringify(compileVocabulary())) as CompiledVocabulary;
const ALL_TERMS = [...LISTS.flatMap((name) => BUILTIN_VOCABULARY[name].terms), ...MEDICATION_TERMS];

const prose = fc
  .array(
    fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom(...ALL_TERMS).chain((t) => fc.constantFrom(t, t + 's', t.toUpperCase(), t.toLowerCase(), t.replace(/ /g, '-'))) },
      { weight: 4, arbitrary: fc.constantFrom(' ', ' ', ', ', '. ', '-', '/', "'", '’', '\n', '[G1] ', 'she said ', 'the ', '12 ', 'é', 'İ') },
    ),
    { maxLength: 30 },
  )
  .map((xs) => xs.join(''));

/** What a vocabulary finds in `text`, list by list. */
function findings(v: Vocabulary, text: string): Record<string, unknown> {
  const tokens = tokenize(text);
  return {
    ...Object.fromEntries(LISTS.map((name) => [name, v[name].findInTokens(tokens)])),
    medications: v.medications.findInTokens(tokens),
  };
}

test('each built-in list restored from the compiled text has the table of a freshly built one', () => {
  for (const name of LISTS) {
    const fresh = new TermList(BUILTIN_VOCABULARY[name].terms);
    const restored = new TermList(BUILTIN_VOCABULARY[name].terms, compiled[name]);
    assert.equal(restored.size, fresh.size, name);
    assert.ok(restored.size > 0, name);
    // compile() reads every entry back out of the restored text.
    assert.deepEqual(restored.compile(), fresh.compile(), name);
  }
  const fresh = new MedicationLexicon();
  const restored = new MedicationLexicon([], [], compiled.medications);
  assert.deepEqual(restored.compile(), fresh.compile());
  for (const term of ALL_TERMS) assert.deepEqual(restored.lookup(term), fresh.lookup(term), term);
});

test('restored lists find what fresh lists and the previous code find', () => {
  const fresh = makeVocabulary({}, undefined);
  const restored = makeVocabulary({}, compiled);
  const reference = LISTS.map((name) => new ReferenceTermList(BUILTIN_VOCABULARY[name].terms));
  fc.assert(
    fc.property(prose, (text) => {
      const got = findings(restored, text);
      assert.deepEqual(got, findings(fresh, text));
      LISTS.forEach((name, k) => assert.deepEqual(got[name], reference[k]!.find(text)));
    }),
    { numRuns: fuzzRuns(400), seed: fuzzSeed() },
  );
});

test('config add/remove: changed lists are built with the change, the others restored, both as without the compiled copy', () => {
  const changes = {
    symptoms: { add: ['zoomies', 'the blahs'], remove: ['Insomnia', 'self harm'] },
    jargon: { add: ['BIBEMS'] },
    formulaic: { remove: [] },
    medications: { add: ['Newdrugamine'], remove: ['Sertraline'] },
  };
  const withCompiled = makeVocabulary(changes, compiled);
  const without = makeVocabulary(changes, undefined);
  for (const name of LISTS) assert.deepEqual(withCompiled[name].compile(), without[name].compile(), name);
  assert.deepEqual(withCompiled.medications.compile(), without.medications.compile());

  const text = 'Zoomies and the blahs, insomnia, self-harm; BIBEMS. Started Newdrugamine, stopped Zoloft and sertraline; lorazepam.';
  assert.deepEqual(findings(withCompiled, text), findings(without, text));
  const found = (list: TermList) => list.find(text).map((m) => m.term);
  assert.deepEqual(found(withCompiled.symptoms), ['zoomies', 'the blahs']);
  assert.ok(found(withCompiled.jargon).includes('BIBEMS'));
  // Removing a generic removes its brands; the other names are still read.
  assert.deepEqual(
    withCompiled.medications.find(text).map((m) => m.key),
    ['newdrugamine', 'lorazepam'],
  );
  // An unchanged list is the built-in one: restored, and equal to a fresh one.
  assert.deepEqual(withCompiled.pressure.compile(), new TermList(BUILTIN_VOCABULARY.pressure.terms).compile());
});

test('compile refuses a term holding one of its separators, rather than embedding a list that reads back wrong', () => {
  assert.throws(() => new TermList(['a|b']).compile(), /separator/);
  assert.throws(() => new TermList(['a~b']).compile(), /separator/);
});
