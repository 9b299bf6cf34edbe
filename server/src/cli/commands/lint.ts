/**
 * `visitnotes lint [options] [paths or globs...]`: validates the options here
 * (cheap, so `--help` and usage errors never load the engine), then runs the
 * pipeline in lint/run-lint.ts.
 */
import { closest, flag, stringValue, type OptionTable } from '../args.ts';
import { availableParallelism, cpus } from 'node:os';
import { isDebug, UsageError } from '../io.ts';
import { FORMAT_NAMES, type FormatName } from '../formatters/names.ts';
import type { Command } from './types.ts';

const options: OptionTable = {
  format: { type: 'string', short: 'f', valueName: '<name>', description: `Output format: ${FORMAT_NAMES.join(', ')} (default stylish).` },
  'output-file': { type: 'string', short: 'o', valueName: '<file>', description: 'Write the report to a file instead of stdout.' },
  quiet: { type: 'boolean', short: 'q', description: 'Report errors only (the exit code still counts warnings for --max-warnings).' },
  'max-warnings': { type: 'string', valueName: '<n>', description: 'Exit with 1 when there are more than n warnings.' },
  fix: { type: 'boolean', description: 'Apply safe fixes to the files, then report what remains.' },
  'fix-dry-run': { type: 'boolean', description: 'Report what would remain after fixing, without writing anything.' },
  config: { type: 'string', short: 'c', valueName: '<file>', description: 'Use this config file for every note instead of the nearest .visitnotes.*.' },
  'no-ignore': { type: 'boolean', description: 'Do not apply .gitignore files or the config\'s "ignore".' },
  stdin: { type: 'boolean', description: 'Lint text from standard input (with --fix: print the fixed note).' },
  'stdin-filename': { type: 'string', valueName: '<path>', description: 'Where the --stdin note lives (config is found from there).' },
  'print-config': { type: 'string', valueName: '<file>', description: 'Print the resolved config that applies to a file, as JSON.' },
  threads: { type: 'string', valueName: '<n|auto|off>', description: 'Threads for large runs (default auto: one fewer than the CPUs, at most 8; workers start from 50 notes to lint).' },
  cache: { type: 'boolean', description: 'Reuse the results of unchanged notes from the last run (see --cache-location).' },
  'cache-location': { type: 'string', valueName: '<file>', description: 'The cache file (default .visitnotes-cache in the current folder).' },
  shard: { type: 'string', valueName: '<i/n>', description: 'Lint only part i of n (CI matrices); a patient\'s notes stay in one part.' },
  color: { type: 'boolean', description: 'Force coloured output.' },
  'no-color': { type: 'boolean', description: 'Disable coloured output (also NO_COLOR=1).' },
};

