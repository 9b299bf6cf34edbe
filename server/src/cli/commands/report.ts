/**
 * `visitnotes report [paths or globs...] [--format md|html|json] [-o file]`:
 * program report for training programs. Options are checked here; the work is
 * in visits/run-report.ts, loaded only when it runs.
 */
import { closest, flag, stringValue, type OptionTable } from '../args.ts';
import { UsageError } from '../io.ts';
import type { Command } from './types.ts';

const FORMATS = ['md', 'html', 'json'] as const;

const options: OptionTable = {
  format: { type: 'string', short: 'f', valueName: '<name>', description: `Output format: ${FORMATS.join(', ')} (default md).` },
  'output-file': { type: 'string', short: 'o', valueName: '<file>', description: 'Write the report to a file instead of stdout.' },
  'anonymize-clinicians': { type: 'boolean', description: 'Label clinicians "Clinician A", "Clinician B", … (the default).' },
  'name-clinicians': { type: 'boolean', description: 'Label clinicians by their front-matter "clinician" value instead.' },
  config: { type: 'string', short: 'c', valueName: '<file>', description: 'Use this config file for every note instead of the nearest .visitnotes.*.' },
  'no-ignore': { type: 'boolean', description: 'Do not apply .gitignore files or the config\'s "ignore".' },
};

const command: Command = {
  name: 'report',
  usage: 'visitnotes report [paths or globs...] [--format md|html|json] [-o file]',
  description: `
Summarizes documentation habits for training programs, per clinician and per
rule, month by month: the share of medication entries whose rationale links a
goal, the share of notes with a reflective Countertransference section, and
findings per note (every note is linted with its patient's earlier visits).
With no paths, the notes under the current folder are read, as "lint" finds them.

The report holds counts only: no note text, no patients, no file names, and
dates by month. Clinicians are "Clinician A", "Clinician B", … unless
--name-clinicians is given.`,
  options,
  async run({ values, positionals }, io) {
    const format = stringValue(values, 'format') ?? 'md';
    if (!(FORMATS as readonly string[]).includes(format)) {
      const hint = closest(format, FORMATS);
      throw new UsageError(`Unknown format "${format}"; use one of ${FORMATS.join(', ')}.${hint ? ` Did you mean "${hint}"?` : ''}`);
    }
    if (flag(values, 'anonymize-clinicians') && flag(values, 'name-clinicians')) {
      throw new UsageError('Use either --anonymize-clinicians or --name-clinicians, not both.');
    }
    for (const name of ['config', 'output-file'] as const) {
      if (values[name] === '') throw new UsageError(`Option "--${name}" needs a value.`);
    }
    const { runReport } = await import('../visits/run-report.ts');
    return runReport(
      {
        patterns: positionals,
        format: format as (typeof FORMATS)[number],
        nameClinicians: flag(values, 'name-clinicians'),
        outputFile: stringValue(values, 'output-file'),
        configFile: stringValue(values, 'config'),
        noIgnore: flag(values, 'no-ignore'),
      },
      io,
    );
  },
};

export default command;
