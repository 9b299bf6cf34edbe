/**
 * The typed note model. Built once per text version from one remark parse
 * (see parse.ts); every rule, completion, hover and preview reads this model and
 * never parses again.
 */
import type { Root } from 'mdast';
import type { LineIndex, Range } from './text.ts';
import { isSpaceCode } from '../letters.ts';
import { charCode } from '../char-code.ts';

export const CANONICAL_SECTIONS = [
  'Story',
  'Relationships',
  'Goals',
  'Medication meaning',
  'Countertransference',
] as const;
export type CanonicalSection = (typeof CANONICAL_SECTIONS)[number];

/** `patient-key` (optional): a random pseudonymous key that tells apart people sharing a pseudonym (visits/patient-key.ts). */
export const FRONT_MATTER_KEYS = ['patient', 'date', 'clinician', 'visit', 'template', 'patient-key'] as const;
export const VISIT_KINDS = ['intake', 'follow-up', 'crisis', 'transfer', 'other'] as const;
/**
 * `hold` is a pause (the medication is still part of the course of care);
 * `restart` resumes a held or earlier medication.
 */
export const CHANGE_VALUES = ['start', 'increase', 'decrease', 'continue', 'stop', 'taper', 'switch', 'hold', 'restart'] as const;
export type ChangeValue = (typeof CHANGE_VALUES)[number];
export const MEDICATION_FIELDS = [
  'Rationale',
  'Meaning',
  'Change',
  'Plan',
  'Response',
  'Ambivalence',
  'Concerns',
  'Hopes and fears',
  'Family history',
  'Decision',
] as const;
/**
 * Fields that record what a medication means to the person (docs/format.md):
 * any of them counts as Meaning for the rules (a required Meaning, meaning-reflection).
 */
export const MEANING_FIELDS = ['Meaning', 'Ambivalence', 'Hopes and fears', 'Family history'] as const;

export interface FrontMatterEntry {
  key: string;
  keyRange: Range;
  /** Parsed YAML value (string, number, Date-like string, ...). */
  value: unknown;
  /** Source text of the value (without a trailing comment). */
  valueText: string;
  valueRange: Range;
}

export interface FrontMatter {
  /** The whole block, both `---` fences included. */
  range: Range;
  /** The YAML between the fences. */
  yamlRange: Range;
  /** Top-level mapping entries; empty when the YAML is not a mapping. */
  entries: FrontMatterEntry[];
  /** Plain JS value of the YAML document (undefined on a parse error). */
  data: unknown;
  /** YAML syntax errors, already mapped to note offsets. */
  errors: { message: string; range: Range }[];
}

export interface Section {
  /** Heading text as written (inline markup flattened). */
  title: string;
  /** Lowercased, trimmed, trailing punctuation removed: what matching uses. */
  key: string;
  /** Template section this heading resolves to (via name or alias), if any. */
  canonical: string | undefined;
  /**
   * When the heading names none of the note's template sections but reads as
   * one the note lacks (`## Goal`, `## HPI`, `## Social history`): that
   * section. Rules read the section's content as that section's (goals under
   * `## Goal` are goals); `required-section` suggests the rename. See
   * `sectionRole`.
   */
  standsFor: SectionGuess | undefined;
  /** The whole `## ...` line. */
  headingRange: Range;
  /** The heading's text only. */
  titleRange: Range;
  /** From the end of the heading line to the next `##` (or end of note). */
  bodyRange: Range;
  /** Plain text of the body (markup stripped, comments dropped). */
  text: string;
  /** Words in the body, for minimum-word checks. */
  wordCount: number;
}

/** A template section a heading probably means (config/section-guess.ts). */
export interface SectionGuess {
  section: string;
  /** Only one reading: a missing required section is renamed by a fix; otherwise a suggestion. */
  sure: boolean;
  /** A near-miss spelling of the section's name or alias, or a heading from another note format. */
  how: 'spelling' | 'clinical';
}

export interface Goal {
  /** `G1`, `G12`. */
  id: string;
  /** Text after the ID. */
  text: string;
  /** The whole list item. */
  range: Range;
  /** The `[G1]` token. */
  idRange: Range;
  textRange: Range;
}

/** Where a `[Gn]` reference stands, so rules can ask "is it in a rationale?". */
export interface GoalReference {
  id: string;
  range: Range;
  /** Index into `Note.medications` when inside a medication entry. */
  medication: number | undefined;
  /** The field it stands in when inside a medication field: `meant` (`rationale`, `plan`, ...), else the written key. */
  field: string | undefined;
  /** Canonical section the reference stands in, if any. */
  section: string | undefined;
}

