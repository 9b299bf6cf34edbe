/**
 * The `lint` pipeline: collect files → read → config per file → index every note
 * (so cross-visit rules see each patient's earlier visits among the files linted)
 * → lint or fix → sort → format → exit code.
 *
 * Exit code (fixed): 1 when any error remains (a file that could not be linted
 * counts as one) or warnings exceed --max-warnings; else 0. Counts come from the
 * unfiltered results, so --quiet never hides a failure. Infos never count.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  fixAll,
  historyFor,
  lintText,
  LineIndex,
  printConfig,
  RULES,
  ruleDocsUrl,
  VisitIndex,
  type Finding,
  type LoadedConfig,
  type Note,
} from '../../engine/index.ts';
import { useColor } from '../color.ts';
import { FORMATTERS, type FormatName, type FormatterMeta, type RuleInfo } from '../formatters/index.ts';
import { EXIT_LINT, EXIT_OK, FatalError, type Io } from '../io.ts';
import { errorsOnly, fatalResult, makeResult, sortResults, toMessage, totals, type FileResult } from '../results.ts';
import { toolVersion } from '../version.ts';
import { CliConfigs } from './config.ts';
import { collectTargets } from './files.ts';
import { decodeNote, encodeFixed, readNote, type Decoded } from './read.ts';
import { writeFixed } from './write.ts';

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
}

export const DIR_NAMED_LIKE_NOTE = 'Is a folder named like a note (*.visit.md), not a note file; the notes inside it are linted on their own.';
export const CHANGED_ON_DISK = 'The file changed on disk while it was being fixed; fixes were not written. Run again.';

export async function runLint(options: LintRunOptions, io: Io): Promise<number> {
  const configs = new CliConfigs(io.cwd, options.configFile, (line) => io.stderr.write(line));
  if (options.configFile) await configs.forFile(path.join(io.cwd, 'x.visit.md')); // a bad --config fails before anything else

  if (options.printConfig !== undefined) {
    await emit(io, options, printConfig(await configs.forFile(options.printConfig)));
    return EXIT_OK;
  }

  let results: FileResult[];
  if (options.stdin) {
    const filePath = path.resolve(io.cwd, options.stdinFilename ?? '<stdin>');
    const input = await io.readStdin();
    const decoded = decodeNote(input);
    const loaded = await configs.forFile(filePath);
    const { result, fixedText } = lintOne(filePath, decoded, loaded, undefined, options);
    results = [result];
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

/** Up to this many notes, the models parsed for the index are reused for linting. */
const KEEP_PARSED_UP_TO = 256;

async function lintFiles(options: LintRunOptions, configs: CliConfigs, io: Io): Promise<FileResult[]> {
  const targets = await collectTargets(options.patterns, { cwd: io.cwd, configs, noIgnore: options.noIgnore });
  for (const file of targets.ignoredExplicit) {
    io.stderr.write(`visitnotes: ${path.relative(io.cwd, file) || file} is ignored by the config's "ignore" (use --no-ignore to lint it).\n`);
  }
  const entries = await mapLimit(targets.files, 32, async (file) => ({ file, decoded: await readNote(file), loaded: await configs.forFile(file) }));

  // Index every readable note first, so each is linted with its patient's earlier visits.
  // Small runs keep the parsed models for linting (one parse per note); large runs
  // parse again rather than hold every tree in memory.
  const index = new VisitIndex();
  const parsed = new Map<string, Note>();
  const keepParsed = entries.length <= KEEP_PARSED_UP_TO;
  for (const e of entries) {
    const decoded = e.decoded;
    if (!decoded.ok) continue;
    const update = guard(e.file, () => index.update(e.file, decoded.text, { config: e.loaded.config }));
    if (keepParsed && update.note) parsed.set(e.file, update.note);
  }

  const results: FileResult[] = targets.noteNamedDirs.map((dir) => fatalResult(dir, DIR_NAMED_LIKE_NOTE));
  for (const e of entries) {
    const decoded = e.decoded;
    const history = decoded.ok ? historyFor(index, e.file) : undefined;
    const { result, fixedText } = lintOne(e.file, decoded, e.loaded, history, options, parsed.get(e.file));
    parsed.delete(e.file);
    if (options.fix && fixedText !== undefined && decoded.ok) {
      let outcome: Awaited<ReturnType<typeof writeFixed>> | { failed: string };
      try {
        outcome = await writeFixed(e.file, decoded.bytes, Buffer.from(fixedText, 'utf8'));
      } catch (err) {
        outcome = { failed: `Cannot write the fixes to this file (${(err as NodeJS.ErrnoException).code ?? (err as Error).name}); nothing was changed.` };
      }
      if (outcome !== 'written') {
        const original = guard(e.file, () => lintText(decoded.text, { config: e.loaded.config, ...(history ? { history } : {}) }));
        results.push(
          makeResult(e.file, [
            ...original.findings.map((f) => toMessage(original.note.lines, f)),
            {
              ruleId: null,
              severity: 2,
              message: outcome === 'changed-on-disk' ? CHANGED_ON_DISK : outcome.failed,
              line: 1,
              column: 1,
              endLine: 1,
              endColumn: 1,
              fatal: true,
            },
          ]),
        );
        continue;
      }
    }
    results.push(result);
  }
  return results;
}

