/**
 * `--format stylish` (default): for people. Grouped by file (path relative to the
 * current folder), one aligned row per finding, then a summary. The rows match
 * the `visitnotes` problem matcher the extension contributes:
 *
 *   notes/a.visit.md
 *     11:1  error    Missing required section "Goals"  required-section
 *
 *   ✖ 1 problem (1 error, 0 warnings, 0 infos)
 */
import path from 'node:path';
import { getPicocolors } from './colors-provider.ts';
import type { Formatter } from './types.ts';

const SEVERITY_NAME = { 2: 'error', 1: 'warning', 0: 'info' } as const;

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export const stylish: Formatter = (results, meta) => {
  const c = getPicocolors().createColors(meta.color);
  const severityColor = { 2: c.red, 1: c.yellow, 0: c.blue } as const;
  const blocks: string[] = [];
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  let fixableErrors = 0;
  let fixableWarnings = 0;
  for (const r of results) {
    errors += r.errorCount;
    warnings += r.warningCount;
    infos += r.infoCount;
    fixableErrors += r.fixableErrorCount;
    fixableWarnings += r.fixableWarningCount;
    if (r.messages.length === 0) continue;
    const rows = r.messages.map((m) => ({ m, text: oneLine(m.message), sev: SEVERITY_NAME[m.severity] }));
    // A loop, not Math.max(...rows): spreading 300,000 findings overflows the stack.
    const widest = (width: (x: (typeof rows)[number]) => number) => rows.reduce((w, x) => Math.max(w, width(x)), 0);
    const lineW = widest((x) => String(x.m.line).length);
    const colW = widest((x) => String(x.m.column).length);
    const sevW = widest((x) => x.sev.length);
    const msgW = widest((x) => x.text.length);
    const lines = rows.map(({ m, text, sev }) => {
      const pos = `${String(m.line).padStart(lineW)}:${String(m.column).padEnd(colW)}`;
      const rule = m.ruleId ?? '';
      const row = `  ${c.dim(pos)}  ${severityColor[m.severity](sev)}${' '.repeat(sevW - sev.length)}  ${rule ? text + ' '.repeat(msgW - text.length) : text}${rule ? `  ${c.dim(rule)}` : ''}`;
      // `--fix-dry-run`: what a quick fix would do, on lines the problem matcher does not read.
      const hints = meta.suggestions ? (m.suggestions ?? []).map((s) => `\n  ${' '.repeat(pos.length)}  ${c.dim(`suggestion: ${oneLine(s)}`)}`) : [];
      return row.trimEnd() + hints.join('');
    });
    blocks.push(`${c.underline(displayPath(meta.cwd, r.filePath))}\n${lines.join('\n')}\n`);
  }
  const total = errors + warnings + infos;
  if (total === 0) return '';
  const summaryColor = errors > 0 ? c.red : warnings > 0 ? c.yellow : c.blue;
  let out = `${blocks.join('\n')}\n${c.bold(summaryColor(`✖ ${plural(total, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${plural(infos, 'info')})`))}\n`;
  if (fixableErrors + fixableWarnings > 0) {
    out += c.bold(summaryColor(`  ${plural(fixableErrors, 'error')} and ${plural(fixableWarnings, 'warning')} potentially fixable with the \`--fix\` option.`)) + '\n';
  }
  return out;
};

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}

function displayPath(cwd: string, file: string): string {
  const rel = path.relative(cwd, file);
  return rel === '' ? file : rel;
}
