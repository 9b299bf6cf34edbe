/**
 * What a rule is and what it may report. A rule is one small module exporting a
 * `Rule`; `rules/index.ts` collects them. The runner (run-rules.ts) stamps rule
 * ID and severity, validates ranges, and applies inline disable comments, so a
 * rule never sees suppression or configuration plumbing.
 */
import type { Note } from '../model/note.ts';
import type { Range } from '../model/text.ts';
import type { ResolvedConfig, ResolvedTemplate, Severity } from '../config/types.ts';
import type { Vocabulary } from '../vocabulary/index.ts';
import type { VisitHistory } from '../visits/types.ts';
import type { OptionsOf, OptionsSchema } from './options.ts';

export type { OptionsOf } from './options.ts';

/** Severity is a config concept (config/types.ts); re-exported for the rules. */
export type { Severity, SeveritySetting } from '../config/types.ts';

/** One replacement in the note text. Offsets index the text the rule was given. */
export interface TextEdit {
  range: Range;
  newText: string;
}

/** A fix is data: a title and non-overlapping edits, applied in one place (fixes.ts). */
export interface Fix {
  title: string;
  edits: TextEdit[];
  /**
   * The title names nothing from the note but vocabulary words (a medication's
   * generic name, a dose, a Change value), so the terminal may print it:
   * `--fix-dry-run` lists such suggestions under their finding.
   */
  safeTitle?: true;
}

export interface RelatedLocation {
  range: Range;
  message: string;
}

/**
 * Facts about a finding as data, for the faces and the host to read instead of
 * parsing the message (`required-section`: `{ section: 'Goals' }`). Values are
 * masked like messages; keep them to names from the template or vocabulary.
 */
export type FindingData = Readonly<Record<string, string | number | boolean>>;

/**
 * A declared hand-over between rules: while `rule` is enabled in config, the
 * host drops this rule's reports whose `data` holds every entry of `when`
 * (`empty-section` leaves an empty Countertransference section to
 * `countertransference-reflection`). Declared, so no rule reads another's config.
 */
export interface Deferral {
  rule: string;
  when: FindingData;
}

export interface RuleReport {
  range: Range;
  message: string;
  data?: FindingData;
  /** Safe, obvious fix: applied by `--fix`, fix-all and the preferred quick fix. */
  fix?: Fix;
  /** Alternatives a person chooses between (quick fixes only, never `--fix`). */
  suggestions?: Fix[];
  related?: RelatedLocation[];
  /** LSP hint: render the range faded (e.g. a goal nothing serves). */
  unnecessary?: boolean;
  /**
   * At most this severity: a milder kind of finding within a rule (an unknown
   * front-matter key is a warning while the rule's other findings are errors).
   * Never raises the configured severity, so `info` or `off` in config still wins.
   */
  severity?: Severity;
}

export interface RuleContext<O = Record<string, unknown>> {
  note: Note;
  /** The template that applies to this note (front matter `template`, else config default). */
  template: ResolvedTemplate;
  /** Rule options: defaults merged with config. */
  options: O;
  vocabulary: Vocabulary;
  config: ResolvedConfig;
  /**
   * The patient's earlier visits (oldest first), when the caller has a workspace
   * index (LSP, CLI). Absent for single-note runs: cross-visit rules return early.
   */
  history?: VisitHistory;
  report(report: RuleReport): void;
}

export interface Rule<O = Record<string, unknown>> {
  /** Fixed ID from the contract, e.g. `rationale-goal-link`. */
  id: string;
  /** One line, shown by `visitnotes rules`, SARIF and hovers. */
  description: string;
  defaultSeverity: Severity;
  /** Default option values; config options are merged over these. */
  defaultOptions: O;
  /** JSON Schema for the options object (merged into the config schema). */
  optionsSchema?: Record<string, unknown>;
  /** Whether the rule can offer a `fix` (for docs and `visitnotes rules`). */
  fixable: boolean;
  /** Reads `context.history` (earlier visits); tested with multi-note fixtures, not single files. */
  crossVisit?: boolean;
  /** Reports another rule covers better while it is on (see `Deferral`); applied by the host. */
  defersTo?: readonly Deferral[];
  check(context: RuleContext<O>): void;
}

/** A finding after the runner stamped it: what every face (CLI, LSP, preview) consumes. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  range: Range;
  fix?: Fix;
  suggestions?: Fix[];
  related?: RelatedLocation[];
  unnecessary?: boolean;
  data?: FindingData;
}

/**
 * Typed helper so rule modules get checked option types without ceremony. Given
 * an `optionsSchema` and no type argument, the options' type is derived from the
 * schema (rules/options.ts), and `defaultOptions` must give every option.
 */
export function defineRule<const S extends OptionsSchema>(rule: Rule<OptionsOf<S>> & { optionsSchema: S }): Rule<OptionsOf<S>>;
export function defineRule<O extends Record<string, unknown>>(rule: Rule<O>): Rule<O>;
export function defineRule(rule: Rule): Rule {
  return rule;
}
