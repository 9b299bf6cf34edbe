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
import { didYouMean } from '../rules/util.ts';
import { ConfigError, throwProblems } from './errors.ts';
import { MAX_CONFIG_BYTES, nodeConfigFileAccess, readRegularFile, TrustBoundary, UnreadableFile, type ConfigFileAccess, type ReadFile } from './files.ts';
import { PRESETS } from './presets.ts';
import { emptyConfig, mergeConfig, RECOMMENDED, toList } from './resolve.ts';
import type { RawConfig, ResolvedConfig } from './types.ts';
import { errorAt, parseConfigText, type KeyPath, type ParsedConfigFile } from './validate.ts';
import { schemaErrors } from './schema-check.ts';
import { suggest } from './messages.ts';

export { ConfigError } from './errors.ts';

export const CONFIG_FILE_NAMES = ['.visitnotes.yaml', '.visitnotes.yml', '.visitnotes.json'] as const;

export { MAX_CONFIG_BYTES, nodeConfigFileAccess, UnreadableFile, unreadableReason, type ConfigFileAccess, type FileFacts, type ReadFile } from './files.ts';

/** Most files the tools read are notes: regular files up to 4 MB (see files.ts for what is refused). */
export const readFileOrUndefined: ReadFile = (file) => readRegularFile(file, 4 * 1024 * 1024);

export interface LoadedConfig {
  config: ResolvedConfig;
  /** The nearest config file, or undefined when the built-in `recommended` applies. */
  file: string | undefined;
  /** What was merged, in order: `preset:recommended`, then files (absolute paths), nearest last. */
  layers?: string[];
  /** Not errors, but worth telling: e.g. a `.visitnotes.json` beside the `.visitnotes.yaml` that wins. */
  warnings?: ConfigError[];
}

export interface LoadOptions extends ConfigLoaderOptions {
  /** An explicit config file (`--config`): no discovery. */
  configFile?: string;
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
  const { configFile, ...loaderOptions } = options;
  return createConfigLoader(loaderOptions).loadFor(notePath, configFile ? { configFile } : {});
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
  /** How files are read; the rest of `files` defaults to the real file system. */
  readFile?: ReadFile;
  files?: Partial<ConfigFileAccess>;
  /** Discovery stops at this folder (inclusive), e.g. a workspace root. */
  stopAt?: string;
  /**
   * Workspace roots (the editor's folders, the CLI's current folder): outside a
   * repository, they bound what a config inside them may extend (files.ts).
   */
  roots?: readonly string[] | (() => readonly string[]);
}

/** A per-run cache of config files: read, parsed, validated and resolved once each. */
export function createConfigLoader(options: ConfigLoaderOptions = {}): ConfigLoader {
  const files: ConfigFileAccess = {
    ...nodeConfigFileAccess,
    ...options.files,
    ...(options.readFile ? { readFile: options.readFile } : {}),
  };
  return configLoaderOver(files, options);
}

/**
 * The same loader over a complete file access and nothing of Node's `fs` (the
 * language server in the browser reads through `workspace.fs`; a bundle that
 * calls only this leaves the Node reader out).
 */
export function configLoaderOver(files: ConfigFileAccess, options: Pick<ConfigLoaderOptions, 'roots' | 'stopAt'> = {}): ConfigLoader {
  const roots = options.roots;
  const rootList = typeof roots === 'function' ? roots : () => roots ?? [];
  return new ConfigLoaderImpl(files, new TrustBoundary(files, rootList), options.stopAt ? path.resolve(options.stopAt) : undefined);
}

