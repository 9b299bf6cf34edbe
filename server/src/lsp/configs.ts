/**
 * Config per document, exactly as the CLI finds it: the engine's config loader
 * (nearest `.visitnotes.yaml|yml|json` from the note's folder upward, `extends`
 * merged, schema-checked). Reads go through an injected file access (Node's
 * `fs`, or `workspace.fs` in the browser) whose `readFile` sees open buffers, so
 * an open, unsaved config buffer counts as the file's content.
 *
 * The loader caches per config file; a change invalidates the files involved
 * and bumps a generation counter, so callers can tell results computed under an
 * old config.
 *
 * A broken config never stops the server: the last good config of that file
 * keeps applying (the built-in `recommended` if it never loaded), and the
 * problem is reported once through `onProblem`.
 */
import path from 'node:path';
import {
  ConfigError,
  configLoaderOver,
  createNoteMatcher,
  RECOMMENDED,
  type ConfigFileAccess,
  type ConfigLoader,
  type NoteMatcher,
  type ResolvedConfig,
} from '../engine/index.ts';

export interface ConfigResult {
  config: ResolvedConfig;
  /** The nearest config file, or undefined when the built-in `recommended` applies. */
  file: string | undefined;
  /** Bumped on every invalidation: results from an older generation are stale. */
  generation: number;
  /** Set when the nearest config is broken and `config` is its last good version. */
  error?: ConfigError;
}

/** Called when a config file's problem appears, changes or goes away (`error` undefined). */
export type ProblemListener = (configFile: string, error: ConfigError | undefined, usingLastGood: boolean) => void;

export class ConfigStore {
  private gen = 0;
  private loader: ConfigLoader;
  private readonly lastGood = new Map<string, ResolvedConfig>();
  private readonly problems = new Map<string, ConfigError>();
  /** Every file that contributed to a loaded config (nearest files and what they extend). */
  private readonly sources = new Set<string>();

  constructor(
    files: ConfigFileAccess,
    private readonly onProblem: ProblemListener = () => {},
    /** Workspace folders: outside a repository they bound what a config may extend. */
    roots: () => readonly string[] = () => [],
  ) {
    this.loader = configLoaderOver(files, { roots });
  }

  get generation(): number {
    return this.gen;
  }

  /** Config for a note at `notePath` (the file need not exist). */
  async forPath(notePath: string): Promise<ConfigResult> {
    const generation = this.gen;
    const file = await this.loader.findConfigFile(path.dirname(path.resolve(notePath))).catch(() => undefined);
    if (!file) return { config: RECOMMENDED, file: undefined, generation };
    return this.load(file, generation);
  }

  /** Loads (or re-validates) one config file, e.g. right after it changed on disk. */
  validate(file: string): Promise<ConfigResult> {
    return this.load(path.resolve(file), this.gen);
  }

  /** Files changed, appeared or went away (none given: everything). */
  invalidate(files: string[] = []): void {
    this.gen++;
    if (files.length === 0) this.loader.invalidate();
    for (const f of files) this.loader.invalidate(path.resolve(f));
  }

  /** A config file was deleted: drop its problem and its last good config. */
  forget(file: string): void {
    const resolved = path.resolve(file);
    this.lastGood.delete(resolved);
    if (this.problems.delete(resolved)) this.onProblem(resolved, undefined, false);
  }

  /** Whether `file` contributed to a config loaded so far (an `extends` target, say). */
  isSource(file: string): boolean {
    return this.sources.has(path.resolve(file));
  }

  private async load(file: string, generation: number): Promise<ConfigResult> {
    try {
      const loaded = await this.loader.loadFile(file);
      for (const layer of loaded.layers ?? [file]) if (!layer.startsWith('preset:')) this.sources.add(path.resolve(layer));
      if (generation === this.gen) {
        this.lastGood.set(file, loaded.config);
        if (this.problems.delete(file)) this.onProblem(file, undefined, false);
      }
      return { config: loaded.config, file, generation };
    } catch (err) {
      const error = err instanceof ConfigError ? err : new ConfigError(`could not load (${(err as Error)?.name ?? 'Error'})`, file);
      const good = this.lastGood.get(file);
      if (generation === this.gen) {
        const prev = this.problems.get(file);
        this.problems.set(file, error);
        if (!prev || prev.format() !== error.format()) this.onProblem(file, error, good !== undefined);
      }
      return { config: good ?? RECOMMENDED, file, generation, error };
    }
  }
}

/** Whether `file` is a Visit Notes config file (by name). */
export function isConfigFile(file: string): boolean {
  const base = path.basename(file);
  return base === '.visitnotes.yaml' || base === '.visitnotes.yml' || base === '.visitnotes.json';
}

const matchers = new WeakMap<ResolvedConfig, Map<string, NoteMatcher>>();

/** The engine's note matcher for a config result (`*.visit.md`, `include`, `ignore`), cached. */
export function matcherFor(result: Pick<ConfigResult, 'config' | 'file'>): NoteMatcher {
  const root = result.file ? path.dirname(result.file) : '';
  let byRoot = matchers.get(result.config);
  if (!byRoot) matchers.set(result.config, (byRoot = new Map()));
  let m = byRoot.get(root);
  if (!m) byRoot.set(root, (m = createNoteMatcher(result.config, root || undefined)));
  return m;
}
