import { test } from 'vitest';
import assert from 'node:assert/strict';
import {
  BUILTIN_VOCABULARY,
  buildVocabulary,
  fold,
  isCaseSensitiveTerm,
  TermList,
  tokenize,
  VOCABULARY_NAMES,
} from '../../server/src/engine/vocabulary/index.ts';
import { regionText } from '../../server/src/engine/vocabulary/note-text.ts';
import { parseNote } from '../../server/src/engine/parse.ts';

const terms = (list: TermList, text: string) => list.find(text).map((m) => text.slice(m.start, m.end));

test('tokenize: words with offsets; hyphens and slashes separate words, apostrophes stay inside', () => {
  const t = tokenize("Self-harm, SI/HI and his daughter's team — don’t");
  assert.deepEqual(
    t.map((x) => x.raw),
    ['Self', 'harm', 'SI', 'HI', 'and', 'his', "daughter's", 'team', 'don’t'],
  );
  assert.equal(t[8]!.norm, "don't");
  for (const x of t) assert.equal("Self-harm, SI/HI and his daughter's team — don’t".slice(x.start, x.end), x.raw);
  assert.deepEqual(tokenize('Zürich, Kraków, phở'), [
    { raw: 'Zürich', norm: 'zürich', key: 'zürich', start: 0, end: 6 },
    { raw: 'Kraków', norm: 'kraków', key: 'kraków', start: 8, end: 14 },
    { raw: 'phở', norm: 'phở', key: 'phở', start: 16, end: 19 },
  ]);
  assert.deepEqual(tokenize(' — - ... '), []);
});

test('fold: simple plurals meet their singulars, short and -ss/-is/-us words stay', () => {
  assert.equal(fold('attacks'), 'attack');
  assert.equal(fold('anxieties'), 'anxiety');
  assert.equal(fold('losses'), 'loss');
  assert.equal(fold('less'), 'less');
  assert.equal(fold('psychosis'), 'psychosis');
  assert.equal(fold('focus'), 'focus');
  assert.equal(fold('has'), 'has');
  assert.equal(fold("daughter's"), "daughter's");
});

test('matches on word boundaries only', () => {
  const list = new TermList(['mania', 'panic']);
  assert.deepEqual(terms(list, 'Romania and germania; panicky but panic'), ['panic']);
  assert.deepEqual(terms(list, 'MANIA, Mania'), ['MANIA', 'Mania']);
});

test('folds plurals both ways and prefers the longest phrase', () => {
  const list = new TermList(['panic', 'panic attacks', 'nightmares', 'low mood']);
  assert.deepEqual(terms(list, 'One panic attack, then more panic attacks; a nightmare; low moods; panic'), [
    'panic attack',
    'panic attacks',
    'nightmare',
    'low moods',
    'panic',
  ]);
  const m = list.find('panic attacks')[0]!;
  assert.equal(m.term, 'panic attacks');
  assert.equal(m.tokenIndex, 0);
  assert.equal(m.tokenCount, 2);
});

test('hyphenated and spaced forms match the same term', () => {
  const list = new TermList(['self-harm', 'PHQ-9']);
  assert.deepEqual(terms(list, 'self harm, self-harm, Self-Harm, PHQ-9, PHQ 9, phq-9'), [
    'self harm',
    'self-harm',
    'Self-Harm',
    'PHQ-9',
    'PHQ 9',
  ]);
});

test('all-caps terms are case-sensitive (and accept a plural s); lowercase terms are not', () => {
  assert.ok(isCaseSensitiveTerm('MDD'));
  assert.ok(isCaseSensitiveTerm('C-PTSD'));
  assert.ok(!isCaseSensitiveTerm('n/a'));
  assert.ok(!isCaseSensitiveTerm('EtOH'));
  assert.ok(!isCaseSensitiveTerm('M'));
  const list = new TermList(['SI', 'MDD', 'hx']);
  assert.deepEqual(terms(list, 'Dijo "si" y sí. SI was denied. MDDs, mdd. Hx, HX, hx'), ['SI', 'MDDs', 'Hx', 'HX', 'hx']);
});

test('covered() marks every token inside a match', () => {
  const list = new TermList(['panic attacks', 'insomnia']);
  const tokens = tokenize('She has panic attacks and insomnia');
  assert.deepEqual(list.covered(tokens), [false, false, true, true, false, true]);
});

test('slashes: n/a and c/o match as written', () => {
  const list = new TermList(['n/a', 'c/o']);
  assert.deepEqual(terms(list, 'N/A; n/a; c/o pain; C/O'), ['N/A', 'n/a', 'c/o', 'C/O']);
});

test('built-in lists are well formed and broad', () => {
  for (const name of VOCABULARY_NAMES) {
    const v = BUILTIN_VOCABULARY[name];
    assert.equal(typeof v.description, 'string');
    assert.ok(Array.isArray(v.terms) && v.terms.every((t) => typeof t === 'string' && t.trim() === t && t.length > 0), name);
    assert.equal(new Set(v.terms).size, v.terms.length, `${name} has duplicates`);
  }
  assert.ok(BUILTIN_VOCABULARY.symptoms.terms.length >= 300);
  assert.ok(BUILTIN_VOCABULARY.diagnoses.terms.length >= 200);
  assert.ok(BUILTIN_VOCABULARY.jargon.terms.length >= 150);
});

