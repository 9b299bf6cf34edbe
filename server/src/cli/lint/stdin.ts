/** `visitnotes lint --stdin`: one note from standard input, without history. */
import path from 'node:path';
import { fatalResult, makeResult, type FileResult } from '../results.ts';
import type { CliConfigs } from './config.ts';
import type { NoteOutput } from './core.ts';
import { NoteProcessingError } from './note-error.ts';
import { encodeFixed, type Decoded } from '../../node/read-note.ts';
import type { LintRunOptions } from './run-lint.ts';
import { Watchdog } from './watchdog.ts';

/**
 * The `--stdin` note: linted (or fixed) on its own, without history. `fixedText`
 * is the complete new content (BOM and line breaks kept) when fixing changed
 * something, else undefined.
 */
export async function lintStdin(
  filePath: string,
  decoded: Decoded,
  options: Pick<LintRunOptions, 'fix' | 'fixDryRun'> & { configFile?: string | undefined; cwd?: string },
  configs: CliConfigs,
): Promise<{ result: FileResult; fixedText: string | undefined }> {
  await configs.forFile(filePath); // config errors and warnings, as for files
  if (!decoded.ok) return { result: fatalResult(filePath, decoded.reason), fixedText: undefined };
  // A large note goes to a worker with the watchdog's budget, as in lintFiles. No cache
  // reads the config's hash (its only use), so none is computed.
  const watchdog = new Watchdog({ loadConfig: (file) => configs.forFile(file), configHash: async () => '' });
  let out: NoteOutput | undefined;
  try {
    [out] = await watchdog.inMainThread({
      mode: options.fix || options.fixDryRun ? 'fix' : 'lint',
      cwd: options.cwd ?? path.dirname(filePath),
      ...(options.configFile ? { configFile: options.configFile } : {}),
      notes: [{ path: filePath, text: decoded.text, history: null }],
      known: [],
    });
  } finally {
    await watchdog.close();
  }
  if (out!.kind === 'fatal') return { result: fatalResult(filePath, out!.reason), fixedText: undefined };
  if (out!.kind === 'error') throw new NoteProcessingError(filePath, Object.assign(new Error(out!.name), { name: out!.name, stack: out!.stack }));
  const fixed = out!.fixed;
  if (fixed) return { result: makeResult(filePath, fixed.messages), fixedText: encodeFixed(decoded, fixed.text) };
  return { result: makeResult(filePath, out!.messages), fixedText: undefined };
}