/** What reading a file gave: its text, nothing (no such file), or why it cannot be used. */
type FileText = { text: string } | { absent: true } | { problem: string };

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
  private texts = new Map<string, Promise<FileText>>();
  private parsed = new Map<string, Promise<ParsedConfigFile>>();
  private resolutions = new Map<string, Resolution>();
  private dirs = new Map<string, Promise<string | typeof NOTHING>>();

  constructor(
    private readonly files: ConfigFileAccess,
    private readonly boundary: TrustBoundary,
    private readonly stopAt: string | undefined,
  ) {}

  async loadFor(notePath: string, options: { configFile?: string } = {}): Promise<LoadedConfig> {
    if (options.configFile) {
      const file = path.resolve(options.configFile);
      if ('absent' in (await this.text(file))) throw new ConfigError('cannot read the config file (does it exist?)', file);
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
      this.boundary.forget();
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

  private text(file: string): Promise<FileText> {
    let t = this.texts.get(file);
    if (!t) {
      t = this.files.readFile(file).then(
        (text): FileText => {
          if (text === undefined) return { absent: true };
          if (text.length > MAX_CONFIG_BYTES) return { problem: `is larger than ${MAX_CONFIG_BYTES / 1024} KB; a config file is small` };
          return { text };
        },
        (err: unknown): FileText => ({
          problem: err instanceof UnreadableFile ? err.reason : `cannot be read (${(err as Error)?.name ?? 'error'})`,
        }),
      );
      this.texts.set(file, t);
    }
    return t;
  }

  private lookup(dir: string): Promise<string | typeof NOTHING> {
    let hit = this.dirs.get(dir);
    if (!hit) {
      hit = (async () => {
        // The three names are read at once (in the browser each read is a round trip through the
        // extension host), then taken in precedence order.
        const candidates = CONFIG_FILE_NAMES.map((name) => path.join(dir, name));
        const texts = await Promise.all(candidates.map((c) => this.text(c)));
        // A config file that exists but cannot be read is still the nearest one: it fails loudly.
        const found = candidates.find((_, i) => !('absent' in texts[i]!));
        if (found) return found;
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
        const read = await this.text(file);
        if ('absent' in read) throw new ConfigError('cannot read the config file (does it exist?)', file);
        if ('problem' in read) throw new ConfigError(`this config file ${read.problem}`, file);
        const parsed = parseConfigText(read.text, file);
        const errors = await schemaErrors(parsed);
        if (errors.length) throwProblems(errors);
        return parsed;
      })();
      this.parsed.set(file, p);
    }
    return p;
  }

  private async resolve(file: string, chain: string[], deps: Set<string>): Promise<LoadedConfig> {
    const boundary = await this.boundary.of(file);
    if (!(await this.boundary.contains(boundary, file))) {
      throw new ConfigError(
        `this config file is a symbolic link to a file outside its project folder (${boundary}); it is not read. Use a regular file, or a link inside the project`,
        file,
      );
    }
    const layers = await this.collect(file, chain, deps, boundary);
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
          `no template by that name${s ? ` (did you mean "${s}"?)` : ''}${known}`,
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
  private async collect(file: string, chain: string[], deps: Set<string>, boundary: string): Promise<Layer[]> {
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
        if (path.isAbsolute(name) || /^[A-Za-z]:[\\/]|^[\\/]/.test(name)) {
          throw errorAt(parsed, keyPath, 'absolute paths are not followed: write the path relative to this config file, inside its project folder');
        }
        const target = path.resolve(path.dirname(file), name);
        deps.add(target);
        if (!(await this.boundary.contains(boundary, target))) {
          throw errorAt(
            parsed,
            keyPath,
            `the file is outside this config's project folder (${boundary}), or a symbolic link leading out of it; a config can only extend files inside its project`,
          );
        }
        if (target === file || chain.includes(target)) {
          const loop = [...chain, file, target].slice([...chain, file].indexOf(target));
          const base = path.dirname(loop[0]!);
          const shown = loop.map((f) => path.relative(base, f) || path.basename(f));
          throw errorAt(parsed, keyPath, `the files extend each other in a cycle: ${shown.join(' → ')}`);
        }
        const read = await this.text(target);
        if ('absent' in read) throw errorAt(parsed, keyPath, 'cannot find the file to extend (paths are relative to this config file)');
        if ('problem' in read) throw errorAt(parsed, keyPath, `the file to extend ${read.problem}`);
        layers.push(...(await this.collect(target, [...chain, file], deps, boundary)));
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
      if (!('absent' in (await this.text(candidate)))) {
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
  return `unknown preset${s ? ` (did you mean "${s}"?)` : ''}; presets are ${presets.join(', ')}; to extend a file, write its path starting with ./ or ../`;
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
      if (!base.templates[name]) errors.push(errorAt(parsed, keyPath, 'there is no earlier template of this name to build on'));
      continue;
    }
    if (!Object.hasOwn(layer, parent) && !base.templates[parent]) {
      const s = suggest(parent, names.filter((n) => n !== name)) ?? didYouMean(parent, names)[0];
      errors.push(errorAt(parsed, keyPath, `no template by that name${s ? ` (did you mean "${s}"?)` : ''}; templates are ${names.join(', ')}`));
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
