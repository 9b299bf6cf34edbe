/**
 * The GitHub Action (action.yml at the repository root; bundled into
 * dist-action/index.js): `visitnotes lint` on the runner, with what a workflow
 * wants besides the log — annotations on the changed lines, a job summary of
 * counts, a SARIF file for code scanning, and step outputs. The linting is the
 * package API's (api/run.ts), so the Action, the CLI and the editor agree.
 *
 * Exit code: 0; 1 when the lint fails (errors, or more warnings than
 * `max-warnings`) and `fail-on-error` is true; 2 for bad inputs, an invalid
 * config or a path that does not exist.
 */
import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { lintFileResults } from '../api/run.ts';
import { ruleDocsUrl } from '../engine/index.ts';
import { FORMAT_NAMES, FORMATTERS, type FormatName, type FormatterMeta } from '../cli/formatters/index.ts';
import { lintExitCode, ruleInfos } from '../cli/lint/run-lint.ts';
import { totals, type FileResult } from '../cli/results.ts';
import { toolVersion } from '../cli/version.ts';
import { changedLines, touchesChange } from './changed-lines.ts';
import { summaryMarkdown } from './summary.ts';
import { appendSummary, errorCommand, getBooleanInput, getInput, InputError, setOutputs, type Env } from './workflow.ts';

export interface ActionOutput {
  stdout(text: string): void;
}

const ANNOTATION_MODES = ['changed', 'all', 'off'] as const;

export async function runAction(env: Env, out: ActionOutput): Promise<number> {
  const workspace = path.resolve(env.GITHUB_WORKSPACE || process.cwd());
  try {
    const inputs = readInputs(env, workspace);
    const results = await lintFileResults(inputs.paths, {
      cwd: inputs.workingDirectory,
      ...(inputs.config ? { configFile: inputs.config } : {}),
      onWarning: (message) => out.stdout(`visitnotes: ${message}\n`),
    });
    const all = totals(results);
    const code = lintExitCode(all, inputs.maxWarnings);
    const meta: FormatterMeta = { cwd: inputs.workingDirectory, color: inputs.format === 'stylish', version: toolVersion(), rules: ruleInfos() };
    // Annotations and SARIF name files relative to the repository root, as GitHub expects.
    const atRoot: FormatterMeta = { ...meta, cwd: workspace, color: false };

    out.stdout(FORMATTERS[inputs.format](results, meta));
    const annotations = annotate(results, inputs, env, workspace, atRoot, out);

    let sarifFile: string | undefined;
    if (inputs.sarifFile) {
      sarifFile = path.resolve(workspace, inputs.sarifFile);
      mkdirSync(path.dirname(sarifFile), { recursive: true });
      writeFileSync(sarifFile, FORMATTERS.sarif(results, atRoot));
    }
    appendSummary(
      env,
      summaryMarkdown({ results, totals: all, lintExitCode: code, annotations, sarifFile: sarifFile && path.relative(workspace, sarifFile), docsUrl: ruleDocsUrl }),
    );
    setOutputs(env, {
      errors: all.errorCount,
      warnings: all.warningCount,
      infos: all.infoCount,
      files: results.length,
      'exit-code': code,
      'sarif-file': sarifFile ?? '',
    });
    if (code === 0) return 0;
    const why = all.errorCount > 0 ? `${all.errorCount} error${all.errorCount === 1 ? '' : 's'} in the notes` : `too many warnings (${all.warningCount}; maximum ${inputs.maxWarnings})`;
    out.stdout(errorCommand(`visitnotes: ${why}.${inputs.failOnError ? '' : ' (fail-on-error is false: the step passes.)'}`));
    return inputs.failOnError ? 1 : 0;
  } catch (err) {
    const message = knownFailure(err);
    if (message === undefined) throw err;
    for (const line of message) out.stdout(errorCommand(`visitnotes: ${line}`));
    appendSummary(env, `### Visit Notes\n\n❌ The notes could not be linted: bad input or config (see the log).\n\n`);
    setOutputs(env, { 'exit-code': 2 });
    return 2;
  }
}

