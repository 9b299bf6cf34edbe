/**
 * `visitnotes export <note> [-o note.html] [--include-private]`: the note as one
 * self-contained HTML file to share (e.g. with a supervisor) — the same
 * rendering as the editor's preview and its Export command: header card, the
 * goal ↔ medication map, sections with their findings. No script, nothing
 * remote. The private Countertransference section is left out unless asked for.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { flag, stringValue } from '../args.ts';
import { EXIT_FAILURE, EXIT_OK, UsageError } from '../io.ts';
import type { Command } from './types.ts';

const command: Command = {
  name: 'export',
  usage: 'visitnotes export <note> [-o note.html] [--include-private]',
  description: `
Writes a note as one self-contained HTML file (to stdout, or to the file given
with -o): a header card with the pseudonym, date, template and finding counts,
the goal ↔ medication map, and each section with its findings inline. The file
loads nothing remote and runs no script; every piece of note text is escaped.

The Countertransference section is the clinician's private reflection: it is
left out, together with the findings about it, unless --include-private is
given. Config is found as "lint" finds it.`,
  options: {
    'output-file': { type: 'string', short: 'o', valueName: '<file>', description: 'Write the HTML to this file instead of stdout.' },
    'include-private': { type: 'boolean', description: 'Include the private Countertransference section.' },
    config: { type: 'string', short: 'c', valueName: '<file>', description: 'Use this config file instead of the nearest .visitnotes.*.' },
  },
  async run({ values, positionals }, io) {
    if (positionals.length !== 1) {
      throw new UsageError(positionals.length === 0 ? '"export" needs the note to export.' : '"export" takes exactly one note.');
    }
    for (const name of ['config', 'output-file'] as const) {
      if (values[name] === '') throw new UsageError(`Option "--${name}" needs a value.`);
    }
    const [engine, { exportNote }, { readNote }] = await Promise.all([
      import('../../engine/index.ts'),
      import('../../preview/export.ts'),
      import('../../node/read-note.ts'),
    ]);
    const file = path.resolve(io.cwd, positionals[0]!);
    // Read as lint reads: a binary, oversized or non-regular file is refused, not exported.
    const decoded = await readNote(file);
    if (!decoded.ok) {
      io.stderr.write(`visitnotes: ${path.relative(io.cwd, file) || file}: ${decoded.reason}\n`);
      return EXIT_FAILURE;
    }
    const text = decoded.text;
    const configFile = stringValue(values, 'config');
    const { config } = await engine.loadConfigFor(file, { roots: [io.cwd], ...(configFile ? { configFile: path.resolve(io.cwd, configFile) } : {}) });
    const includePrivate = flag(values, 'include-private');
    const { html, masked, unparsed } = exportNote(text, { config, includePrivate });
    if (unparsed) {
      // Over the size or nesting limits, as lint says: nothing to export.
      io.stderr.write(`visitnotes: ${path.relative(io.cwd, file) || file}: ${unparsed}\n`);
      return EXIT_FAILURE;
    }
    const out = stringValue(values, 'output-file');
    if (out) await writeFile(path.resolve(io.cwd, out), html, 'utf8');
    else io.stdout.write(html);
    if (masked > 0) {
      io.stderr.write(
        `visitnotes: ${masked} direct identifier${masked === 1 ? ' was' : 's were'} replaced by ${engine.MASK} in the export (see the phi findings in the note).\n`,
      );
    }
    if (!includePrivate && /^##[ \t]+(countertransference|clinician reflection|reflection)\b/im.test(text)) {
      io.stderr.write('visitnotes: the private Countertransference section was left out (--include-private includes it).\n');
    }
    return EXIT_OK;
  },
};

export default command;
