/**
 * Finding and loading config files: `.visitnotes.yaml|yml|json`, nearest to the
 * note wins, `extends` merges presets and relative files. Reading goes through an
 * injected `readFile` so the CLI (fs), the language server (fs + open buffers)
 * and tests (memory) share this code.
 *
 * - One folder holding several config files: `.visitnotes.yaml` wins over
 *   `.visitnotes.yml`, which wins over `.visitnotes.json` (CONFIG_FILE_NAMES
 *   order); the others are reported in `LoadedConfig.warnings`.
 * - A file without `extends` builds on `recommended`; `extends: []` starts from
 *   nothing. `extends` entries apply in order (a preset or file reached twice
 *   applies once, at its first place), then the file's own keys.
 * - Every problem is a ConfigError naming file, line, column and key; nothing
 *   else is thrown, and nothing in a config file can run code.
 *
 * `createConfigLoader` caches per run (the CLI over 2,000 notes, the language
 * server until a config file changes): each config file is read, parsed,
 * validated and resolved once. `loadConfigFor` is the one-off form.
 */
import path from 'node:path';
import { readFile as fsReadFile } from 'node:fs/promises';
import { didYouMean } from '../rules/util.ts';
import { ConfigError, throwProblems } from './errors.ts';
import { PRESETS } from './presets.ts';
import { emptyConfig, mergeConfig, RECOMMENDED, toList } from './resolve.ts';
import type { RawConfig, ResolvedConfig } from './types.ts';
import { errorAt, parseConfigText, schemaErrors, suggest, type KeyPath, type ParsedConfigFile } from './validate.ts';

export { ConfigError } from './errors.ts';

export const CONFIG_FILE_NAMES = ['.visitnotes.yaml', '.visitnotes.yml', '.visitnotes.json'] as const;

export type ReadFile = (file: string) => Promise<string | undefined>;

export const readFileOrUndefined: ReadFile = async (file) => {
  try {
    return await fsReadFile(file, 'utf8');
  } catch {
    return undefined;
  }
};

export interface LoadedConfig {
  config: ResolvedConfig;
  /** The nearest config file, or undefined when the built-in `recommended` applies. */
  file: string | undefined;
  /** What was merged, in order: `preset:recommended`, then files (absolute paths), nearest last. */
  layers?: string[];
  /** Not errors, but worth telling: e.g. a `.visitnotes.json` beside the `.visitnotes.yaml` that wins. */
  warnings?: ConfigError[];
}

export interface LoadOptions {
  /** An explicit config file (`--config`): no discovery. */
  configFile?: string;
  readFile?: ReadFile;
  /** Discovery stops at this folder (inclusive), e.g. a workspace root. */
  stopAt?: string;
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
export async function loadConfigFor(notePath: string, options: LoadOptions = {}): Promise<LoadedConfig> {
  const loader = createConfigLoader({
    ...(options.readFile ? { readFile: options.readFile } : {}),
    ...(options.stopAt ? { stopAt: options.stopAt } : {}),
  });
  return loader.loadFor(notePath, options.configFile ? { configFile: options.configFile } : {});
}

/**
 * The resolved config of one config file. `chain` lists files already being
 * extended (for cycle detection when called from outside). Throws ConfigError.
 */
export async function loadConfigFile(file: string, readFile: ReadFile = readFileOrUndefined, chain: string[] = []): Promise<ResolvedConfig> {
  const loader = createConfigLoader({ readFile }) as ConfigLoaderImpl;
  return (await loader.resolveFile(path.resolve(file), chain.map((f) => path.resolve(f)))).config;
}

export interface ConfigLoader {
  /** The config that applies to a note (nearest config file upward, or `configFile`). */
  loadFor(notePath: string, options?: { configFile?: string }): Promise<LoadedConfig>;
  /** A config file's resolved config. */
  loadFile(file: string): Promise<LoadedConfig>;
  /** The nearest config file at or above `dir` (cached). */
  findConfigFile(dir: string): Promise<string | undefined>;
  /**
   * Forget a changed, created or deleted file (a config file, or a file some
   * config extends); without an argument, forget everything.
   */
  invalidate(file?: string): void;
}

export interface ConfigLoaderOptions {
  readFile?: ReadFile;
  stopAt?: string;
}

/** A per-run cache of config files: read, parsed, validated and resolved once each. */
export function createConfigLoader(options: ConfigLoaderOptions = {}): ConfigLoader {
  return new ConfigLoaderImpl(options.readFile ?? readFileOrUndefined, options.stopAt ? path.resolve(options.stopAt) : undefined);
}

interface Layer {
  id: string;
  raw: RawConfig;
  parsed?: ParsedConfigFile;
}

interface Resolution {
  promise: Promise<LoadedConfig>;
  /** Every file read while resolving (even unreadable ones): invalidating any of them drops this entry. */
  deps: Set<string>;
}

const NOTHING = Symbol('missing');

class ConfigLoaderImpl implements ConfigLoader {
  private texts = new Map<string, Promise<string | undefined>>();
  private parsed = new Map<string, Promise<ParsedConfigFile>>();
  private resolutions = new Map<string, Resolution>();
  private dirs = new Map<string, Promise<string | typeof NOTHING>>();