interface Inputs {
  paths: string[];
  workingDirectory: string;
  config: string | undefined;
  format: FormatName;
  maxWarnings: number | undefined;
  sarifFile: string;
  failOnError: boolean;
  annotations: (typeof ANNOTATION_MODES)[number];
}

function readInputs(env: Env, workspace: string): Inputs {
  const raw = getInput(env, 'paths');
  // One path per line; on a single line, separated by spaces.
  const paths = (raw.includes('\n') ? raw.split('\n') : raw.split(/\s+/)).map((p) => p.trim()).filter(Boolean);
  const format = getInput(env, 'format') || 'stylish';
  if (!(FORMAT_NAMES as readonly string[]).includes(format)) throw new InputError(`Input "format" must be one of ${FORMAT_NAMES.join(', ')}, not "${format}".`);
  const mw = getInput(env, 'max-warnings') || '-1';
  if (!/^-?\d+$/.test(mw) || Number(mw) < -1) throw new InputError(`Input "max-warnings" must be a whole number (-1 for no limit), not "${mw}".`);
  const annotations = getInput(env, 'annotations') || 'changed';
  if (!(ANNOTATION_MODES as readonly string[]).includes(annotations)) {
    throw new InputError(`Input "annotations" must be one of ${ANNOTATION_MODES.join(', ')}, not "${annotations}".`);
  }
  return {
    paths: paths.length ? paths : ['.'],
    workingDirectory: path.resolve(workspace, getInput(env, 'working-directory') || '.'),
    config: getInput(env, 'config') || undefined,
    format: format as FormatName,
    maxWarnings: Number(mw) < 0 ? undefined : Number(mw),
    sarifFile: getInput(env, 'sarif-file'),
    failOnError: getBooleanInput(env, 'fail-on-error', true),
    annotations: annotations as Inputs['annotations'],
  };
}

/** Writes the annotations the inputs ask for; returns what they cover, in words, for the summary. */
function annotate(results: FileResult[], inputs: Inputs, env: Env, workspace: string, meta: FormatterMeta, out: ActionOutput): string {
  const count = (rs: readonly FileResult[]) => rs.reduce((n, r) => n + r.messages.length, 0);
  const total = count(results);
  if (inputs.format === 'github') return `every finding (${total}; the log is in the github format)`;
  if (inputs.annotations === 'off') return 'none (annotations: off)';
  let shown = results;
  let covers = `every finding (${total})`;
  if (inputs.annotations === 'changed') {
    const changed = changedLines(workspace, env);
    if (changed.lines) {
      const lines = changed.lines;
      shown = results
        .map((r) => ({ ...r, messages: r.messages.filter((m) => touchesChange(lines, real(r.filePath), m.line, m.endLine)) }))
        .filter((r) => r.messages.length > 0);
      covers = `${count(shown)} of ${total} findings, those on lines changed since ${changed.base}`;
    } else {
      covers = `every finding (${total}): changed lines unknown, ${changed.reason}`;
    }
  }
  out.stdout(FORMATTERS.github(shown, meta));
  return covers;
}

/** git names files by their real path; the lint by the path it was given. */
function real(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}

/** Failures that are the input's, not ours: their message lines (no stack), else undefined. */
function knownFailure(err: unknown): string[] | undefined {
  if (!(err instanceof Error)) return undefined;
  if (['InputError', 'UsageError', 'FatalError'].includes(err.name)) return [err.message];
  const configError = err as Error & { format?: () => string; problems?: { format(): string }[] };
  if (err.name === 'ConfigError' && typeof configError.format === 'function') {
    const problems = configError.problems?.length ? configError.problems : [configError as { format(): string }];
    return problems.map((p) => `invalid config: ${p.format()}`);
  }
  return undefined;
}
