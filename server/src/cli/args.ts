/**
 * Argument parsing on node:util `parseArgs` (strict), with our own messages: an
 * unknown option names the closest known one, and every parse problem becomes a
 * UsageError (exit 2). Option definitions carry their help text, so `--help` is
 * generated from the same table the parser uses and cannot drift.
 */
import { parseArgs } from 'node:util';
import { distance } from 'fastest-levenshtein';
import { UsageError } from './io.ts';

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  /** Shown in help after the option name, e.g. `<file>`. */
  valueName?: string;
  description: string;
  /** Not listed in help (e.g. `--debug`, accepted everywhere). */
  hidden?: boolean;
}

export type OptionTable = Record<string, OptionSpec>;

export type ParsedValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface Parsed {
  values: ParsedValues;
  positionals: string[];
}

/** Options every command accepts. */
export const COMMON_OPTIONS: OptionTable = {
  help: { type: 'boolean', short: 'h', description: 'Show help for this command.' },
  debug: { type: 'boolean', description: 'Print stack traces for internal errors (also VISITNOTES_DEBUG=1).', hidden: true },
};

export function parse(argv: readonly string[], table: OptionTable): Parsed {
  const options = Object.fromEntries(
    Object.entries({ ...COMMON_OPTIONS, ...table }).map(([name, o]) => [
      name,
      { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) },
    ]),
  );
  const simple = parseSimple(argv, options);
  if (simple) return simple;
  try {
    const { values, positionals } = parseArgs({ args: [...argv], options, strict: true, allowPositionals: true });
    return { values: values as ParsedValues, positionals };
  } catch (err) {
    throw new UsageError(describeParseError(err as Error & { code?: string }, { ...COMMON_OPTIONS, ...table }, argv));
  }
}

/**
 * The usual command line (`lint notes --format json`) read without node:util's parseArgs, whose
 * two dozen functions Node compiles in every run (about a millisecond of a one-note lint): only
 * positionals and the table's long options, written `--name`, `--name value` or `--name=value`.
 * For anything else (a short option, `--`, an unknown name, a value starting with `-`) it gives
 * undefined and parseArgs reads the line, errors included (test/cli/args-simple.test.ts: the same
 * result as parseArgs on generated command lines).
 */
export function parseSimple(argv: readonly string[], options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>): Parsed | undefined {
  // parseArgs's own kind of object: no prototype.
  const values = Object.create(null) as ParsedValues;
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('-')) {
      positionals.push(arg);
      continue;
    }
    if (!arg.startsWith('--') || arg === '--') return undefined;
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
    const spec = Object.hasOwn(options, name) ? options[name] : undefined;
    if (!spec) return undefined;
    let value: string | boolean;
    if (spec.type === 'boolean') {
      if (eq >= 0) return undefined;
      value = true;
    } else if (eq >= 0) {
      value = arg.slice(eq + 1);
    } else {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('-')) return undefined;
      value = next;
      i++;
    }
    if (spec.multiple) ((values[name] ??= []) as (string | boolean)[]).push(value);
    else values[name] = value;
  }
  return { values, positionals };
}

function describeParseError(err: Error & { code?: string }, table: OptionTable, argv: readonly string[]): string {
  const quoted = /'(-{1,2}[^'\s]*)/.exec(err.message)?.[1];
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
      const option = quoted ?? '?';
      const hint = closestOption(option, table);
      return `Unknown option "${option}".${hint ? ` Did you mean "${hint}"?` : ''}`;
    }
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const name = /--([\w-]+)/.exec(err.message)?.[1];
      const spec = name ? table[name] : undefined;
      if (!name || !spec) return err.message.split('\n')[0]!;
      if (spec.type === 'boolean') return `Option "--${name}" does not take a value.`;
      // parseArgs refuses a value that starts with "-" (`--threads -3`): say what was given.
      const next = argv[argv.indexOf(`--${name}`) + 1];
      const given = next !== undefined && next.startsWith('-') && argv.includes(`--${name}`) ? `, not "${next}"` : '';
      return `Option "--${name}" needs a value${spec.valueName ? ` ${spec.valueName}` : ''}${given}.`;
    }
    default:
      return err.message.split('\n')[0]!;
  }
}

/** `--fomat` → `--format`; `-x` and far-off names → undefined. */
export function closestOption(option: string, table: OptionTable): string | undefined {
  if (!option.startsWith('--')) return undefined;
  const name = option.slice(2).split('=')[0]!;
  return closest(name, Object.keys(table).filter((k) => !table[k]!.hidden), (c) => `--${c}`);
}

export function closest(word: string, candidates: readonly string[], show: (c: string) => string = (c) => c): string | undefined {
  let best: { c: string; d: number } | undefined;
  for (const c of candidates) {
    const d = distance(word.toLowerCase(), c.toLowerCase());
    if (!best || d < best.d) best = { c, d };
  }
  if (!best || best.d === 0 || best.d > Math.max(2, Math.floor(word.length / 3))) return undefined;
  return show(best.c);
}

/** The option list of a help text, aligned. */
export function optionHelp(table: OptionTable): string {
  const rows = Object.entries({ ...table, ...COMMON_OPTIONS })
    .filter(([, o]) => !o.hidden)
    .map(([name, o]) => {
      const flag = `${o.short ? `-${o.short}, ` : '    '}--${name}${o.valueName ? ` ${o.valueName}` : ''}`;
      return [flag, o.description] as const;
    });
  const width = Math.max(...rows.map(([f]) => f.length));
  return rows.map(([f, d]) => `  ${f.padEnd(width)}  ${d}`).join('\n');
}

export function stringValue(values: ParsedValues, name: string): string | undefined {
  const v = values[name];
  if (Array.isArray(v)) return v.length ? String(v[v.length - 1]) : undefined;
  return typeof v === 'string' ? v : undefined;
}

export function flag(values: ParsedValues, name: string): boolean {
  return values[name] === true;
}
