/**
 * The job summary: counts only. Findings per rule and per severity, the
 * totals, and what the annotations cover. Never a file name, a message, note
 * text, a patient or an identifier: a summary is visible to everyone who can
 * see the workflow run, and file names can carry initials or dates.
 */
import type { FileResult, Totals } from '../cli/results.ts';

export interface SummaryFacts {
  results: readonly FileResult[];
  totals: Totals;
  /** The exit code `visitnotes lint` gives these results (0 or 1). */
  lintExitCode: number;
  /** What was annotated, in words ("findings on lines changed since main", ...). */
  annotations: string;
  /** Where the SARIF file was written (relative to the workspace), if it was. */
  sarifFile: string | undefined;
  /** Rule ID → docs URL. */
  docsUrl: (ruleId: string) => string;
}

const SEVERITIES = [2, 1, 0] as const;
const UNLINTABLE = '(file could not be linted)';

export function summaryMarkdown(f: SummaryFacts): string {
  const perRule = new Map<string, [number, number, number]>();
  for (const r of f.results) {
    for (const m of r.messages) {
      const key = m.ruleId ?? UNLINTABLE;
      const counts = perRule.get(key) ?? [0, 0, 0];
      counts[m.severity]++;
      perRule.set(key, counts);
    }
  }
  const { errorCount: e, warningCount: w, infoCount: i } = f.totals;
  const withFindings = f.results.filter((r) => r.messages.length > 0).length;
  const status = f.lintExitCode === 0 ? (e + w + i === 0 ? '✅ No findings' : '✅ No errors') : '❌ The lint fails';
  const lines = [
    '### Visit Notes',
    '',
    `${status}: ${plural(e, 'error')}, ${plural(w, 'warning')}, ${plural(i, 'info')} in ${plural(f.results.length, 'note')} (${withFindings} with findings).`,
    '',
  ];
  if (perRule.size > 0) {
    lines.push('| rule | errors | warnings | infos |', '|---|---:|---:|---:|');
    const rows = [...perRule].sort(([a, ca], [b, cb]) => weight(cb) - weight(ca) || (a < b ? -1 : a > b ? 1 : 0));
    for (const [rule, counts] of rows) {
      const name = rule === UNLINTABLE ? rule : `[\`${rule}\`](${f.docsUrl(rule)})`;
      lines.push(`| ${name} | ${SEVERITIES.map((s) => counts[s]).join(' | ')} |`);
    }
    lines.push(`| **total** | **${e}** | **${w}** | **${i}** |`, '');
  }
  lines.push(`Annotations: ${f.annotations}.`);
  if (f.sarifFile) lines.push(`SARIF: \`${f.sarifFile}\`.`);
  lines.push('');
  return `${lines.join('\n')}\n`;
}

/** Errors first, then warnings, then infos. */
function weight(c: [number, number, number]): number {
  return c[2] * 1e12 + c[1] * 1e6 + c[0];
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
