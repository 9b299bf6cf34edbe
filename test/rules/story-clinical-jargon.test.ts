import { test } from 'vitest';
import assert from 'node:assert/strict';
import { buildVocabulary, mergeConfig, RECOMMENDED, type RawConfig } from '../../server/src/engine/index.ts';
import { clinicalShare, plainShare } from '../../server/src/engine/rules/story-clinical-jargon.ts';
import { RuleTester } from '../helpers/rule-tester.ts';

const ID = 'story-clinical-jargon';
const FM = '---\npatient: K.O.\ndate: 2026-11-19\n---\n\n';
const configured = (raw: RawConfig) => mergeConfig(RECOMMENDED, raw);
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

const story = (text: string, heading = 'Story') => `${FM}## ${heading}\n${text}\n`;
const AT_STORY = { line: 6, column: 1, endLine: 6, endColumn: 9 }; // "## Story"
const SHORT = 'Pt denies SI, HI, AVH.';
const BLAHS = 'She has the blahs and the zoomies and the wobbles, all week, every week.';

new RuleTester().run(ID, {
  valid: [
    ...[PLAIN, MIXED, 'Insomnia and nightmares since the fire.', SHORT, 'Pt denies SI.', ''].map((s) => ({ name: `plain, mixed or short: ${JSON.stringify(s.slice(0, 40))}`, text: story(s) })),
    { name: 'option threshold', text: story(BORDERLINE), options: { threshold: 0.4 } },
    { name: 'option minTerms', text: story(BORDERLINE), options: { minTerms: 20 } },
    { name: 'other sections are not judged', text: story(CHECKLIST, 'Relationships') },
    { name: 'unknown everyday words are not symptoms', text: story(BLAHS) },
    { name: 'inline disable at the heading', text: `${FM}<!-- visitnotes-disable-next-line ${ID} -->\n## Story\n${CHECKLIST}\n` },
  ],
  invalid: [
    {
      name: 'a checklist story fires once, at the Story heading, with the share in words',
      text: `${FM}## Story\n${CHECKLIST}\n\n## Goals\n- [G1] Pottery class.\n`,
      findings: [
        {
          ...AT_STORY,
          severity: 'info',
          message:
            'The Story reads like a symptom checklist: 24 of 33 words (about 3 in 4) are symptom, diagnosis or chart terms. ' +
            'What has been happening in the person’s life, in their own words?',
        },
      ],
      output: null,
    },
    { name: 'a borderline story fires by default', text: story(BORDERLINE), findings: [AT_STORY], output: null },
    { name: 'a low threshold catches a mixed story', text: story(MIXED), options: { threshold: 0.05 }, findings: [AT_STORY], output: null },
    { name: 'option minWords', text: story(SHORT), options: { minWords: 3 }, findings: [AT_STORY], output: null },
    {
      name: 'severity from config',
      text: story(BORDERLINE),
      config: configured({ rules: { [ID]: { severity: 'warning', threshold: 0.3 } } }),
      findings: [{ ...AT_STORY, severity: 'warning' }],
      output: null,
    },
    { name: 'aliases count as the Story', text: story(CHECKLIST, 'Narrative'), findings: [{ line: 6, column: 1, message: /^The Narrative reads like/ }], output: null },
    {
      name: 'vocabulary config adds symptoms',
      text: story(BLAHS),
      config: configured({ vocabulary: { symptoms: { add: ['the blahs', 'zoomies', 'wobbles'] } } }),
      findings: [AT_STORY],
      output: null,
    },
    {
      name: 'vocabulary config removes jargon',
      text: story(CHECKLIST),
      config: configured({ vocabulary: { jargon: { remove: ['pt'] } } }),
      findings: [{ ...AT_STORY, message: /\b23 of 33\b/ }],
      output: null,
    },
  ],
});
