/**
 * The shapes of a summarized visit and of a patient's history: what the
 * workspace index stores, what cross-visit rules read (rules/types.ts) and what
 * the timeline and reports show. Types only, so that the rule contract does not
 * depend on how a summary is built (visits/summary.ts).
 */
import type { GoalStatus } from './goals.ts';

/** Why a course was cut: what the `patient-key` rule says, once. */
export interface IdentityNotice {
  /**
   * `collision`: a visit looks like another person. `ambiguous`: this note has no
   * key while its pseudonym's notes carry several (it keeps only the keyless notes
   * as history).
   */
  kind: 'collision' | 'ambiguous';
  /** `here`: this note is where it shows (report it); `earlier`: it showed at an earlier visit (stay quiet). */
  at: 'here' | 'earlier';
  /** For a collision: what did not fit. */
  reason?: 'nothing-shared' | 'age' | 'sex';
}

export interface GoalSummary {
  /** `G1`. */
  id: string;
  /** The goal as worded, without a status marker or its reason. */
  text: string;
  /** `(met)`, `(dropped)` or `(revised)` when marked. */
  status: GoalStatus | undefined;
  /** Reason given with the marker ('' when none). */
  reason: string;
  /** Medication keys (generic names) whose entries reference this goal, in note order. */
  medications: string[];
}

export interface MedicationSummary {
  /** Identity across visits: the heading's first word, lowercased (`sertraline`). */
  key: string;
  /** The heading as written (`Sertraline 150 mg daily`). */
  title: string;
  /** Lowercased first word of `Change:` (`start`, `increase`, ...), if any. */
  change: string | undefined;
  /** Whether the entry has a Rationale field, and whether it references a goal. */
  hasRationale: boolean;
  goalLinked: boolean;
  /** Goal IDs referenced anywhere in the entry. */
  goals: string[];
  /** Lowercased words of the entry's fields (to see which medication a `switch` replaces). */
  words: string[];
  /** Written only in the Medication meaning prose, without a `###` entry (see prose-medication). */
  prose?: true;
}

export type CountertransferenceState = 'absent' | 'empty' | 'formulaic' | 'written';

export interface VisitSummary {
  /** Absolute (or caller-chosen) path of the note. */
  path: string;
  /** The group this visit belongs to (`patient:t.b.` or `folder:/abs/dir`); undefined: not groupable. */
  key: string | undefined;
  /** As written: the grouping identity. Show it with `displayPatient` (a full name is masked). */
  patient: string | undefined;
  /** Front matter `patient-key` as written (compare with normalizePatientKey): tells apart people sharing a pseudonym. */
  patientKey: string | undefined;
  /** The person's age and sex as the Story states them ("58 y/o M"), to notice two people sharing initials. */
  age: number | undefined;
  sex: 'f' | 'm' | undefined;
  /** Valid `YYYY-MM-DD` or undefined. */
  date: string | undefined;
  clinician: string | undefined;
  visit: string | undefined;
  goals: GoalSummary[];
  /** Goal IDs referenced outside their definitions, anywhere in the note. */
  goalMentions: string[];
  medications: MedicationSummary[];
  countertransference: CountertransferenceState;
}

/** What a continuity rule sees: the patient's earlier visits, oldest first. */
export interface VisitHistory {
  /** The group key shared by this note and its history. */
  key: string;
  /** This note's date. */
  date: string;
  /** This note's `patient-key`, if any: a finding may quote an earlier visit only when it carries the same key (`mayQuote`). */
  patientKey?: string | undefined;
  /** Visits of the same person strictly earlier than `date`, in date order (ties by path). */
  previous: VisitSummary[];
  /** Set when the bucket looked like more than one person and this course was cut (visits/persons.ts). */
  identity?: IdentityNotice | undefined;
}
