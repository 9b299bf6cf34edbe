/**
 * Every built-in rule: the contract's, in its order, then the ones added since. A test checks that each module in this
 * folder is listed here and has a docs page, so nothing is forgotten by hand.
 */
import frontmatter from './frontmatter.ts';
import requiredSection from './required-section.ts';
import emptySection from './empty-section.ts';
import duplicateSection from './duplicate-section.ts';
import sectionOrder from './section-order.ts';
import headingStyle from './heading-style.ts';
import proseMedication from './prose-medication.ts';
import goalId from './goal-id.ts';
import undefinedGoal from './undefined-goal.ts';
import unlinkedGoal from './unlinked-goal.ts';
import rationaleGoalLink from './rationale-goal-link.ts';
import medicationFields from './medication-fields.ts';
import goalSymptomFramed from './goal-symptom-framed.ts';
import storyClinicalJargon from './story-clinical-jargon.ts';
import countertransferenceReflection from './countertransference-reflection.ts';
import countertransferencePrescribing from './countertransference-prescribing.ts';
import phi from './phi.ts';
import goalContinuity from './goal-continuity.ts';
import medicationContinuity from './medication-continuity.ts';
import goalIdReuse from './goal-id-reuse.ts';
import meaningReflection from './meaning-reflection.ts';
import allianceReflection from './alliance-reflection.ts';
import decisionRecorded from './decision-recorded.ts';
import patientKey from './patient-key.ts';
import markupLimit from './markup-limit.ts';
import type { Rule } from './types.ts';

export const RULES: readonly Rule<unknown>[] = [
  frontmatter,
  requiredSection,
  emptySection,
  duplicateSection,
  sectionOrder,
  goalId,
  undefinedGoal,
  unlinkedGoal,
  rationaleGoalLink,
  medicationFields,
  goalSymptomFramed,
  storyClinicalJargon,
  countertransferenceReflection,
  countertransferencePrescribing,
  phi,
  goalContinuity,
  medicationContinuity,
  goalIdReuse,
  headingStyle,
  proseMedication,
  meaningReflection,
  allianceReflection,
  decisionRecorded,
  patientKey,
  markupLimit,
];

export const RULES_BY_ID: ReadonlyMap<string, Rule<unknown>> = new Map(RULES.map((r) => [r.id, r]));
