/**
 * Worker-thread entry (piscina; in the bundles, dist/visitnotes.js's lintInWorker). Each worker
 * loads configs with its own loader, exactly as the main thread does (nearest
 * `.visitnotes.*` upward, or --config; synchronous probes, as in the main thread's
 * CliConfigs), and lints batches with the same function
 * the main thread uses (core.ts). Tasks and results are plain data.
 */
import { createConfigLoader, nodeConfigFileAccessSync, type ConfigLoader, type Finding } from '../../engine/index.ts';
import { lintBatch, probeNote, type LintBatch, type NoteOutput, type ProbeTask } from './core.ts';
import { ConfigHasher } from './keys.ts';

const loaders = new Map<string, ConfigLoader>();
const hasher = new ConfigHasher();

export default function lintInWorker(batch: LintBatch): Promise<NoteOutput[]> {
  let loader = loaders.get(batch.cwd);
  if (!loader) loaders.set(batch.cwd, (loader = createConfigLoader({ roots: [batch.cwd], files: nodeConfigFileAccessSync })));
  return lintBatch(batch, {
    loadConfig: (file) => loader!.loadFor(file, batch.configFile ? { configFile: batch.configFile } : {}),
    configHash: batch.hashConfigs ? (loaded) => hasher.hash(loaded) : async () => '',
  });
}

/** The language server's watchdog task (pool.ts `probe`). */
export function probeInWorker(task: ProbeTask): Finding[] | undefined {
  return probeNote(task);
}