  constructor(
    private readonly read: ReadFile,
    private readonly stopAt: string | undefined,
  ) {}

  async loadFor(notePath: string, options: { configFile?: string } = {}): Promise<LoadedConfig> {
    if (options.configFile) {
      const file = path.resolve(options.configFile);
      if ((await this.text(file)) === undefined) throw new ConfigError('cannot read the config file (does it exist?)', file);
      return this.loadFile(file);
    }
    const file = await this.findConfigFile(path.dirname(path.resolve(notePath)));
    if (!file) return DEFAULT_LOADED;
    return this.loadFile(file);
  }

  async loadFile(file: string): Promise<LoadedConfig> {
    const abs = path.resolve(file);
    let entry = this.resolutions.get(abs);
    if (!entry) {
      const deps = new Set<string>();
      entry = { deps, promise: this.resolve(abs, [], deps) };
      this.resolutions.set(abs, entry);
    }
    return entry.promise;
  }

  async findConfigFile(dir: string): Promise<string | undefined> {
    const found = await this.lookup(path.resolve(dir));
    return found === NOTHING ? undefined : found;
  }

  invalidate(file?: string): void {
    if (file === undefined) {
      this.texts.clear();
      this.parsed.clear();
      this.resolutions.clear();
      this.dirs.clear();
      return;
    }
    const abs = path.resolve(file);
    this.texts.delete(abs);
    this.parsed.delete(abs);
    for (const [key, entry] of this.resolutions) if (key === abs || entry.deps.has(abs)) this.resolutions.delete(key);
    // A config file appearing or disappearing can change which file is nearest.
    if ((CONFIG_FILE_NAMES as readonly string[]).includes(path.basename(abs))) this.dirs.clear();
  }

  /** For loadConfigFile's `chain`: resolve without caching the result. */
  async resolveFile(file: string, chain: string[]): Promise<LoadedConfig> {
    return this.resolve(file, chain, new Set());
  }

  private text(file: string): Promise<string | undefined> {
    let t = this.texts.get(file);
    if (!t) {
      t = this.read(file).catch(() => undefined);
      this.texts.set(file, t);
    }
    return t;
  }

  private lookup(dir: string): Promise<string | typeof NOTHING> {
    let hit = this.dirs.get(dir);
    if (!hit) {
      hit = (async () => {
        for (const name of CONFIG_FILE_NAMES) {
          const candidate = path.join(dir, name);
          if ((await this.text(candidate)) !== undefined) return candidate;
        }
        const parent = path.dirname(dir);
        if (parent === dir || (this.stopAt && this.stopAt === dir)) return NOTHING;
        return this.lookup(parent);
      })();
      this.dirs.set(dir, hit);
    }
    return hit;
  }

  /** Parse and schema-check one file (cached; a broken file is reported once per run, not per note). */
  private parse(file: string): Promise<ParsedConfigFile> {
    let p = this.parsed.get(file);
    if (!p) {
      p = (async () => {
        const text = await this.text(file);
        if (text === undefined) throw new ConfigError('cannot read the config file (does it exist?)', file);
        const parsed = parseConfigText(text, file);
        const errors = await schemaErrors(parsed);
        if (errors.length) throwProblems(errors);
        return parsed;
      })();
      this.parsed.set(file, p);
    }
    return p;
  }

  private async resolve(file: string, chain: string[], deps: Set<string>): Promise<LoadedConfig> {
    const layers = await this.collect(file, chain, deps);
    const seen = new Set<string>();
    const unique = layers.filter((l) => !seen.has(l.id) && seen.add(l.id));
    const top = unique[unique.length - 1]!.parsed!;
    let config = emptyConfig();
    let defaultBy: Layer | undefined;
    for (const layer of unique) {
      if (layer.parsed) throwProblems(templateErrors(layer.parsed, config));
      config = mergeConfig(config, layer.raw, layer.parsed?.file);
      if (layer.raw.defaultTemplate !== undefined) defaultBy = layer;
    }
    if (!config.templates[config.defaultTemplate]) {
      const names = Object.keys(config.templates);
      const known = names.length ? `; templates are ${names.join(', ')}` : '; no templates are defined';
      if (defaultBy?.parsed) {
        const s = suggest(config.defaultTemplate, names);
        throw errorAt(
          defaultBy.parsed,
          ['defaultTemplate'],
          `no template named "${config.defaultTemplate}"${s ? ` (did you mean "${s}"?)` : ''}${known}`,
        );
      }
      throw errorAt(
        top,
        top.raw.extends !== undefined ? ['extends'] : [],
        `there is no "${config.defaultTemplate}" template to use by default (this config starts from nothing)${known}; set defaultTemplate`,
      );
    }
    const warnings = await this.shadowWarnings(file);
    return {
      config,
      file,
      layers: unique.map((l) => l.id),
      ...(warnings.length ? { warnings } : {}),
    };
  }

