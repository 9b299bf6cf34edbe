/**
 * `visitnotes timeline <patient> [paths or globs...] [-o file.html]`: one
 * patient's course of care as a self-contained HTML page. Options are checked
 * here; the work is in visits/run-timeline.ts, loaded only when it runs.
 */
import { flag, stringValue, type OptionTable } from '../args.ts';
import { UsageError } from '../io.ts';
import type { Command } from './types.ts';

const options: OptionTable = {
  'output-file': { type: 'string', short: 'o', valueName: '<file>', description: 'Write the HTML page to a file instead of stdout.' },
  config: { type: 'string', short: 'c', valueName: '<file>', description: 'Use this config file for every note instead of the nearest .visitnotes.*.' },
  'no-ignore': { type: 'boolean', description: 'Do not apply .gitignore files or the config\'s "ignore".' },
};

const command: Command = {
  name: 'timeline',
  usage: 'visitnotes timeline <patient> [paths or globs...] [-o file.html]',
  description: `
Draws one patient's course of care as an HTML page: each visit a column, each
goal a row (new, carried, met, dropped, revised, not carried, and the
medications that served it), and each medication's course (start, changes,
stop). <patient> is the notes' "patient" value (case-insensitive); with
"visits: { groupBy: folder }" it may also be the patient's folder. With no
paths, the notes under the current folder are read, as "lint" finds them.

The page is self-contained: no scripts, no remote assets, a strict
Content-Security-Policy. It contains note text: keep it with the notes.`,
  options,
  async run({ values, positionals }, io) {
    const [patient, ...patterns] = positionals;
    if (patient === undefined || patient.trim() === '') throw new UsageError('Name the patient: visitnotes timeline <patient> [paths...]');
    for (const name of ['config', 'output-file'] as const) {
      if (values[name] === '') throw new UsageError(`Option "--${name}" needs a value.`);
    }
    const { runTimeline } = await import('../visits/run-timeline.ts');
    return runTimeline(
      {
        patient,
        patterns,
        outputFile: stringValue(values, 'output-file'),
        configFile: stringValue(values, 'config'),
        noIgnore: flag(values, 'no-ignore'),
      },
      io,
    );
  },
};

export default command;
