/**
 * `visitnotes report [paths...]`: a program report (per clinician and per rule,
 * by month) over every note found, each linted with its patient's history. The
 * output carries counts only: no note text, no patients, no paths.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { historyFor, lintText, RULES, TOO_DEEP } from '../../engine/index.ts';
import { isStackOverflow } from '../lint/limits.ts';
import { buildReport, formatReport, type ReportFormat, type ReportNote } from '../../report/index.ts';
import { EXIT_OK, type Io } from '../io.ts';
import { loadWorkspace, type WorkspaceOptions } from './workspace.ts';

export interface ReportRunOptions extends WorkspaceOptions {
  format: ReportFormat;
  nameClinicians: boolean;
  outputFile: string | undefined;
}

export async function runReport(options: ReportRunOptions, io: Io): Promise<number> {
  const { index, notes } = await loadWorkspace(options, io);
  const inputs: ReportNote[] = [];
  for (const n of notes) {
    const summary = index.get(n.file);
    if (!summary) continue;
    const history = historyFor(index, n.file);
    let findings;
    try {
      findings = lintText(n.text, { config: n.config, ...(n.note ? { note: n.note } : {}), ...(history ? { history } : {}) }).findings;
    } catch (err) {
      // One bad note is one skipped note, never the whole report. Named by file and
      // error type only: engine messages could quote the note.
      const why = isStackOverflow(err) ? TOO_DEEP : `the engine failed on it (${(err as Error)?.name ?? 'Error'}); please report this`;
      io.stderr.write(`visitnotes: skipped ${path.relative(io.cwd, n.file) || n.file}: ${why}\n`);
      continue;
    }
    inputs.push({ summary, findings });
  }
  const report = buildReport(inputs, { nameClinicians: options.nameClinicians, ruleIds: RULES.map((r) => r.id) });
  const text = formatReport(report, options.format);
  if (options.outputFile === undefined) io.stdout.write(text);
  else {
    const out = path.resolve(io.cwd, options.outputFile);
    await mkdir(path.dirname(out), { recursive: true });
    await writeFile(out, text);
  }
  return EXIT_OK;
}
