import { test } from 'vitest';
import assert from 'node:assert/strict';
import { buildVocabulary, MedicationLexicon, medicationNames, mergeConfig, RECOMMENDED } from '../../server/src/engine/index.ts';

const names = (lexicon: MedicationLexicon, text: string) => lexicon.find(text).map((m) => `${text.slice(m.start, m.end)}=${m.name}`);

test('generic and brand names map to the generic, whole words, any case', () => {
  const lexicon = buildVocabulary().medications;
  assert.deepEqual(names(lexicon, 'Discussed raising fluoxetine to 40 mg; cont Klonopin 0.5 mg prn, and ZOLOFT.'), [
    'fluoxetine=Fluoxetine',
    'Klonopin=Clonazepam',
    'ZOLOFT=Sertraline',
  ]);
  // Longest name first; no match inside a longer word.
  assert.deepEqual(names(lexicon, 'Xanax XR at night; lithiumate is not a word'), ['Xanax XR=Alprazolam']);
  assert.deepEqual(names(lexicon, "St John's wort and amoxicillin-clavulanate"), ["St John's wort=St John's wort", 'amoxicillin-clavulanate=Amoxicillin-clavulanate']);
});

test('names that are ordinary words or first names are not read in prose', () => {
  const lexicon = buildVocabulary().medications;
  assert.deepEqual(names(lexicon, 'Yasmin played a sonata; plan B is to call Alli.'), []);
});

test('psychotropic or co-prescribed, from the class', () => {
  const lexicon = buildVocabulary().medications;
  const [a, b, c] = lexicon.find('sertraline, atorvastatin, benztropine');
  assert.equal(a!.psychotropic, true);
  assert.equal(b!.psychotropic, false);
  assert.equal(c!.psychotropic, true);
});

test('config adds names and removes a generic together with its brands', () => {
  const config = mergeConfig(RECOMMENDED, { vocabulary: { medications: { add: ['zuranolone-x'], remove: ['Sertraline', 'atorvastatin'] } } });
  const lexicon = buildVocabulary(config.vocabulary).medications;
  assert.deepEqual(names(lexicon, 'Zoloft, sertraline, Lipitor, zuranolone-x, lithium'), ['zuranolone-x=Zuranolone-x', 'lithium=Lithium']);
  assert.equal(lexicon.lookup('Zoloft'), undefined);
  assert.deepEqual(buildVocabulary().medications.lookup('zoloft'), { name: 'Sertraline', key: 'sertraline' });
});

test('the bundled list is well formed: generics unique, brands non-empty strings', () => {
  const generics = medicationNames().map((m) => m.name.toLowerCase());
  assert.equal(new Set(generics).size, generics.length);
  assert.ok(medicationNames().length >= 400);
  for (const m of medicationNames()) assert.ok(m.brands.every((b) => typeof b === 'string' && b.trim() === b && b.length > 0), m.name);
});
