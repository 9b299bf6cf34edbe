/**
 * Linting a batch of notes: parse, summarise, lint (and fix). The same function
 * runs in the main thread and in worker threads (worker.ts), and takes and returns
 * plain data only, so the two can never disagree.
 *
 * Cross-visit rules need each note's history: the summaries of the patient's
 * earlier visits among all the files of the run. A batch lints one or more whole
 * patient groups (as far as they can be told apart before parsing), with the
 * summaries of group members that need no linting (`known`, from the cache), and
 * derives each note's history from the notes it holds. The caller then checks,
 * with `historyHash`, that this was the history the whole run gives the note; if
 * not (a group split over batches, a patient the grouping guess got wrong), the
 * note is linted again with its history given explicitly (`NoteInput.history`).
 */
import {
  fixAll,
  historyFor,
  LineIndex,
  lintNote,
  lintText,
  parseWithConfig,
  summarizeNote,
  unparsedReason,
  useFastParser,
  VisitIndex,
  withoutKeptReadings,
  type Finding,
  type LoadedConfig,
  type Note,
  type VisitHistory,
  type VisitSummary,
} from '../../engine/index.ts';
import type { NoteLintOutput } from '../../engine/workspace/index.ts';
import { toMessage, type LintMessage } from '../results.ts';
import { historyHash, normalizeSummary } from './keys.ts';
import { isStackOverflow, TOO_DEEP } from './limits.ts';

// VISITNOTES_PARSER=remark: every note read by remark alone, as before the fast
// parser existed (bench/run.ts checks that the report is the same). Here, so
// that worker threads, which load this module too, do the same.
if (process.env.VISITNOTES_PARSER === 'remark') useFastParser(false);

export interface NoteInput {
  /** Absolute path. */
  path: string;
  /** The decoded text (BOM removed). */
  text: string;
  /** The note's history, given explicitly; `null` for none. Absent: derived from the batch. */
  history?: VisitHistory | null;
}

export interface LintBatch {
  /** `fix`: also compute the fixed text (for --fix and --fix-dry-run). */
  mode: 'lint' | 'fix';
  /** --config, for workers loading configs on their own. */
  configFile?: string;
  /** The run's folder: outside a repository it bounds what configs may extend (as in the main thread). */
  cwd: string;
  /** --cache: the outputs key the cache by their config's hash. Without it no config is hashed. */
  hashConfigs?: true;
  notes: NoteInput[];
  /** Summaries of other notes of the same groups that are not linted in this batch. */
  known: VisitSummary[];
}

/** What a batch gives for each note: the engine's run output with the CLI's messages. */
export type NoteOutput = NoteLintOutput<LintMessage>;

/** The language server's watchdog task: parse and lint one text with its config and history (worker.ts `probeInWorker`). */
export interface ProbeTask {
  text: string;
  config: LoadedConfig['config'];
  /**
   * What the note's history is read from, as the server's visit index held it when the
   * probe was asked for: the note's path and every summary in the index. (The note's
   * own key and date come from its parse, which the server has not done yet.)
   */
  visits?: { path: string; summaries: VisitSummary[] };
}

/**
 * Parses and lints `text`: that it returns at all tells the server's watchdog the note
 * finishes within its budget. The findings are those the server would compute (the
 * same engine, text, config, and history read by `historyFor` from the same summaries),
 * so it publishes them before it has parsed the note itself; undefined for a note the
 * engine would not parse (the server then reports that as it always does).
 */
export function probeNote(task: ProbeTask): Finding[] | undefined {
  slowOnPurpose(task.text);
  const note = withoutKeptReadings(() => parseWithConfig(task.text, task.config));
  if (unparsedReason(note)) return undefined;
  const history = task.visits ? historyFor(indexOf(task.visits.summaries), task.visits.path, note, task.config) : undefined;
  return lintNote(note, task.config, undefined, history);
}

