/**
 * `visitnotes init [folder]`: a starting point for notes, in one of two modes.
 *
 * - Repository mode (`--repo`, and the default for an empty or new folder that is
 *   not inside another repository): everything a program's note repository needs —
 *   config, an example note, the CI workflow using the Action, pre-commit, .gitignore,
 *   VS Code recommendations and settings, a README. Files already there are skipped
 *   (and listed), never overwritten.
 * - Otherwise: a starter `.visitnotes.yaml` and `example.visit.md` in the folder; if
 *   either (or another config file) is there, nothing is written and the exit code is 2.
 *
 * Both check everything before writing anything (scaffold.ts); `--dry-run` only lists.
 */
import { lstat, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { closest, flag, stringValue } from '../args.ts';
import { EXIT_FAILURE, EXIT_OK, UsageError } from '../io.ts';
import { toolVersion } from '../version.ts';
import { EXAMPLE_TEMPLATES, exampleNote } from '../init/example-note.ts';
import * as files from '../init/repository-files.ts';
import { check, writeAll, type PlannedFile, type Skipped } from '../init/scaffold.ts';
import type { Command } from './types.ts';

export const CONFIG_NAMES = ['.visitnotes.yaml', '.visitnotes.yml', '.visitnotes.json'] as const;
export const STARTER_CONFIG_NAME = '.visitnotes.yaml';
export const EXAMPLE_NOTE_NAME = 'example.visit.md';
const PRESET_NAMES = ['recommended', 'strict', 'training'] as const;

const command: Command = {
  name: 'init',
  usage: 'visitnotes init [folder] [--repo] [--preset <name>] [--template <name>] [--dry-run]',
  description: `
Sets up notes in the folder (default: the current folder).

In an empty or new folder (not inside another git repository), or with --repo, it
scaffolds a note repository: ${STARTER_CONFIG_NAME}, ${files.EXAMPLE_NOTE_PATH} (an example
that lints clean), .github/workflows/visitnotes.yml (the Visit Notes Action with a
SARIF upload), .pre-commit-config.yaml, .gitignore, .vscode/extensions.json and
.vscode/settings.json, and README.md. Files already there are skipped, never
overwritten.

Otherwise it writes a starter ${STARTER_CONFIG_NAME} and ${EXAMPLE_NOTE_NAME}; if either, or
another .visitnotes.* file, is already there, nothing is written and the exit code is 2.`,
  options: {
    repo: { type: 'boolean', description: 'Scaffold a note repository even if the folder is not empty.' },
    preset: { type: 'string', valueName: '<name>', description: `The config's preset: ${PRESET_NAMES.join(', ')} (default recommended).` },
    template: { type: 'string', valueName: '<name>', description: `Default template for notes: ${EXAMPLE_TEMPLATES.join(', ')} (default: the preset's).` },
    'dry-run': { type: 'boolean', description: 'List what would be written and skipped; write nothing.' },
  },
  async run({ values, positionals }, io) {
    if (positionals.length > 1) throw new UsageError('"init" takes at most one folder.');
    const preset = choice('preset', stringValue(values, 'preset') ?? 'recommended', PRESET_NAMES);
    const givenTemplate = stringValue(values, 'template');
    const template = choice('template', givenTemplate ?? (preset === 'training' ? '4p-formulation' : 'follow-up'), EXAMPLE_TEMPLATES);
    const dir = path.resolve(io.cwd, positionals[0] ?? '.');
    if ((await stat(dir).catch(() => undefined))?.isDirectory() === false) throw new UsageError(`${positionals[0]} is a file, not a folder.`);
    const repo = flag(values, 'repo') || (await looksNew(dir));
    const choices: files.ScaffoldChoices = { preset, template, templateChosen: givenTemplate !== undefined, version: toolVersion(), branch: await currentBranch(dir) };
    const plan = repo ? repositoryPlan(choices) : starterPlan(choices);
    const otherConfig = async (file: PlannedFile) => {
      if (file.path !== STARTER_CONFIG_NAME) return undefined;
      for (const name of CONFIG_NAMES) if (await lstat(path.join(dir, name)).then(() => true, () => false)) return name;
      return undefined;
    };
    const checked = await check(dir, plan, otherConfig);
    const where = path.relative(io.cwd, dir) || '.';
    const dryRun = flag(values, 'dry-run');

    if (!repo && checked.skip.length) {
      io.stderr.write(`visitnotes: not overwriting ${[...new Set(checked.skip.map((s) => s.inTheWay))].join(', ')} in ${where}; nothing was written.\n`);
      return EXIT_FAILURE;
    }
    if (!dryRun && checked.write.length) {
      try {
        await writeAll(dir, checked.write);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code ?? (err as Error).name;
        io.stderr.write(`visitnotes: could not write the files in ${where} (${code}); nothing was left behind.\n`);
        return EXIT_FAILURE;
      }
    }
    io.stdout.write(report(checked.write, checked.skip, { where, repo, dryRun }));
    return EXIT_OK;
  },
};

function choice<T extends string>(option: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  const hint = closest(value, allowed);
  throw new UsageError(`Unknown ${option} "${value}"; use one of ${allowed.join(', ')}.${hint ? ` Did you mean "${hint}"?` : ''}`);
}

function starterPlan(c: files.ScaffoldChoices): PlannedFile[] {
  return [
    { path: STARTER_CONFIG_NAME, text: files.starterConfig(c, true), what: `config (preset ${c.preset})` },
    { path: EXAMPLE_NOTE_NAME, text: exampleNote(c.template), what: `an example note (template ${c.template})` },
  ];
}

function repositoryPlan(c: files.ScaffoldChoices): PlannedFile[] {
  return [
    { path: STARTER_CONFIG_NAME, text: files.starterConfig(c, false), what: `config: preset ${c.preset}, template ${c.template}` },
    { path: files.EXAMPLE_NOTE_PATH, text: exampleNote(c.template), what: 'an example note that lints clean' },
    { path: '.github/workflows/visitnotes.yml', text: files.workflow(c), what: 'CI: the Visit Notes Action, annotations, SARIF upload' },
    { path: '.pre-commit-config.yaml', text: files.preCommitConfig(c), what: 'pre-commit hook (run `pre-commit install`)' },
    { path: '.gitignore', text: files.GITIGNORE, what: 'the lint cache and SARIF report stay out of git' },
    { path: '.vscode/extensions.json', text: files.VSCODE_EXTENSIONS, what: 'recommends the Visit Notes extension' },
    { path: '.vscode/settings.json', text: files.VSCODE_SETTINGS, what: 'word wrap for notes; no cloud completion' },
    { path: 'README.md', text: files.readme(c), what: 'how to write a note and run the lint' },
  ];
}

/** Empty or missing (a bare `.git` aside), and not inside another git repository. */
async function looksNew(dir: string): Promise<boolean> {
  const entries = await readdir(dir).catch(() => [] as string[]);
  if (entries.some((e) => e !== '.git')) return false;
  for (let d = path.dirname(dir); ; d = path.dirname(d)) {
    if (await stat(path.join(d, '.git')).then(() => true, () => false)) return false;
    if (path.dirname(d) === d) return true;
  }
}

/** The branch `.git/HEAD` names (CI lints pushes to it), else main. */
async function currentBranch(dir: string): Promise<string> {
  const head = await readFile(path.join(dir, '.git', 'HEAD'), 'utf8').catch(() => '');
  const branch = /^ref: refs\/heads\/([\w./-]+)\s*$/.exec(head)?.[1];
  return branch ?? 'main';
}

function report(write: readonly PlannedFile[], skip: readonly Skipped[], o: { where: string; repo: boolean; dryRun: boolean }): string {
  const width = Math.max(0, ...[...write, ...skip.map((s) => s.file)].map((f) => f.path.length));
  const lines: string[] = [];
  const kind = o.repo ? 'a note repository' : 'a starter config and an example note';
  if (write.length) {
    lines.push(`${o.dryRun ? 'Would write' : 'Wrote'} ${kind} in ${o.where}:`);
    for (const f of write) lines.push(`  ${f.path.padEnd(width)}  ${f.what}`);
  } else {
    lines.push(`Nothing to write in ${o.where}.`);
  }
  if (skip.length) {
    lines.push(`${o.dryRun ? 'Would skip' : 'Skipped'} (left as they are):`);
    for (const s of skip) lines.push(`  ${s.file.path.padEnd(width)}  ${s.why}`);
  }
  // `visitnotes`, not `npx visitnotes`: in a folder without the package, npx would look for another package.
  if (!o.dryRun && write.length) lines.push('', `Next: run \`visitnotes lint${o.where === '.' ? '' : ` ${o.where}`}\`${o.repo ? ', then commit and push' : ''}.`);
  return `${lines.join('\n')}\n`;
}

export default command;