  /** Layers in merge order: what `extends` brings (depth first), then the file itself. */
  private async collect(file: string, chain: string[], deps: Set<string>): Promise<Layer[]> {
    deps.add(file);
    const parsed = await this.parse(file);
    const ext = parsed.raw.extends;
    const entries: { name: string; keyPath: KeyPath }[] =
      ext === undefined
        ? [{ name: 'recommended', keyPath: [] }]
        : toList(ext).map((name, i) => ({ name, keyPath: Array.isArray(ext) ? ['extends', i] : ['extends'] }));
    const layers: Layer[] = [];
    for (const { name, keyPath } of entries) {
      if (isFileReference(name)) {
        const target = path.resolve(path.dirname(file), name);
        deps.add(target);
        if (target === file || chain.includes(target)) {
          const loop = [...chain, file, target].slice([...chain, file].indexOf(target));
          const base = path.dirname(loop[0]!);
          const shown = loop.map((f) => path.relative(base, f) || path.basename(f));
          throw errorAt(parsed, keyPath, `"${name}" forms a cycle: ${shown.join(' → ')}`);
        }
        if ((await this.text(target)) === undefined) {
          throw errorAt(parsed, keyPath, `cannot read "${name}" (looked for ${target})`);
        }
        layers.push(...(await this.collect(target, [...chain, file], deps)));
      } else if (Object.hasOwn(PRESETS, name)) {
        layers.push(...presetLayers(name));
      } else {
        throw errorAt(parsed, keyPath, unknownPresetMessage(name));
      }
    }
    layers.push({ id: file, raw: parsed.raw, parsed });
    return layers;
  }

  private async shadowWarnings(file: string): Promise<ConfigError[]> {
    const name = path.basename(file);
    const index = (CONFIG_FILE_NAMES as readonly string[]).indexOf(name);
    if (index < 0) return [];
    const out: ConfigError[] = [];
    for (const other of CONFIG_FILE_NAMES.slice(index + 1)) {
      const candidate = path.join(path.dirname(file), other);
      if ((await this.text(candidate)) !== undefined) {
        out.push(new ConfigError(`ignored: ${name} in the same folder takes precedence (keep one config file per folder)`, candidate));
      }
    }
    return out;
  }
}

const DEFAULT_LOADED: LoadedConfig = Object.freeze({ config: RECOMMENDED, file: undefined, layers: ['preset:recommended'] }) as LoadedConfig;

function presetLayers(name: string, seen: string[] = []): Layer[] {
  if (seen.includes(name)) return [];
  const preset = PRESETS[name]!;
  const parents = toList(preset.extends).flatMap((p) => presetLayers(p, [...seen, name]));
  return [...parents, { id: `preset:${name}`, raw: preset }];
}

/** `./base.yaml`, `../shared/x.yml`, `/abs/path.json`, `base.yaml`, `shared/base`: a file, not a preset. */
export function isFileReference(name: string): boolean {
  return (
    name.startsWith('.') || path.isAbsolute(name) || /[\\/]/.test(name) || /\.(?:ya?ml|json)$/i.test(name)
  );
}

function unknownPresetMessage(name: string): string {
  const presets = Object.keys(PRESETS);
  const s = suggest(name, presets);
  return `unknown preset "${name}"${s ? ` (did you mean "${s}"?)` : ''}; presets are ${presets.join(', ')}; to extend a file, write its path starting with ./ or ../`;
}

/** Template `extends` must name a template defined before or in this layer, without cycles. */
function templateErrors(parsed: ParsedConfigFile, base: ResolvedConfig): ConfigError[] {
  const layer = parsed.raw.templates ?? {};
  const errors: ConfigError[] = [];
  const names = [...new Set([...Object.keys(base.templates), ...Object.keys(layer)])];
  for (const [name, t] of Object.entries(layer)) {
    const parent = t.extends;
    if (parent === undefined) continue;
    const keyPath = ['templates', name, 'extends'];
    if (parent === name) {
      if (!base.templates[name]) errors.push(errorAt(parsed, keyPath, `there is no earlier "${name}" template to build on`));
      continue;
    }
    if (!Object.hasOwn(layer, parent) && !base.templates[parent]) {
      const s = suggest(parent, names.filter((n) => n !== name)) ?? didYouMean(parent, names)[0];
      errors.push(errorAt(parsed, keyPath, `no template named "${parent}"${s ? ` (did you mean "${s}"?)` : ''}; templates are ${names.join(', ')}`));
      continue;
    }
    // Follow extends within this layer: does it come back to `name`?
    const loop = [name];
    let cur = parent;
    while (Object.hasOwn(layer, cur) && cur !== loop[loop.length - 1] && !loop.includes(cur)) {
      loop.push(cur);
      const next = layer[cur]!.extends;
      if (next === undefined || next === cur) break;
      cur = next;
    }
    if (cur === name) errors.push(errorAt(parsed, keyPath, `templates extend each other in a circle: ${[...loop, name].join(' → ')}`));
  }
  return errors;
}