function indexOf(summaries: VisitSummary[]): VisitIndex {
  const index = new VisitIndex();
  for (const summary of summaries) index.updateSummary(summary);
  return index;
}

/**
 * Test seam for the watchdog (watchdog.ts): with VISITNOTES_TEST_SLOW_NOTE set,
 * a note whose text holds that string spins for a minute, as a note the parser
 * cannot cope with would. Only the tests set it; workers inherit it.
 */
export function slowOnPurpose(text: string): void {
  const marker = process.env.VISITNOTES_TEST_SLOW_NOTE;
  if (!marker || !text.includes(marker)) return;
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    /* spin: the watchdog must stop this */
  }
}

export interface CoreEnv {
  loadConfig(file: string): Promise<LoadedConfig>;
  configHash(loaded: LoadedConfig): Promise<string>;
  /** Called after each note is parsed and again after it is linted (progress, in the main thread). */
  onStep?(): void;
}

export async function lintBatch(batch: LintBatch, env: CoreEnv): Promise<NoteOutput[]> {
  const parsed: { input: NoteInput; loaded: LoadedConfig; configHash: string; note: Note; summary: VisitSummary }[] = [];
  const outputs = new Map<string, NoteOutput>();
  for (const input of batch.notes) {
    const loaded = await env.loadConfig(input.path);
    const configHash = await env.configHash(loaded);
    const out = attempt(input.path, () => {
      slowOnPurpose(input.text);
      // The engine does not parse a note over the limits (limits.ts): one fatal message.
      // Each note is parsed once here: nothing of its blocks is kept for a later parse.
      const note = withoutKeptReadings(() => parseWithConfig(input.text, loaded.config));
      const unparsed = unparsedReason(note);
      if (unparsed) return { kind: 'fatal', path: input.path, reason: unparsed } as const;
      parsed.push({ input, loaded, configHash, note, summary: normalizeSummary(summarizeNote(input.path, note, loaded.config)) });
      return undefined;
    });
    if (out) {
      outputs.set(input.path, out);
      env.onStep?.();
    }
    env.onStep?.();
  }

  // The batch's own view of each group: what it knows plus what it just parsed.
  const index = new VisitIndex();
  for (const s of batch.known) index.updateSummary(s);
  for (const p of parsed) index.updateSummary(p.summary);

  for (const p of parsed) {
    const { input, loaded, note } = p;
    const history = input.history === undefined ? historyFor(index, input.path) : (input.history ?? undefined);
    const out =
      attempt(input.path, () => {
        const options = { config: loaded.config, ...(history ? { history } : {}) };
        const linted = lintText(input.text, { ...options, note });
        const result: NoteOutput = {
          kind: 'linted',
          path: input.path,
          configHash: p.configHash,
          summary: p.summary,
          historyHash: historyHash(history),
          messages: linted.findings.map((f) => toMessage(note.lines, f)),
        };
        if (batch.mode === 'fix' && linted.findings.some((f) => f.fix)) {
          const fixed = withoutKeptReadings(() => fixAll(input.text, options, linted));
          if (fixed.text !== input.text) {
            const lines = new LineIndex(fixed.text);
            result.fixed = { text: fixed.text, messages: fixed.findings.map((f) => toMessage(lines, f)) };
          }
        }
        return result;
      }) ?? ({ kind: 'error', path: input.path, name: 'Error' } as const);
    outputs.set(input.path, out);
    env.onStep?.();
  }
  return batch.notes.map((n) => outputs.get(n.path)!);
}

/** Runs `fn`; a stack overflow becomes a fatal message, any other throw an `error` output. */
function attempt(path: string, fn: () => NoteOutput | undefined): NoteOutput | undefined {
  try {
    return fn();
  } catch (err) {
    if (isStackOverflow(err)) return { kind: 'fatal', path, reason: TOO_DEEP };
    const e = err as Error | undefined;
    return { kind: 'error', path, name: e?.name ?? 'Error', ...(e?.stack ? { stack: e.stack } : {}) };
  }
}
