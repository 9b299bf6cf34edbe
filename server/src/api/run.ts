/**
 * The package API over the CLI's own lint pipeline (cli/lint/): the same file
 * discovery, config loading and cross-visit linting `visitnotes lint` runs,
 * returned as data instead of formatted. Kept to glue on purpose, so the API
 * and the CLI cannot drift apart. The GitHub Action uses `lintFileResults` too.
 */
import path from 'node:path';
import { configToJson } from '../engine/index.ts';
import { parseThreads } from '../cli/commands/lint.ts';
import { jsonResults } from '../cli/formatters/json.ts';
import type { Io } from '../cli/io.ts';
import { CliConfigs } from '../cli/lint/config.ts';
import { decodeNote } from '../node/read-note.ts';
import { lintFiles, lintStdin, type LintRunOptions } from '../cli/lint/run-lint.ts';
import { sortResults, type FileResult } from '../cli/results.ts';
import type { LintFilesOptions, LintResult, LintTextOptions, LoadConfigOptions, NoteConfig } from './index.ts';

/** An Io for running the pipeline quietly: nothing is printed; stderr lines become warnings. */
function quietIo(cwd: string, onWarning: ((message: string) => void) | undefined): Io {
  return {
    stdout: { write: () => {} },
    stderr: {
      write: (data) => {
        if (!onWarning) return;
        for (const line of String(data).split('\n')) if (line.trim()) onWarning(line.replace(/^visitnotes: /, ''));
      },
    },
    cwd,
    env: {},
    isTTY: false,
    stderrIsTTY: false,
    readStdin: () => Promise.reject(new Error('no standard input here')),
  };
}

function runOptions(patterns: string[], configFile: string | undefined, noIgnore: boolean): LintRunOptions {
  return {
    patterns,
    format: 'json',
    maxWarnings: undefined,
    quiet: false,
    fix: false,
    fixDryRun: false,
    configFile,
    noIgnore,
    stdin: false,
    stdinFilename: undefined,
    printConfig: undefined,
    color: false,
    outputFile: undefined,
    threads: parseThreads(undefined),
    cache: false,
  };
}

/** `visitnotes lint [patterns]`: the results, sorted by path, before any formatter. */
export async function lintFileResults(patterns: string[], options: LintFilesOptions = {}): Promise<FileResult[]> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const io = quietIo(cwd, options.onWarning);
  const configs = new CliConfigs(cwd, options.configFile, (line) => io.stderr.write(line));
  if (options.configFile) await configs.forFile(path.join(cwd, 'x.visit.md')); // a bad config fails first, as in the CLI
  return sortResults(await lintFiles(runOptions(patterns, options.configFile, options.ignore === false), configs, io));
}

export async function lintFilesAsData(patterns: string[], options: LintFilesOptions): Promise<LintResult[]> {
  return jsonResults(await lintFileResults(patterns, options));
}

export async function lintTextAsData(text: string, options: LintTextOptions): Promise<LintResult> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const configs = new CliConfigs(cwd, options.configFile, (line) => quietIo(cwd, options.onWarning).stderr.write(line));
  const filePath = path.resolve(cwd, options.filePath ?? '<text>');
  const { result } = await lintStdin(filePath, decodeNote(Buffer.from(text, 'utf8')), { fix: false, fixDryRun: false }, configs);
  return jsonResults([result])[0]!;
}

export async function loadConfigAsData(filePath: string, options: LoadConfigOptions): Promise<NoteConfig> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const configs = new CliConfigs(cwd, options.configFile);
  const config: NoteConfig = configToJson(await configs.forFile(filePath));
  return config;
}
