/**
 * Config as written in `.visitnotes.yaml|yml|json` (RawConfig) and as the engine
 * uses it after `extends` and presets are merged (ResolvedConfig).
 * Declarative only: no file here can run code.
 */
export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

export type VocabularyName = 'symptoms' | 'diagnoses' | 'jargon' | 'formulaic' | 'pressure' | 'medications';

export interface RawSectionSpec {
  name: string;
  /** Default true. */
  required?: boolean;
  aliases?: string[];
  /** Minimum words before `empty-section` is satisfied (default 1). */
  minWords?: number;
  /** What belongs here: shown in hovers and completions. */
  description?: string;
}

export interface RawTemplate {
  /** Another template's name to start from. */
  extends?: string;
  description?: string;
  /** In order; a bare string means a required section of that name. */
  sections?: (string | RawSectionSpec)[];
  /** Whether `section-order` checks order (default true). */
  ordered?: boolean;
  /** Medication fields every entry must carry (default Rationale, Meaning). */
  medicationFields?: string[];
}

export type RawRuleSetting = SeveritySetting | ({ severity?: SeveritySetting } & Record<string, unknown>);

export interface RawConfig {
  $schema?: string;
  extends?: string | string[];
  include?: string[];
  ignore?: string[];
  templates?: Record<string, RawTemplate>;
  defaultTemplate?: string;
  rules?: Record<string, RawRuleSetting>;
  vocabulary?: Partial<Record<VocabularyName, { add?: string[]; remove?: string[] }>>;
  /** Across visits (continuity rules, timeline, report): how notes are grouped into one course of care. */
  visits?: RawVisitsConfig;
}

/** `patient`: by front matter `patient` (default); `folder`: one folder per patient. */
export type VisitGrouping = 'patient' | 'folder';

export interface RawVisitsConfig {
  groupBy?: VisitGrouping;
}

export interface ResolvedVisitsConfig {
  groupBy: VisitGrouping;
}

export interface ResolvedSection {
  name: string;
  required: boolean;
  aliases: string[];
  minWords: number;
  description: string | undefined;
}

export interface ResolvedTemplate {
  name: string;
  description: string | undefined;
  sections: ResolvedSection[];
  ordered: boolean;
  medicationFields: string[];
}

export interface ResolvedRuleSetting {
  /** Undefined: the rule's default severity. */
  severity: SeveritySetting | undefined;
  options: Record<string, unknown>;
}

export interface ResolvedConfig {
  /** Config files that contributed, nearest last (empty: built-in `recommended`). */
  sources: string[];
  include: string[];
  ignore: string[];
  templates: Record<string, ResolvedTemplate>;
  defaultTemplate: string;
  /** Only rules the config mentions; others use their defaults. */
  rules: Record<string, ResolvedRuleSetting>;
  vocabulary: Partial<Record<VocabularyName, { add: string[]; remove: string[] }>>;
  /** Set only when some layer configures `visits`; absent means `{ groupBy: 'patient' }`. */
  visits?: ResolvedVisitsConfig;
}
