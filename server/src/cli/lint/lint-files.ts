/** `visitnotes lint <files>`: collect, read, shard, then lint (lint-entries.ts). */
import { unlink } from 'node:fs/promises';
import path from 'node:path';
import { nowMs } from '../clock.ts';
import type { Io } from '../io.ts';
import { fatalResult, type FileResult } from '../results.ts';
import { poolSize, type Entry, type LintStats } from './batches.ts';
import type { CliConfigs } from './config.ts';
import { collectTargets } from './files.ts';
import { crossVisitRulesOn, guessGroupKey, inShard, shardKey } from './groups.ts';
import { lintEntries } from './lint-entries.ts';
import { linted } from '../loader-hooks.ts';
import { createPool, MIN_NOTES_FOR_POOL } from './pool.ts';
import { readNoteSync } from '../../node/read-note.ts';
import type { LintRunOptions } from './run-lint.ts';

export const DIR_NAMED_LIKE_NOTE = 'Is a folder named like a note (*.visit.md), not a note file; the notes inside it are linted on their own.';

/** Lints the files `options.patterns` name (unsorted results). Also the package API's `lintFiles` and the Action. */
export async function lintFiles(options: LintRunOptions, configs: CliConfigs, io: Io): Promise<FileResult[]> {
  const started = nowMs();
  const targets = await collectTargets(options.patterns, { cwd: io.cwd, configs, noIgnore: options.noIgnore });
  for (const file of targets.ignoredExplicit) {
    io.stderr.write(`visitnotes: ${path.relative(io.cwd, file) || file} is ignored by the config's "ignore" (use --no-ignore to lint it).\n`);
  }
  await removeStaleTemporaries(targets.staleTemporaries, io);
  // Without --cache every note is linted: with enough of them, the worker threads
  // start now and load the engine while the files are read.
  const earlyPool =
    poolSize(options.threads, targets.files.length) > 0 && !options.cache && !options.shard && targets.files.length >= MIN_NOTES_FOR_POOL
      ? createPool(poolSize(options.threads, targets.files.length))
      : undefined;
  // Read synchronously (read-note.ts says why); configs come from the loader's cache after the first note of a folder.
  let entries: Entry[] = [];
  const keepBytes = Boolean(options.fix || options.cache);
  for (const file of targets.files) entries.push({ file, decoded: readNoteSync(file, { keepBytes }), loaded: await configs.forFile(file) });
  let dirs = targets.noteNamedDirs;

  if (options.shard) {
    // Keep each patient's notes in one shard when cross-visit rules may need them.
    const shard = options.shard;
    const byGroup = crossVisitRulesOn(entries.map((e) => e.loaded));
    const keyOf = (e: Entry) =>
      shardKey(io.cwd, e.file, byGroup && e.decoded.ok ? guessGroupKey(e.file, e.decoded.text, e.loaded.config) : undefined);
    entries = entries.filter((e) => inShard(keyOf(e), shard));
    dirs = dirs.filter((d) => inShard(shardKey(io.cwd, d, undefined), shard));
  }

  const results: FileResult[] = dirs.map((dir) => fatalResult(dir, DIR_NAMED_LIKE_NOTE));
  for (const { dir, code } of targets.unreadableDirs) {
    results.push(fatalResult(dir, `Cannot read this folder (${code}); the notes in it were not linted.`));
  }
  let stats: LintStats;
  try {
    stats = await lintEntries(entries, options, configs, io, results, earlyPool);
  } catch (err) {
    // Never leave worker threads running (they would keep the process alive).
    await earlyPool?.then((c) => c.pool?.close()).catch(() => undefined);
    throw err;
  }
  // The code cache is written after a run whose notes this thread linted (loader-hooks.ts).
  if (stats.threads === 1 && stats.linted + stats.relinted > 0) linted();
  if (options.debug) {
    const ms = Math.round(nowMs() - started);
    io.stderr.write(
      `visitnotes: debug: ${entries.length} files${options.shard ? ` (shard ${options.shard.index}/${options.shard.count})` : ''}: ` +
        `${stats.cached} from the cache, ${stats.linted} linted in ${stats.threads === 1 ? 'the main thread' : `${stats.threads} worker threads`}, ` +
        `${stats.relinted} linted again with their full history; ${ms} ms${stats.note ? ` (${stats.note})` : ''}` +
        `${stats.shortRun ? "; a short run: V8's optimising compilers off" : ''}\n`,
    );
  }
  return results;
}

/**
 * Temporary files of a --fix run that was killed may hold partial note text
 * (health data): removed, and said so, whenever a run comes across them.
 */
async function removeStaleTemporaries(files: readonly string[], io: Io): Promise<void> {
  let removed = 0;
  for (const file of files) if (await unlink(file).then(() => true, () => false)) removed++;
  if (removed > 0) {
    io.stderr.write(`visitnotes: removed ${removed} temporary file${removed === 1 ? '' : 's'} left by an interrupted --fix (they held partial note text).\n`);
  }
}