export interface MedicationField {
  /** Field name as written (`Rationale`). */
  name: string;
  /** Lowercased name as written. */
  key: string;
  /**
   * The built-in field this name stands for, lowercased: its own key, or the
   * field a near miss (`Rationle`, `Plna`) or synonym (`Reason`, in an entry
   * without a Rationale) stands for (model/fields.ts). Rules that read a field
   * go by this; only medication-fields looks at the spelling.
   */
  meant: string | undefined;
  nameRange: Range;
  value: string;
  valueRange: Range;
  /** The whole list item. */
  range: Range;
}

export interface Medication {
  /** Heading text, e.g. `Sertraline 100 mg daily`. */
  title: string;
  headingRange: Range;
  titleRange: Range;
  /** Heading through the end of the entry. */
  range: Range;
  fields: MedicationField[];
  /**
   * The entry's `Change:` as the value it means: `d/c` and `discontinued` read
   * as `stop`, `uptitrate` as `increase` (medication-fields still reports the
   * spelling). A word that means no value is kept lowercased as written.
   */
  change: string | undefined;
}

export type DirectiveKind = 'disable' | 'enable' | 'disable-next-line';

export interface Directive {
  kind: DirectiveKind;
  /** Rule IDs named; empty means every rule. */
  rules: string[];
  range: Range;
  /** 0-based line of the comment's start. */
  line: number;
}

/** Kinds of direct identifier the `phi` rule looks for (see identifiers.ts). */
export type IdentifierKind = 'ssn' | 'phone' | 'email' | 'address' | 'mrn' | 'dob' | 'patient-name';

export interface IdentifierHit {
  kind: IdentifierKind;
  range: Range;
}

/** The identifiers in a note, found once at parse time, and the options they were found with. */
export interface NoteIdentifiers {
  optionsKey: string;
  hits: IdentifierHit[];
}

export interface Note {
  text: string;
  lines: LineIndex;
  /** The remark tree, for rules that need raw blocks (e.g. `phi` scanning text nodes). */
  tree: Root;
  frontMatter: FrontMatter | undefined;
  /** Every level-2 section in document order (canonical or not). */
  sections: Section[];
  goals: Goal[];
  /** List items in the Goals section that carry no `[Gn]`. */
  unidentifiedGoals: { range: Range; text: string }[];
  goalReferences: GoalReference[];
  medications: Medication[];
  directives: Directive[];
  /** Text before the first `##` heading (after the front matter). */
  preambleRange: Range;
  /**
   * Direct identifiers (what the `phi` rule flags). The model's display strings
   * (titles, goal and field text, front-matter keys) are already masked.
   */
  identifiers: NoteIdentifiers;
}

/**
 * The template section a heading is read as: the one it stands for when it
 * names none of the template's (`## Goal` → Goals), else the one it resolves to.
 */
export function sectionRole(s: Section): string | undefined {
  return s.standsFor?.section ?? s.canonical;
}

/** First section resolving to `canonical`; else the first heading read as it (`## HPI` for Story). */
export function findSection(note: Note, canonical: string): Section | undefined {
  return note.sections.find((s) => s.canonical === canonical) ?? note.sections.find((s) => s.standsFor?.section === canonical);
}

export function normalizeSectionKey(title: string): string {
  // What `.trim().replace(/[\s.:;,!?\-–—]+$/u, '').replace(/\s+/g, ' ')` gives, with the two
  // patterns run only where they would change something: the first, in Unicode mode, cost every
  // cold run its compile, and this is called some 200 times a note (test/engine/section-key.test.ts).
  let key = title.trim();
  let end = key.length;
  while (end > 0 && isTrailingMark(charCode(key, end - 1))) end--;
  if (end < key.length) key = key.slice(0, end);
  if (SPACE_TO_COLLAPSE.test(key)) key = key.replace(/\s+/g, ' ');
  return key.toLowerCase();
}

/** Two white-space characters in a row, or one that is not a plain space. */
const SPACE_TO_COLLAPSE = /\s\s|[^\S ]/;

/** White space, or the punctuation a heading may end with (`Goals:`, `Story —`). */
function isTrailingMark(c: number): boolean {
  // . : ; , ! ? - – —
  return c === 46 || c === 58 || c === 59 || c === 44 || c === 33 || c === 63 || c === 45 || c === 0x2013 || c === 0x2014 || isSpaceCode(c);
}