test('built-in lists hold the terms other rules rely on', () => {
  const v = buildVocabulary();
  const clinical = (s: string) => v.symptoms.has(s) || v.diagnoses.has(s);
  for (const s of ['insomnia', 'nightmares', 'anxiety', 'depression', 'MDD', 'GAD', 'panic attacks', 'low mood',
    'racing thoughts', 'auditory hallucinations', 'suicidal ideation', 'poor sleep', 'PTSD', 'OCD', 'ADHD', 'BPD',
    'SI', 'HI', 'AVH', 'SUD', 'AUD', 'bipolar disorder', 'schizophrenia']) {
    assert.ok(clinical(s), s);
  }
  for (const s of ['patient', 'pt', 'presents with', 'reports', 'denies', 'endorses', 'c/o', 'hx', 'h/o', 'psychomotor',
    'affect', 'mental status', 'euthymic', 'dysphoric', 'anhedonia']) {
    assert.ok(v.jargon.has(s), s);
  }
  for (const s of ['none', 'n/a', 'N/A', 'deferred', 'nil', 'not applicable', 'nothing to report', 'no issues', 'none noted', 'unremarkable']) {
    assert.ok(v.formulaic.has(s), s);
  }
  for (const s of ['frustrated', 'helpless', 'pressured', 'urge to', 'pulled to', 'felt I had to do something', 'wanted to fix',
    'impatient', 'annoyed', 'anxious about the patient', 'worried about liability']) {
    assert.ok(v.pressure.has(s), s);
  }
});

test('plain words of a good story are not clinical terms', () => {
  const v = buildVocabulary();
  const story =
    'He describes the last month as "holding my breath at work" since the plant reorganised. His daughter started ' +
    'travel soccer; he misses most games because of the late shifts. She is sad, tired and worried; they had a flat ' +
    'in Leeds and a family ritual of Sunday dinners. It does not affect her plans.';
  const hits = [v.symptoms, v.diagnoses].flatMap((l) => terms(l, story));
  assert.deepEqual(hits, []);
  // `affect` is chart jargon (the brief asks for it) and is the only jargon word here.
  assert.deepEqual(terms(v.jargon, story), ['affect']);
});

test('buildVocabulary: config add and remove, case- and hyphen-insensitive removal', () => {
  const base = buildVocabulary();
  assert.ok(base.symptoms.has('insomnia'));
  assert.ok(!base.symptoms.has('zoomies'));
  const v = buildVocabulary({
    symptoms: { add: ['zoomies', 'the blahs'], remove: ['Insomnia', 'self harm'] },
    jargon: { add: ['BIBEMS'] },
    formulaic: { remove: ['fine'] },
  });
  assert.ok(v.symptoms.has('zoomies'));
  assert.ok(v.symptoms.has('a case of the blahs'));
  assert.ok(!v.symptoms.has('insomnia'));
  assert.ok(!v.symptoms.has('self-harm'));
  assert.ok(v.symptoms.has('nightmares'), 'other terms stay');
  assert.ok(v.jargon.has('pt was BIBEMS'));
  assert.ok(!v.jargon.has('bibems'), 'an added all-caps term is case-sensitive');
  assert.ok(!v.formulaic.has('fine'));
  // Other lists and the default are untouched; the same change set is cached.
  assert.ok(base.symptoms.has('insomnia'));
  assert.equal(buildVocabulary({ symptoms: { add: ['zoomies', 'the blahs'], remove: ['Insomnia', 'self harm'] }, jargon: { add: ['BIBEMS'] }, formulaic: { remove: ['fine'] } }), v);
  // A term both added and removed stays removed; junk entries are ignored.
  const w = buildVocabulary({ symptoms: { add: ['glumness', 42 as unknown as string], remove: ['GLUMNESS'] } });
  assert.ok(!w.symptoms.has('glumness'));
});

test('regionText: prose of a range with offsets back into the note', () => {
  const text = [
    '## Countertransference',
    'I felt **pulled to** add something; <!-- hidden frustration -->',
    '',
    '- I was &amp; remain *impatient*',
    '',
  ].join('\n');
  const note = parseNote(text);
  const section = note.sections[0]!;
  const r = regionText(note, section.bodyRange);
  assert.ok(r.text.includes('I felt pulled to add something;'));
  assert.ok(!r.text.includes('hidden'));
  assert.ok(r.text.includes('I was & remain impatient'));
  const i = r.text.indexOf('pulled to');
  const range = r.rangeOf(i, i + 'pulled to'.length);
  assert.equal(text.slice(range.start, range.end), 'pulled to');
  const j = r.text.indexOf('impatient');
  const range2 = r.rangeOf(j, j + 'impatient'.length);
  assert.equal(text.slice(range2.start, range2.end), 'impatient');
  // Blocks are separated, so a phrase never spans two paragraphs.
  assert.match(r.text, /something;\s*\nI was/);
});