/**
 * Lints (or, with --fix / --fix-dry-run, fixes) one decoded note. `fixedText` is
 * the complete new file content (BOM and line breaks kept) when fixing changed
 * something, else undefined.
 */
function lintOne(
  filePath: string,
  decoded: Decoded,
  loaded: LoadedConfig,
  history: ReturnType<typeof historyFor>,
  options: Pick<LintRunOptions, 'fix' | 'fixDryRun'>,
  note?: Note,
): { result: FileResult; fixedText: string | undefined } {
  if (!decoded.ok) return { result: fatalResult(filePath, decoded.reason), fixedText: undefined };
  const lintOptions = { config: loaded.config, ...(history ? { history } : {}) };
  if (options.fix || options.fixDryRun) {
    const fixed = guard(filePath, () => fixAll(decoded.text, lintOptions));
    const lines = new LineIndex(fixed.text);
    const result = makeResult(filePath, fixed.findings.map((f: Finding) => toMessage(lines, f)));
    const changed = fixed.text !== decoded.text;
    return { result, fixedText: changed ? encodeFixed(decoded, fixed.text) : undefined };
  }
  const linted = guard(filePath, () => lintText(decoded.text, { ...lintOptions, ...(note ? { note } : {}) }));
  return { result: makeResult(filePath, linted.findings.map((f) => toMessage(linted.note.lines, f))), fixedText: undefined };
}

async function finish(results: FileResult[], options: LintRunOptions, io: Io, reportTo = io.stdout): Promise<number> {
  const sorted = sortResults(results);
  const all = totals(sorted);
  const shown = options.quiet ? errorsOnly(sorted) : sorted;
  const toFile = options.outputFile !== undefined;
  const meta: FormatterMeta = {
    cwd: io.cwd,
    color: useColor(options.color, { env: io.env, isTTY: reportTo === io.stdout && io.isTTY }, toFile),
    version: toolVersion(),
    rules: ruleInfos(),
  };
  const text = FORMATTERS[options.format](shown, meta);
  if (toFile) await emit(io, options, text);
  else reportTo.write(text);

  if (all.errorCount > 0) return EXIT_LINT;
  if (options.maxWarnings !== undefined && options.maxWarnings >= 0 && all.warningCount > options.maxWarnings) {
    io.stderr.write(`visitnotes found too many warnings (${all.warningCount}; maximum: ${options.maxWarnings}).\n`);
    return EXIT_LINT;
  }
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

/**
 * An engine failure on one note: named by file and error type only. Engine error
 * messages could quote note text, so the details (stack, cause) need --debug.
 */
export class NoteProcessingError extends Error {
  constructor(file: string, cause: unknown) {
    super(`failed while linting ${file} (${(cause as Error)?.name ?? 'Error'})`, { cause });
    this.name = 'NoteProcessingError';
  }
}

function guard<T>(file: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw new NoteProcessingError(file, err);
  }
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