const command: Command = {
  name: 'lint',
  usage: 'visitnotes lint [options] [paths or globs...]',
  description: `
Lints visit notes and reports findings. With no paths, lints the notes under the
current folder: every *.visit.md, plus .md files matched by the config's
"include", skipping files in .gitignore, the config's "ignore", node_modules and
.git. Files named on the command line are linted whatever their name; quote
globs ("notes/**/*.md") so visitnotes expands them. Each note uses the nearest
.visitnotes.yaml|yml|json above it, exactly as the editor does.

"lint" is the default command: "visitnotes notes/" is "visitnotes lint notes/".

Exit codes: 0 no errors (and warnings within --max-warnings); 1 lint errors or
too many warnings; 2 bad usage, invalid config or an internal failure.`,
  options,
  async run({ values, positionals }, io) {
    const format = stringValue(values, 'format') ?? 'stylish';
    if (!(FORMAT_NAMES as readonly string[]).includes(format)) {
      const hint = closest(format, FORMAT_NAMES);
      throw new UsageError(`Unknown format "${format}"; use one of ${FORMAT_NAMES.join(', ')}.${hint ? ` Did you mean "${hint}"?` : ''}`);
    }
    const maxWarnings = parseMaxWarnings(stringValue(values, 'max-warnings'));
    const stdin = flag(values, 'stdin');
    const stdinFilename = stringValue(values, 'stdin-filename');
    const printConfig = stringValue(values, 'print-config');
    const fix = flag(values, 'fix');
    const fixDryRun = flag(values, 'fix-dry-run');
    if (fix && fixDryRun) throw new UsageError('Use either --fix or --fix-dry-run, not both.');
    if (stdinFilename !== undefined && !stdin) throw new UsageError('--stdin-filename needs --stdin.');
    if (stdin && positionals.length) throw new UsageError('--stdin lints standard input; do not also name files (use --stdin-filename for its path).');
    if (printConfig !== undefined && (positionals.length || stdin)) throw new UsageError('--print-config prints one file\'s config; do not also name files to lint.');
    if (flag(values, 'color') && flag(values, 'no-color')) throw new UsageError('Use either --color or --no-color, not both.');
    const cache = flag(values, 'cache');
    const cacheLocation = stringValue(values, 'cache-location');
    if (cacheLocation !== undefined && !cache) throw new UsageError('--cache-location needs --cache.');
    if (cache && stdin) throw new UsageError('--cache applies to files; it cannot be used with --stdin.');
    const threads = parseThreads(stringValue(values, 'threads'));
    const shard = parseShard(stringValue(values, 'shard'));
    if (shard && stdin) throw new UsageError('--shard splits files between runs; it cannot be used with --stdin.');
    for (const [name, value] of [['config', values.config], ['output-file', values['output-file']], ['print-config', printConfig], ['stdin-filename', stdinFilename], ['cache-location', cacheLocation]] as const) {
      if (value === '') throw new UsageError(`Option "--${name}" needs a value.`);
    }
    const { runLint } = await import('../lint/run-lint.ts');
    return runLint(
      {
        patterns: positionals,
        format: format as FormatName,
        maxWarnings,
        quiet: flag(values, 'quiet'),
        fix,
        fixDryRun,
        configFile: stringValue(values, 'config'),
        noIgnore: flag(values, 'no-ignore'),
        stdin,
        stdinFilename,
        printConfig,
        color: flag(values, 'color') ? true : flag(values, 'no-color') ? false : undefined,
        outputFile: stringValue(values, 'output-file'),
        threads,
        cache,
        cacheLocation,
        shard,
        debug: flag(values, 'debug') || isDebug([], io.env),
      },
      io,
    );
  },
};

/**
 * Beyond this many threads a run gains little (the main thread reads the files
 * and reconciles histories alone) while each worker adds its engine to memory.
 */
export const AUTO_THREADS_MAX = 8;

/**
 * `auto` (the default): one thread fewer than the CPUs the process may use
 * (`os.availableParallelism()`), at least one, at most AUTO_THREADS_MAX. The
 * CPU left over is not idle: a linting thread keeps V8's garbage collector and
 * optimising compiler busy on background threads (a `--threads off` run of
 * 2,000 notes uses 1.35 CPUs on an idle 2-CPU machine), so a worker per CPU
 * competes with them. Measured there: two threads cost 20–25 % more CPU for no
 * less wall time (docs/performance.md). Not reduced by the load average: it
 * lags by a minute, so the run before would decide, and the same command on
 * the same machine would take one thread or several by chance. `off` or 1: none.
 */
export function parseThreads(raw: string | undefined, cpuCount = availableParallelism?.() ?? cpus().length): number {
  if (raw === undefined || raw === 'auto') return Math.max(1, Math.min(cpuCount - 1, AUTO_THREADS_MAX));
  if (raw === 'off') return 1;
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < 1 || Number(raw) > 1024) {
    throw new UsageError(`--threads needs a number of threads (1 to 1024), "auto" or "off", not "${raw}".`);
  }
  return Number(raw);
}

/** `i/n`: part i (1 to n) of n. */
export function parseShard(raw: string | undefined): { index: number; count: number } | undefined {
  if (raw === undefined) return undefined;
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(raw);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count || !Number.isSafeInteger(count)) {
    throw new UsageError(`--shard needs i/n, a part i from 1 to n of n parts (e.g. --shard 2/4), not "${raw}".`);
  }
  return { index, count };
}

function parseMaxWarnings(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^-?\d+$/.test(raw.trim()) || Number(raw) < -1) {
    throw new UsageError(`--max-warnings needs a whole number (0 or more; -1 for no limit), not "${raw}".`);
  }
  const n = Number(raw);
  return n < 0 ? undefined : n;
}

export default command;
