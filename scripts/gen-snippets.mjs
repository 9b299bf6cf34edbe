// Writes snippets/visitnote.code-snippets. The note snippets follow the built-in
// templates in server/src/engine/config/presets.ts (test/snippets.test.ts checks
// they stay in step). Run: node scripts/gen-snippets.mjs
import { writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const CHANGES = 'continue,start,increase,decrease,stop,taper,switch,hold,restart';
const TODAY = '${CURRENT_YEAR}-${CURRENT_MONTH}-${CURRENT_DATE}';

/** Builds a whole note; `extra` maps a section name to its body (tab stops numbered in order). */
function note(template, visit, sections) {
  let n = 3;
  const stop = (text) => `\${${++n}:${text}}`;
  const lines = [
    '---',
    'patient: ${1:R.M.}',
    `date: ${TODAY}`,
    'clinician: ${2:A. Clinician}',
    `visit: \${3|${visit}|}`,
    `template: ${template}`,
    '---',
    '',
  ];
  for (const [name, body] of sections) {
    lines.push(`## ${name}`, ...body(stop), '');
  }
  lines[lines.length - 1] = '$0';
  return lines;
}

const STORY = ['Story', (s) => [s('What has been happening in their life, in their own words where possible.')]];
const RELATIONSHIPS = ['Relationships', (s) => [`- ${s('Person')}: ${s('what the relationship means to them now')}`, `- Alliance: ${s('how the two of you worked together today')}`]];
const GOALS = ['Goals', (s) => [`- [G1] ${s('Something they want to do or be able to do')}`]];
// Medication entries need a choice tab stop, so build them by hand.
function medication() {
  return (s) => {
    const heading = s('Medication dose schedule');
    const change = s('__CHANGE__');
    return [
      `### ${heading}`,
      `- Change: ${change}`,
      `- Rationale: ${s('How it helps them toward a goal')} [G1].`,
      `- Meaning: ${s('What taking it means to them')}`,
    ];
  };
}
const MED = ['Medication meaning', medication()];
const CT = ['Countertransference', (s) => [s('Your own reactions in the visit, and whether they pulled on a prescribing decision.')]];
const plain = (name, prompt) => [name, (s) => [s(prompt)]];

const fixChoice = (lines) => lines.map((l) => l.replace(/\$\{(\d+):__CHANGE__\}/, `\${$1|${CHANGES}|}`));

const snippets = {
  'Follow-up visit note': {
    prefix: ['note-follow-up', 'follow-up'],
    description: 'A whole follow-up note (template "follow-up"): Story, Relationships, Goals, Medication meaning, Countertransference.',
    body: fixChoice(note('follow-up', 'follow-up,crisis,transfer,other', [STORY, RELATIONSHIPS, GOALS, MED, CT])),
  },
  'Intake visit note': {
    prefix: ['note-intake', 'intake'],
    description: 'A whole first-visit note (template "intake"): the five sections plus Treatment history, Safety and Plan.',
    body: fixChoice(
      note('intake', 'intake,crisis,transfer,other', [
        STORY,
        RELATIONSHIPS,
        plain('Treatment history', 'Past treatments, and what they meant to them and their family.'),
        GOALS,
        MED,
        plain('Safety', 'Safety and risk, described in context.'),
        plain('Plan', 'What happens next, and who does what.'),
        CT,
      ]),
    ),
  },
  '4P formulation note': {
    prefix: ['note-4p', '4p-formulation'],
    description: 'A whole training note (template "4p-formulation"): the five sections plus Predisposing, Precipitating, Perpetuating and Protective factors.',
    body: fixChoice(
      note('4p-formulation', 'follow-up,intake,crisis,transfer,other', [
        STORY,
        RELATIONSHIPS,
        plain('Predisposing', 'What made them vulnerable, across their story.'),
        plain('Precipitating', 'What set this episode off.'),
        plain('Perpetuating', 'What keeps the difficulty going, including relationships and structures.'),
        plain('Protective', 'Strengths, relationships and resources that protect.'),
        GOALS,
        MED,
        CT,
      ]),
    ),
  },
  'Medication entry': {
    prefix: ['med', 'medication'],
    description: 'One `###` medication entry with Change, Rationale linked to a goal, Meaning and Plan.',
    body: [
      '### ${1:Medication dose schedule}',
      `- Change: \${2|${CHANGES}|}`,
      '- Rationale: ${3:How it helps them toward a goal} [${4:G1}].',
      '- Meaning: ${5:What taking it means to them}',
      '- Plan: ${6:What happens next, and what to ask about}',
      '$0',
    ],
  },
  'Medication entry, in depth': {
    prefix: ['med-depth', 'medication-depth'],
    description: 'A `###` medication entry with the meaning fields the relational tradition names (Ambivalence, Hopes and fears, Family history) and who decided.',
    body: [
      '### ${1:Medication dose schedule}',
      `- Change: \${2|${CHANGES}|}`,
      '- Rationale: ${3:How it helps them toward a goal} [${4:G1}].',
      '- Meaning: ${5:What taking it means to them}',
      '- Ambivalence: ${6:What they want from it, and what they fear losing}',
      '- Hopes and fears: ${7:What they hope it will do, and fear it will do or take away}',
      '- Family history: ${8:What this medication, or treatment, has meant in their family}',
      '- Decision: ${9|we agreed,she chose,he chose,they chose,I decided|} ${10:how, and after what}',
      '- Plan: ${11:What happens next, and what to ask about}',
      '$0',
    ],
  },
  Decision: {
    prefix: ['decision'],
    description: 'Who decided, and how: an optional medication field the training preset asks for on start, increase and switch.',
    body: ['- Decision: ${1|we agreed,she chose,he chose,they chose,I decided|} ${2:how, and after what}$0'],
  },
  Goal: {
    prefix: ['goal'],
    description: 'A goal in the Goals section: something the person wants to do, with its ID.',
    body: ['- [G${1:1}] ${2:Something they want to do or be able to do}$0'],
  },
  'Meaning prompt: affect': {
    prefix: ['meaning-affect'],
    description: 'Focus on affect: what they feel about the medication and about taking it.',
    body: ['- Meaning: ${1:What they feel when taking it or talking about it (relief, shame, fear, hope)}$0'],
  },
  'Meaning prompt: avoidance': {
    prefix: ['meaning-avoidance'],
    description: 'Exploration of avoidance, including avoidance of meaning: what the conversation steers around.',
    body: ['- Ambivalence: ${1:What is not said or not done about it; what the topic steers around}$0'],
  },
  'Meaning prompt: past experience': {
    prefix: ['meaning-past-experience'],
    description: 'Emphasis on past experiences with caregivers and with treatment, including family history with medication.',
    body: ['- Meaning: ${1:Earlier experiences with this or other treatment, theirs and their family’s}$0'],
  },
  'Meaning prompt: patterns': {
    prefix: ['meaning-patterns'],
    description: 'Identification of patterns, e.g. stopping medication at the moment of recovery.',
    body: ['- Concerns: ${1:A pattern that repeats (e.g. stopping as soon as things improve)}$0'],
  },
  'Meaning prompt: interpersonal': {
    prefix: ['meaning-interpersonal'],
    description: 'Focus on interpersonal experience, including the relationship with the medication itself.',
    body: ['- Meaning: ${1:How it sits in their relationships, and their relationship with the medication itself}$0'],
  },
  'Meaning prompt: therapeutic relationship': {
    prefix: ['meaning-therapeutic-relationship'],
    description: 'Emphasis on the therapeutic relationship: what prescribing means between the two of you.',
    body: ['- Meaning: ${1:What prescribing or changing it means between the two of you}$0'],
  },
  'Meaning prompt: wishes and fears about treatment': {
    prefix: ['meaning-wishes-fears'],
    description: 'Exploration of wishes and fantasies about treatment: what they hope and fear it will do.',
    body: ['- Hopes and fears: ${1:What they hope it will do, and what they fear it will do or take away}$0'],
  },
  'Meaning prompt: family history': {
    prefix: ['meaning-family-history'],
    description: 'Family and past experiences with treatment, which travel across generations (a parent’s lithium, a sibling’s bad reaction).',
    body: ['- Family history: ${1:What this medication, or treatment, has meant in their family}$0'],
  },
  'Disable a rule for the next line': {
    prefix: ['visitnotes-disable-next-line'],
    description: 'Inline control: silence a rule on the next line (as markdownlint does).',
    body: ['<!-- visitnotes-disable-next-line ${1:rule-id} -->$0'],
  },
};

writeFileSync(path.join(root, 'snippets/visitnote.code-snippets'), JSON.stringify(snippets, null, 2) + '\n');
console.log(`wrote ${Object.keys(snippets).length} snippets`);
