/**
 * Config for each file, found exactly as the editor finds it (the engine's
 * cached config loader: nearest `.visitnotes.*` from the note's folder upward),
 * or one `--config` file for every note. Which files are notes is the engine's
 * business (engine/workspace/discover.ts).
 * Config warnings (e.g. a shadowed second config file) go to stderr once each.
 */
import path from 'node:path';
import { createConfigLoader, nodeConfigFileAccessSync, type ConfigLoader, type LoadedConfig } from '../../engine/index.ts';

export class CliConfigs {
  private readonly loader: ConfigLoader;
  private readonly configFile: string | undefined;
  private readonly warned = new Set<string>();

  constructor(
    private readonly cwd: string,
    configFile: string | undefined,
    /** Where config warnings go (a whole line, newline included); default: nowhere. */
    private readonly warn: (line: string) => void = () => {},
  ) {
    this.configFile = configFile ? path.resolve(cwd, configFile) : undefined;
    // Synchronous file access: three probes per folder, nothing else to do meanwhile (files.ts in config/).
    this.loader = createConfigLoader({ roots: [cwd], files: nodeConfigFileAccessSync });
  }

  /** The config that applies to `file` (which need not exist). Throws ConfigError. */
  async forFile(file: string): Promise<LoadedConfig> {
    const abs = path.resolve(this.cwd, file);
    const loaded = await this.loader.loadFor(abs, this.configFile ? { configFile: this.configFile } : {});
    for (const w of loaded.warnings ?? []) {
      const line = w.format();
      if (this.warned.has(line)) continue;
      this.warned.add(line);
      this.warn(`visitnotes: config warning: ${line}\n`);
    }
    return loaded;
  }
}
