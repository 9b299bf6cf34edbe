/** The config loader's contract (load.ts implements it): what a face holds and calls. */
import type { ConfigError } from './errors.ts';
import type { ConfigFileAccess, ReadFile } from './files.ts';
import type { ResolvedConfig } from './types.ts';

export interface LoadedConfig {
  config: ResolvedConfig;
  /** The nearest config file, or undefined when the built-in `recommended` applies. */
  file: string | undefined;
  /** What was merged, in order: `preset:recommended`, then files (absolute paths), nearest last. */
  layers?: string[];
  /** Not errors, but worth telling: e.g. a `.visitnotes.json` beside the `.visitnotes.yaml` that wins. */
  warnings?: ConfigError[];
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

