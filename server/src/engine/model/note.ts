/**
 * The typed note model. Built once per text version from one remark parse
 * (see parse.ts); every rule, completion, hover and preview reads this model and
 * never parses again.
 */
import type { Root } from 'mdast';
import type { LineIndex, Range } from './text.ts';

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
export const CHANGE_VALUES = ['start', 'increase', 'decrease', 'continue', 'stop', 'taper', 'switch'] as const;
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
  /** Lowercased field name when inside a medication field (`rationale`, `plan`, ...). */
  field: string | undefined;
  /** Canonical section the reference stands in, if any. */
  section: string | undefined;
}

export interface MedicationField {
  /** Field name as written (`Rationale`). */
  name: string;
  /** Lowercased name for matching. */
  key: string;
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
  /** Lowercased `Change:` value when present. */
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
}

/** First section resolving to `canonical`, if present. */
export function findSection(note: Note, canonical: string): Section | undefined {
  return note.sections.find((s) => s.canonical === canonical);
}

export function normalizeSectionKey(title: string): string {
  return title
    .trim()
    .replace(/[\s.:;,!?\-–—]+$/u, '')
    .replace(/\s+/g, ' ')
    .toLowerCase();
}
