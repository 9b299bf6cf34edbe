/**
 * `visitnotes`: dispatches to a subcommand and returns the exit code. Only the
 * binary (entry.ts) exits. Known failures (bad usage, invalid config) become a
 * one-line message and exit 2 here; anything else propagates to entry.ts, which
 * also maps it to 2.
 *
 * `lint` is the default command: `visitnotes notes/`, `visitnotes --fix` and a
 * bare `visitnotes` all lint.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { closest, optionHelp, parse } from './args.ts';
import { COMMANDS, DEFAULT_COMMAND, findCommand } from './commands/index.ts';
import type { Command } from './commands/types.ts';
import { EXIT_FAILURE, EXIT_OK, FatalError, UsageError, type Io } from './io.ts';
import { TOOL_NAME, toolVersion } from './version.ts';

export type { Io } from './io.ts';

export async function run(argv: readonly string[], io: Io): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`${TOOL_NAME}: ${err.message}\nRun "${TOOL_NAME} --help" for usage.\n`);
      return EXIT_FAILURE;
    }
    if (err instanceof FatalError) {
      io.stderr.write(`${TOOL_NAME}: ${err.message}\n`);
      return EXIT_FAILURE;
    }
    if (isConfigError(err)) {
      // One line per problem (a file can have several), each naming file:line:column and key.
      const problems = Array.isArray(err.problems) && err.problems.length ? err.problems : [err];
      for (const p of problems) io.stderr.write(`${TOOL_NAME}: invalid config: ${p.format()}\n`);
      return EXIT_FAILURE;
    }
    throw err;
  }
}

async function dispatch(all: readonly string[], io: Io): Promise<number> {
  // `--debug` may come before the command (`visitnotes --debug lint`); every command accepts it.
  const leading = all.findIndex((a) => a !== '--debug');
  const argv = leading <= 0 ? all : [all[leading]!, ...all.slice(0, leading), ...all.slice(leading + 1)];
  const first = argv[0];
  if (first === '--version' || first === '-v') {
    if (argv.length > 1) throw new UsageError(`"${first}" takes no other arguments.`);
    io.stdout.write(`${toolVersion()}\n`);
    return EXIT_OK;
  }
  if (first === '--help' || first === '-h') {
    io.stdout.write(globalHelp());
    return EXIT_OK;
  }
  if (first === 'help') {
    const name = argv[1];
    if (name === undefined) {
      io.stdout.write(globalHelp());
      return EXIT_OK;
    }
    const entry = findCommand(name);
    if (!entry) throw unknownCommand(name);
    io.stdout.write(commandHelp(await entry.load()));
    return EXIT_OK;
  }
  let entry = first === undefined ? undefined : findCommand(first);
  let rest = argv.slice(1);
  if (!entry) {
    // Not a command name: the default command with every argument, unless the
    // word is clearly a mistyped command rather than a path.
    if (first !== undefined && !first.startsWith('-') && !existsSync(path.resolve(io.cwd, first)) && !/[*?[\]{}]/.test(first)) {
      const hint = closest(first, COMMANDS.map((c) => c.name));
      if (hint) throw unknownCommand(first);
    }
    entry = findCommand(DEFAULT_COMMAND)!;
    rest = [...argv];
  }
  const command = await entry.load();
  const args = parse(rest, command.options);
  if (args.values.help === true) {
    io.stdout.write(commandHelp(command));
    return EXIT_OK;
  }
  return command.run(args, io);
}

function unknownCommand(name: string): UsageError {
  const hint = closest(name, COMMANDS.map((c) => c.name));
  return new UsageError(`Unknown command "${name}".${hint ? ` Did you mean "${hint}"?` : ''}`);
}

export function globalHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    `Usage: ${TOOL_NAME} <command> [options]`,
    `       ${TOOL_NAME} [lint options] [paths or globs...]   (lint is the default command)`,
    '',
    'Lints relational psychiatric visit notes (*.visit.md).',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Options:',
    '  -h, --help     Show help (also: visitnotes <command> --help, visitnotes help <command>)',
    '  -v, --version  Print the version',
    '',
    'Exit codes: 0 no errors; 1 lint errors or too many warnings; 2 bad usage, invalid config or internal failure.',
    'Documentation: docs/cli.md',
    '',
  ].join('\n');
}

export function commandHelp(command: Command): string {
  return [`Usage: ${command.usage}`, '', command.description.trim(), '', 'Options:', optionHelp(command.options), ''].join('\n');
}

interface ConfigErrorLike extends Error {
  format(): string;
  problems?: ConfigErrorLike[];
}

/** Duck-typed, so main.ts does not load the config module just to recognise its error. */
function isConfigError(err: unknown): err is ConfigErrorLike {
  return err instanceof Error && err.name === 'ConfigError' && typeof (err as Partial<ConfigErrorLike>).format === 'function';
}
