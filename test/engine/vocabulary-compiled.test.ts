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
import { MedicationLexicon, medicationTerms } from '../../server/src/engine/vocabulary/medications.ts';
import { ReferenceTermList } from './vocabulary-reference.ts';
import { fuzzRuns, fuzzSeed } from './fuzz-support.ts';

const LISTS = ['symptoms', 'diagnoses', 'jargon', 'formulaic', 'pressure'] as const;
/** As the build embeds it: through JSON, so nothing is shared with the lists compiled from. */
const compiled = JSON.parse(JSON.stringify(compileVocabulary())) as CompiledVocabulary;
const ALL_TERMS = [...LISTS.flatMap((name) => BUILTIN_VOCABULARY[name].terms), ...medicationTerms()];

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

test("the engine's own named lists (builtin-lists.ts): each restored from its compiled text finds what it finds built from its words", async () => {
  // Loading the engine makes every named list, as the build does before compiling them.
  await import('../../server/src/engine/index.ts');
  const { builtinTermLists, compileBuiltinTermLists } = await import('../../server/src/engine/vocabulary/builtin-lists.ts');
  const lists = builtinTermLists();
  assert.ok(lists.size >= 9, `only ${lists.size} named lists`);
  const compiledLists = JSON.parse(JSON.stringify(compileBuiltinTermLists())) as Record<string, { size: number; table: string }>;
  assert.deepEqual(Object.keys(compiledLists).sort(), [...lists.keys()].sort());
  const words = [...lists.values()].flat();
  const text = fc
    .array(fc.oneof(fc.constantFrom(...words).map((w) => w.replace(/ /g, ['-', ' ', '  '][w.length % 3]!)), fc.constantFrom(' ', '. ', 'she said ', 'not ', '’', 'İ', 'Felt ')), { maxLength: 20 })
    .map((xs) => xs.join(' '));
  for (const [name, terms] of lists) {
    const fresh = new TermList(terms);
    const restored = new TermList(terms, compiledLists[name]);
    assert.equal(restored.size, fresh.size, name);
    fc.assert(
      fc.property(text, (s) => {
        assert.deepEqual(restored.find(s), fresh.find(s), `${name} on ${JSON.stringify(s)}`);
      }),
      { numRuns: fuzzRuns(300), seed: fuzzSeed() },
    );
  }
});

test("the engine's own named key sets (builtinTermKeys): each restored from its compiled lines holds the keys of its terms", async () => {
  await import('../../server/src/engine/index.ts');
  const { builtinTermKeySets, compileBuiltinTermKeys } = await import('../../server/src/engine/vocabulary/builtin-lists.ts');
  const { termKey } = await import('../../server/src/engine/vocabulary/terms.ts');
  const sets = builtinTermKeySets();
  assert.ok(sets.size >= 4, `only ${sets.size} named key sets`);
  const compiled = JSON.parse(JSON.stringify(compileBuiltinTermKeys())) as Record<string, string>;
  assert.deepEqual(Object.keys(compiled).sort(), [...sets.keys()].sort());
  for (const [name, terms] of sets) {
    // What builtinTermKeys restores from the line-per-key text, against the terms' keys made now.
    assert.deepEqual(new Set(compiled[name]!.split('\n')), new Set(terms.map(termKey)), name);
    for (const key of compiled[name]!.split('\n')) assert.ok(key.length > 0 && !key.includes('\n'), `${name}: ${JSON.stringify(key)}`);
  }
});
