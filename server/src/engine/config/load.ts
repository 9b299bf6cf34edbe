/**
 * Finding and loading config files: `.visitnotes.yaml|yml|json`, nearest to the
 * note wins, `extends` merges presets and relative files. Reading goes through an
 * injected `readFile` so the CLI (fs), the language server (fs + open buffers)
 * and tests (memory) share this code.
 *
 * NOTE: first version — schema validation with located errors is added by the
 * config work (see docs/config.md when it lands).
 */
import path from 'node:path';
import { readFile as fsReadFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { mergeConfig, RECOMMENDED, resolvePreset, toList } from './resolve.ts';
import type { RawConfig, ResolvedConfig } from './types.ts';

export const CONFIG_FILE_NAMES = ['.visitnotes.yaml', '.visitnotes.yml', '.visitnotes.json'] as const;

export type ReadFile = (file: string) => Promise<string | undefined>;

export const readFileOrUndefined: ReadFile = async (file) => {
  try {
    return await fsReadFile(file, 'utf8');
  } catch {
    return undefined;
  }
};

/** A config problem located in its file: what the CLI prints (exit 2) and the LSP shows. */
export class ConfigError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly line?: number,
    readonly column?: number,
    readonly key?: string,
  ) {
    super(message);
    this.name = 'ConfigError';
  }

  /** `path/.visitnotes.yaml:4:3: rules.phi: ...` */
  format(): string {
    const where = this.line ? `${this.file}:${this.line}:${this.column ?? 1}` : this.file;
    return `${where}: ${this.key ? `${this.key}: ` : ''}${this.message}`;
  }
}

export interface LoadedConfig {
  config: ResolvedConfig;
  /** The nearest config file, or undefined when the built-in `recommended` applies. */
  file: string | undefined;
}

/** Nearest config file at or above `dir`, stopping at `stopAt` (inclusive) if given. */
export async function findConfigFile(dir: string, readFile: ReadFile = readFileOrUndefined, stopAt?: string): Promise<string | undefined> {
  let current = path.resolve(dir);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = path.join(current, name);
      if ((await readFile(candidate)) !== undefined) return candidate;
    }
    const parent = path.dirname(current);
    if (parent === current || (stopAt && path.resolve(stopAt) === current)) return undefined;
    current = parent;
  }
}

/** Config for the note at `notePath` (or an explicit `--config` file). Throws ConfigError. */
export async function loadConfigFor(
  notePath: string,
  options: { configFile?: string; readFile?: ReadFile } = {},
): Promise<LoadedConfig> {
  const readFile = options.readFile ?? readFileOrUndefined;
  const file = options.configFile ? path.resolve(options.configFile) : await findConfigFile(path.dirname(path.resolve(notePath)), readFile);
  if (!file) return { config: RECOMMENDED, file: undefined };
  return { config: await loadConfigFile(file, readFile, []), file };
}

export async function loadConfigFile(file: string, readFile: ReadFile = readFileOrUndefined, chain: string[] = []): Promise<ResolvedConfig> {
  if (chain.includes(file)) throw new ConfigError(`"extends" forms a cycle`, file, undefined, undefined, 'extends');
  const text = await readFile(file);
  if (text === undefined) throw new ConfigError('cannot read config file', file);
  let raw: RawConfig;
  try {
    raw = (parseYaml(text, { maxAliasCount: 50 }) ?? {}) as RawConfig;
  } catch (err) {
    throw new ConfigError((err as Error).message.split('\n')[0]!, file);
  }
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError('expected a mapping at the top level', file, 1, 1);
  // A file with no `extends` builds on `recommended`, so a one-line config stays useful.
  const parents = raw.extends === undefined ? ['recommended'] : toList(raw.extends);
  let base: ResolvedConfig | undefined;
  for (const parent of parents) {
    const layer = isRelative(parent)
      ? await loadConfigFile(path.resolve(path.dirname(file), parent), readFile, [...chain, file])
      : resolvePreset(parent);
    base = base ? mergeResolved(base, layer) : layer;
  }
  return mergeConfig(base ?? RECOMMENDED, raw, file);
}

function isRelative(name: string): boolean {
  return name.startsWith('./') || name.startsWith('../') || name.endsWith('.yaml') || name.endsWith('.yml') || name.endsWith('.json');
}

/** Merges two resolved configs (for multiple `extends`). */
function mergeResolved(a: ResolvedConfig, b: ResolvedConfig): ResolvedConfig {
  return {
    sources: [...a.sources, ...b.sources],
    include: [...a.include, ...b.include],
    ignore: [...a.ignore, ...b.ignore],
    templates: { ...a.templates, ...b.templates },
    defaultTemplate: b.defaultTemplate,
    rules: { ...a.rules, ...b.rules },
    vocabulary: { ...a.vocabulary, ...b.vocabulary },
  };
}
