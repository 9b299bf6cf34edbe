/**
 * dist/piscina-worker.cjs: the script every worker thread runs (the CLI's pool and
 * the language server's watchdog, cli/lint/pool.ts). It is piscina's own worker
 * script with the two task functions beside it; the pool names this very file as
 * the tasks' module, which piscina's worker require()s (Node hands back this module).
 *
 * The tasks run dist/cli.cjs, loaded on the first task through V8's code cache
 * (compile-cache.ts, role `worker`): a worker then starts without compiling the
 * engine, which is most of its start-up (the language server's first large note
 * waits for it; docs/performance.md, goal 3). The cache is written at the end of
 * the first task, once the functions the task needed are compiled; a worker that
 * is terminated mid-task (a stopped probe) leaves it to the next one.
 */
import path from 'node:path';
import type { LintBatch, NoteOutput, ProbeTask } from '../cli/lint/core.ts';
import type { Finding } from '../engine/index.ts';
import { COLD_SECTION_HEAD, MAIN_CALL } from './cold-section-marks.ts';
import { compileCacheFolder, loadWithCompileCache, type LoadedBundle } from './compile-cache.ts';
// piscina's worker protocol (tasks over a MessagePort); resolved by scripts/build.mjs.
import 'piscina-worker-script';

/** A hash of dist/cli.cjs's contents, set by scripts/build.mjs (the same as dist/cli-run.cjs's). */
declare const __VN_CLI_KEY__: string;
/** Where the CLI's script ends in dist/cli.cjs (its cold section follows: cold-section.ts), set by scripts/build.mjs. */
declare const __VN_CLI_END__: number;

type WorkerTasks = Pick<typeof import('./cli-main.ts'), 'lintInWorker' | 'probeInWorker'>;

let bundle: LoadedBundle | undefined;

function tasks(): WorkerTasks {
  bundle ??= loadWithCompileCache(path.join(__dirname, 'cli.cjs'), { key: __VN_CLI_KEY__, role: 'worker', folder: compileCacheFolder(), ascii: true, wrapped: true, require, range: { start: 0, end: __VN_CLI_END__, after: MAIN_CALL + COLD_SECTION_HEAD } });
  return bundle.exports as WorkerTasks;
}

/**
 * Right away, not on a later turn of the event loop: piscina hands a busy worker its
 * next task without one, so a deferred write would wait for the pool's end, which
 * terminates the thread. It costs the first task of a build a few ms, once.
 */
function saveCache(): void {
  bundle?.saveCache();
}

export async function lintInWorker(batch: LintBatch): Promise<NoteOutput[]> {
  try {
    return await tasks().lintInWorker(batch);
  } finally {
    saveCache();
  }
}

export async function probeInWorker(task: ProbeTask): Promise<Finding[] | undefined> {
  try {
    return await tasks().probeInWorker(task);
  } finally {
    saveCache();
  }
}
