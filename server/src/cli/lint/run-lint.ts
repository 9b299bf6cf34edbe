/**
 * `visitnotes lint`: options, --print-config, --stdin, formatting and the exit
 * code. The run itself: collect files → read them and find their configs →
 * (--shard: keep this part) (lint-files.ts) → the engine's `lintFiles` with the
 * Node pieces plugged in (lint-entries.ts): --cache, batches of patient groups
 * (worker threads for large runs), every note linted with the history the whole
 * run gives it, fixes written → sort → format → exit code.
 *
 * Exit code (fixed): 1 when any error remains (a file that could not be linted
 * counts as one) or warnings exceed --max-warnings; else 0. Counts come from the
 * unfiltered results, so --quiet never hides a failure. Infos never count.
 */
import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { printConfig, RULES, ruleDocsUrl } from '../../engine/index.ts';
import { useColor } from '../color.ts';
import { FORMATTERS, type FormatName, type FormatterMeta, type RuleInfo } from '../formatters/index.ts';
import { EXIT_LINT, EXIT_OK, FatalError, UsageError, type Io } from '../io.ts';
import { errorsOnly, sortResults, totals, type FileResult, type Totals } from '../results.ts';
import { toolVersion } from '../version.ts';
import { CliConfigs } from './config.ts';
import type { Shard } from './groups.ts';
import { lintFiles } from './lint-files.ts';
import { decodeNote } from '../../node/read-note.ts';
import { lintStdin } from './stdin.ts';
import { linted } from '../loader-hooks.ts';
import { beforeLint } from './short-run.ts';
import { OUTCOME_MESSAGES } from './write.ts';

// The run's parts, for the package API, the Action and the tests.
export { DIR_NAMED_LIKE_NOTE, lintFiles } from './lint-files.ts';
export { NoteProcessingError } from './note-error.ts';
export { lintStdin } from './stdin.ts';

export interface LintRunOptions {
  patterns: string[];
  format: FormatName;
  maxWarnings: number | undefined;
  quiet: boolean;
  fix: boolean;
  fixDryRun: boolean;
  configFile: string | undefined;
  noIgnore: boolean;
  stdin: boolean;
  stdinFilename: string | undefined;
  printConfig: string | undefined;
  color: boolean | undefined;
  outputFile: string | undefined;
  /** Worker threads for large runs (1: none). */
  threads: number;
  /** --cache, and where (default `.visitnotes-cache` in the current folder). */
  cache: boolean;
  cacheLocation?: string | undefined;
  /** --shard i/n. */
  shard?: Shard | undefined;
  /** --debug: a line of statistics on stderr. */
  debug?: boolean;
  /** Test seams (not reachable from the command line). */
  hooks?: {
    /** Called just before a fixed file is written. */
    beforeWrite?(file: string): void | Promise<void>;
  };
}

export const CHANGED_ON_DISK = OUTCOME_MESSAGES['changed-on-disk'];

export async function runLint(options: LintRunOptions, io: Io): Promise<number> {
  const configs = new CliConfigs(io.cwd, options.configFile, (line) => io.stderr.write(line));
  if (options.configFile) await configs.forFile(path.join(io.cwd, 'x.visit.md')); // a bad --config fails before anything else

  if (options.printConfig !== undefined) {
    // A typo must not print a plausible config for a file that is not there. A folder
    // stands for a note not written yet: the config a note in it would get.
    const target = path.resolve(io.cwd, options.printConfig);
    const st = await stat(target).catch(() => undefined);
    if (!st) throw new UsageError(`--print-config: no such file or folder: ${options.printConfig} (give a folder for a note not written yet)`);
    await emit(io, options, printConfig(await configs.forFile(st.isDirectory() ? path.join(target, 'new.visit.md') : target)));
    return EXIT_OK;
  }

  let results: FileResult[];
  if (options.stdin) {
    const filePath = path.resolve(io.cwd, options.stdinFilename ?? '<stdin>');
    const input = await io.readStdin();
    const decoded = decodeNote(input);
    beforeLint(decoded.ok ? decoded.text.length : 0, false);
    const { result, fixedText } = await lintStdin(filePath, decoded, { ...options, cwd: io.cwd }, configs);
    results = [result];
    linted();
    if (options.fix) {
      // The note goes to stdout (fixed, or exactly as it came when nothing changed
      // or it could not be decoded), so piping a buffer through never loses it;
      // the report goes to -o or stderr.
      io.stdout.write(fixedText ?? input);
      return finish(results, options, io, io.stderr);
    }
  } else {
    results = await lintFiles(options, configs, io);
  }
  return finish(results, options, io);
}

async function finish(results: FileResult[], options: LintRunOptions, io: Io, reportTo = io.stdout): Promise<number> {
  const sorted = sortResults(results);
  const all = totals(sorted);
  const shown = options.quiet ? errorsOnly(sorted) : sorted;
  const toFile = options.outputFile !== undefined;
  // Each read only by the formatters that show it: whether stdout is a terminal (colour) costs
  // a run Node's tty module, the version a read of package.json (SARIF's tool), a cold run's
  // few milliseconds each that a JSON report never uses.
  const meta: FormatterMeta = {
    cwd: io.cwd,
    get color() {
      return useColor(options.color, { env: io.env, isTTY: reportTo === io.stdout && io.isTTY }, toFile);
    },
    get version() {
      return toolVersion();
    },
    get rules() {
      return ruleInfos();
    },
    ...(options.fixDryRun ? { suggestions: true } : {}),
  };
  const text = FORMATTERS[options.format](shown, meta);
  if (toFile) await emit(io, options, text);
  else reportTo.write(text);

  const code = lintExitCode(all, options.maxWarnings);
  if (code === EXIT_LINT && all.errorCount === 0) {
    io.stderr.write(`visitnotes found too many warnings (${all.warningCount}; maximum: ${options.maxWarnings}).\n`);
  }
  return code;
}

/** The exit code (fixed): 1 for any error or more warnings than `maxWarnings` (undefined: no limit), else 0. */
export function lintExitCode(all: Totals, maxWarnings: number | undefined): number {
  if (all.errorCount > 0) return EXIT_LINT;
  if (maxWarnings !== undefined && maxWarnings >= 0 && all.warningCount > maxWarnings) return EXIT_LINT;
  return EXIT_OK;
}

export function ruleInfos(): RuleInfo[] {
  return RULES.map((r) => ({
    id: r.id,
    description: r.description,
    defaultSeverity: r.defaultSeverity,
    fixable: r.fixable,
    docsUrl: ruleDocsUrl(r.id),
  }));
}

/** Writes to -o (creating its folder) or stdout. */
async function emit(io: Io, options: Pick<LintRunOptions, 'outputFile'>, text: string): Promise<void> {
  if (options.outputFile === undefined) {
    io.stdout.write(text);
    return;
  }
  const out = path.resolve(io.cwd, options.outputFile);
  try {
    await mkdir(path.dirname(out), { recursive: true });
    await writeFile(out, text);
  } catch (err) {
    throw new FatalError(`cannot write the output file ${options.outputFile} (${(err as NodeJS.ErrnoException).code ?? (err as Error).name}).`);
  }
}

