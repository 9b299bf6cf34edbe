import { test } from 'vitest';
import assert from 'node:assert/strict';
import { buildVocabulary, lintText, mergeConfig, RECOMMENDED, type RawConfig } from '../../server/src/engine/index.ts';
import { clinicalShare, plainShare } from '../../server/src/engine/rules/story-clinical-jargon.ts';

const ID = 'story-clinical-jargon';
const FM = '---\npatient: K.O.\ndate: 2026-11-19\n---\n\n';
const lint = (text: string, raw?: RawConfig) =>
  lintText(text, { only: [ID], ...(raw ? { config: mergeConfig(RECOMMENDED, raw) } : {}) }).findings;
const v = buildVocabulary();
const share = (s: string) => clinicalShare(s, [v.symptoms, v.diagnoses, v.jargon]);

const CHECKLIST =
  'Pt is a 34 y/o with hx of MDD and GAD who presents with depressed mood, anhedonia, insomnia, poor ' +
  'concentration and passive SI. Denies HI or AVH. Endorses panic attacks and low appetite.';
const PLAIN =
  'He describes the last month as "holding my breath at work" since the plant reorganised. His daughter ' +
  'started travel soccer this autumn; he misses most games because of the late shifts.';
const MIXED =
  'She has been more anxious since her mother was diagnosed with dementia in the spring, and she now drives ' +
  'to Dayton every weekend to help. She is sleeping badly, skipping lunch at work, and says the panic attacks ' +
  'came back in the car park of the care home.';
const BORDERLINE =
  'Patient is a 45-year-old man who reports worsening depression since losing his job in March, with poor ' +
  'sleep, low energy and passive SI. He lives with his wife and two kids.';

test('clinicalShare counts words inside clinical terms (phrases count every word, numbers are skipped)', () => {
  const c = share(CHECKLIST);
  assert.equal(c.words, 33);
  assert.equal(c.clinicalWords, 24);
  assert.ok(c.share > 0.7);
  assert.equal(share(PLAIN).clinicalWords, 0);
  assert.ok(share(MIXED).share < 0.1);
  assert.ok(share(BORDERLINE).share > 0.3);
  assert.deepEqual(share(''), { words: 0, clinicalWords: 0, terms: 0, share: 0 });
});

test('plainShare rounds to a simple fraction', () => {
  assert.equal(plainShare(0.73), 'about 3 in 4');
  assert.equal(plainShare(0.34), 'about 1 in 3');
  assert.equal(plainShare(0.5), 'about 1 in 2');
  assert.equal(plainShare(0.98), 'nearly all');
});

test('a checklist story fires once, at the Story heading, with the share in words', () => {
  const text = `${FM}## Story\n${CHECKLIST}\n\n## Goals\n- [G1] Pottery class.\n`;
  const f = lint(text);
  assert.equal(f.length, 1);
  assert.equal(text.slice(f[0]!.range.start, f[0]!.range.end), '## Story');
  assert.equal(
    f[0]!.message,
    'The Story reads like a symptom checklist: 24 of 33 words (about 3 in 4) are symptom, diagnosis or chart terms. ' +
      'What has been happening in the person’s life, in their own words?',
  );
  assert.equal(f[0]!.severity, 'info');
});

test('a plain or mixed story, and a short one, stay quiet', () => {
  for (const story of [PLAIN, MIXED, 'Insomnia and nightmares since the fire.', 'Pt denies SI.', '']) {
    assert.deepEqual(lint(`${FM}## Story\n${story}\n`), [], story);
  }
});

test('options: threshold, minWords, minTerms', () => {
  const text = `${FM}## Story\n${BORDERLINE}\n`;
  assert.equal(lint(text).length, 1);
  assert.equal(lint(text, { rules: { [ID]: { threshold: 0.4 } } }).length, 0);
  assert.equal(lint(`${FM}## Story\n${MIXED}\n`, { rules: { [ID]: { threshold: 0.05 } } }).length, 1);
  const short = `${FM}## Story\nPt denies SI, HI, AVH.\n`;
  assert.equal(lint(short).length, 0);
  assert.equal(lint(short, { rules: { [ID]: { minWords: 3 } } }).length, 1);
  assert.equal(lint(text, { rules: { [ID]: { minTerms: 20 } } }).length, 0);
  assert.equal(lint(text, { rules: { [ID]: { severity: 'warning', threshold: 0.3 } } })[0]!.severity, 'warning');
});

test('aliases count as the Story; other sections are not judged', () => {
  const alias = `${FM}## Narrative\n${CHECKLIST}\n`;
  assert.match(lint(alias)[0]!.message, /^The Narrative reads like/);
  assert.deepEqual(lint(`${FM}## Relationships\n${CHECKLIST}\n`), []);
});

test('vocabulary config changes the count', () => {
  const text = `${FM}## Story\nShe has the blahs and the zoomies and the wobbles, all week, every week.\n`;
  assert.equal(lint(text).length, 0);
  assert.equal(lint(text, { vocabulary: { symptoms: { add: ['the blahs', 'zoomies', 'wobbles'] } } }).length, 1);
  assert.equal(lint(`${FM}## Story\n${CHECKLIST}\n`, { vocabulary: { jargon: { remove: ['pt'] } } })[0]!.message.includes('23 of 33'), true);
});

test('inline disable at the heading', () => {
  const text = `${FM}<!-- visitnotes-disable-next-line ${ID} -->\n## Story\n${CHECKLIST}\n`;
  assert.deepEqual(lint(text), []);
});
