/**
 * Worker-thread entry (piscina; in the bundles, dist/visitnotes.js's lintInWorker). Each worker
 * loads configs with its own loader, exactly as the main thread does (nearest
 * `.visitnotes.*` upward, or --config), and lints batches with the same function
 * the main thread uses (core.ts). Tasks and results are plain data.
 */
import { createConfigLoader, type ConfigLoader } from '../../engine/index.ts';
import { lintBatch, type LintBatch, type NoteOutput } from './core.ts';
import { ConfigHasher } from './keys.ts';

const loaders = new Map<string, ConfigLoader>();
const hasher = new ConfigHasher();

export default function lintInWorker(batch: LintBatch): Promise<NoteOutput[]> {
  let loader = loaders.get(batch.cwd);
  if (!loader) loaders.set(batch.cwd, (loader = createConfigLoader({ roots: [batch.cwd] })));
  return lintBatch(batch, {
    loadConfig: (file) => loader!.loadFor(file, batch.configFile ? { configFile: batch.configFile } : {}),
    configHash: (loaded) => hasher.hash(loaded),
  });
}
