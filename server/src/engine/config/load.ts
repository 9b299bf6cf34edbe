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
import { ConfigError, throwProblems } from './errors.ts';
import { nodeConfigFileAccess, readConfigText, TrustBoundary, type ConfigFileAccess, type FileText, type ReadFile } from './files.ts';
import { PRESETS } from './presets.ts';
import { RECOMMENDED, toList } from './resolve.ts';
import type { ResolvedConfig } from './types.ts';
import { errorAt, parseConfigText, type KeyPath, type ParsedConfigFile } from './validate.ts';
import { schemaErrors } from './schema-check.ts';
import { CONFIG_FILE_NAMES, isFileReference, readFileOrUndefined } from './find.ts';
import type { ConfigLoader, ConfigLoaderOptions, LoadedConfig } from './loader-types.ts';
import { mergeLayers, presetLayers, unknownPresetMessage, type Layer } from './layers.ts';

export { ConfigError } from './errors.ts';
export type { ConfigLoader, ConfigLoaderOptions, LoadedConfig } from './loader-types.ts';
export { CONFIG_FILE_NAMES, findConfigFile, isFileReference, readFileOrUndefined, readFileOrUndefinedSync } from './find.ts';

export { MAX_CONFIG_BYTES, nodeConfigFileAccess, nodeConfigFileAccessSync, readRegularFileSync, UnreadableFile, unreadableReason, type ConfigFileAccess, type FileFacts, type ReadFile } from './files.ts';

export interface LoadOptions extends ConfigLoaderOptions {
  /** An explicit config file (`--config`): no discovery. */
  configFile?: string;
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
      t = readConfigText(this.files, file);
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
    const { config, unique } = mergeLayers(layers);
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
