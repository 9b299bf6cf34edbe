/**
 * Built-in presets and templates. With no config file at all, `recommended`
 * applies: the follow-up template (the five canonical sections, in order) and
 * the medication fields Rationale and Meaning.
 */
import type { RawConfig, RawTemplate } from './types.ts';

const STORY = {
  name: 'Story',
  aliases: ['Narrative', "Patient's story", 'Their story'],
  description: 'The person’s story in plain words: what has been happening in their life, in their words where possible.',
};
const RELATIONSHIPS = {
  name: 'Relationships',
  aliases: ['Relational context', 'Relationships and alliance'],
  description: 'People and structures that order or disorder the person’s life, and the clinician–patient alliance.',
};
const GOALS = {
  name: 'Goals',
  aliases: ['Goals and purposes', 'Purposes'],
  description: 'What the person wants to do or be able to do, each as `- [G1] ...`.',
};
const MEDICATION = {
  name: 'Medication meaning',
  aliases: ['Medications', 'Medication', 'Medication and meaning'],
  description: 'One `###` entry per medication with Rationale (linked to a goal) and Meaning.',
};
const COUNTERTRANSFERENCE = {
  name: 'Countertransference',
  aliases: ['Clinician reflection', 'Reflection'],
  description: 'Your own reactions in the visit, and whether they pulled on prescribing decisions.',
};

export const BUILTIN_TEMPLATES: Record<string, RawTemplate> = {
  'follow-up': {
    description: 'A follow-up medication visit: the five canonical sections.',
    sections: [STORY, RELATIONSHIPS, GOALS, MEDICATION, COUNTERTRANSFERENCE],
    medicationFields: ['Rationale', 'Meaning'],
  },
  intake: {
    description: 'A first visit: the five sections plus treatment history, safety and plan.',
    sections: [
      STORY,
      RELATIONSHIPS,
      {
        name: 'Treatment history',
        required: false,
        aliases: ['Past treatment', 'Medication history'],
        description: 'Past treatments and what they meant to the person and their family.',
      },
      GOALS,
      MEDICATION,
      {
        name: 'Safety',
        aliases: ['Risk', 'Safety assessment'],
        description: 'Safety and risk, described in context.',
      },
      { name: 'Plan', aliases: ['Next steps'], description: 'What happens next and who does what.' },
      COUNTERTRANSFERENCE,
    ],
    medicationFields: ['Rationale', 'Meaning'],
  },
  '4p-formulation': {
    description: 'Training template: the five sections plus a 4P case formulation.',
    sections: [
      STORY,
      RELATIONSHIPS,
      { name: 'Predisposing', description: 'What made the person vulnerable, across their story.' },
      { name: 'Precipitating', description: 'What set this episode off.' },
      { name: 'Perpetuating', description: 'What keeps the difficulty going (including relationships and structures).' },
      { name: 'Protective', description: 'Strengths, relationships and resources that protect.' },
      GOALS,
      MEDICATION,
      COUNTERTRANSFERENCE,
    ],
    medicationFields: ['Rationale', 'Meaning'],
  },
};

export const PRESETS: Record<string, RawConfig> = {
  recommended: {
    templates: BUILTIN_TEMPLATES,
    defaultTemplate: 'follow-up',
    // House style, not a problem in the note: on in strict and training only.
    // Recording who decided is a training habit: `training` turns it on (docs/rules/decision-recorded.md).
    rules: { 'heading-style': 'off', 'decision-recorded': 'off' },
  },
  strict: {
    extends: 'recommended',
    rules: {
      'rationale-goal-link': 'error',
      'medication-fields': 'error',
      'countertransference-reflection': 'error',
      phi: 'error',
      'goal-symptom-framed': 'warning',
      'story-clinical-jargon': 'warning',
      'countertransference-prescribing': 'warning',
      'section-order': 'warning',
      'heading-style': 'warning',
      'meaning-reflection': 'error',
      'alliance-reflection': 'warning',
    },
  },
  training: {
    extends: 'recommended',
    defaultTemplate: '4p-formulation',
    rules: {
      'goal-symptom-framed': 'warning',
      'story-clinical-jargon': 'warning',
      'unlinked-goal': 'warning',
      'countertransference-prescribing': 'warning',
      'heading-style': 'info',
      'alliance-reflection': 'warning',
      'decision-recorded': 'warning',
    },
  },
};
