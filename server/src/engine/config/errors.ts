/**
 * A config problem located in its file. load.ts re-exports it (the public name
 * lives there); it sits in its own module so validation can use it without a
 * cycle.
 */
export class ConfigError extends Error {
  /** Every problem found in the same pass, this one first (a file can have several). */
  problems: ConfigError[] = [this];

  constructor(
    message: string,
    readonly file: string,
    /** 1-based; undefined when the problem is the file as a whole (unreadable). */
    readonly line?: number,
    /** 1-based, in UTF-16 code units (as note findings are). */
    readonly column?: number,
    /** Where in the config: `rules.phi`, `templates.intake.sections[2]`, `extends[1]`. */
    readonly key?: string,
    /** End of the offending text (1-based, exclusive column), for editor squiggles. */
    readonly endLine?: number,
    readonly endColumn?: number,
  ) {
    super(message);
    this.name = 'ConfigError';
  }

  /** `path/.visitnotes.yaml:4:3: rules.phi: ...` */
  format(): string {
    const where = this.line ? `${this.file}:${this.line}:${this.column ?? 1}` : this.file;
    return `${where}: ${this.key ? `${this.key}: ` : ''}${this.message}`;
  }

  /** Every problem of the pass, one `format()` line each. */
  formatAll(): string {
    return this.problems.map((p) => p.format()).join('\n');
  }

  /** A plain object for JSON output and logs. */
  toJSON(): { file: string; line?: number; column?: number; endLine?: number; endColumn?: number; key?: string; message: string } {
    return {
      file: this.file,
      ...(this.line !== undefined ? { line: this.line, column: this.column ?? 1 } : {}),
      ...(this.endLine !== undefined ? { endLine: this.endLine, endColumn: this.endColumn ?? 1 } : {}),
      ...(this.key !== undefined ? { key: this.key } : {}),
      message: this.message,
    };
  }
}

/** When there are errors: throws the first (by position), carrying all of them in `problems`. */
export function throwProblems(errors: ConfigError[]): void {
  if (errors.length === 0) return;
  const sorted = sortErrors(errors);
  sorted[0]!.problems = sorted;
  throw sorted[0]!;
}

export function sortErrors(errors: ConfigError[]): ConfigError[] {
  return [...errors].sort(
    (a, b) =>
      a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0),
  );
}
