/**
 * The engine's lintFiles with every piece injected as plain data: notes read
 * from an in-memory file system, a Map as the cache store, string keys as
 * hashes, and one lane that lints a batch with the engine's own functions.
 */
import { describe, expect, test } from 'vitest';
import {
  fixAll,
  historyFor,
  lintFiles,
  lintText,
  parseWithConfig,
  RECOMMENDED,
  summarizeNote,
  VisitIndex,
  type BatchLane,
  type CachedLint,
  type LintCacheStore,
  type LintFilesDeps,
  type LoadedConfig,
  type NoteFileSystem,
  type NoteLintOutput,
  type ReadNote,
  type RelintNote,
  type VisitHistory,
  type VisitSummary,
} from '../../server/src/engine/index.ts';

interface Msg {
  ruleId: string;
  start: number;
  fixable?: true;
}
interface Batch {
  notes: { path: string; text: string; history?: VisitHistory | null }[];
  known: VisitSummary[];
}

const loaded: LoadedConfig = { config: RECOMMENDED, file: undefined };
const JAN = '/w/ab/2026-01-10.visit.md';
const FEB = '/w/ab/2026-02-07.visit.md';
const OTHER = '/w/cd/2026-03-01.visit.md';
const note = (date: string, goals: string[], key = 'ab12-cd34') =>
  `---\npatient: A.B.\npatient-key: ${key}\ndate: ${date}\n---\n\n## Goals\n${goals.map((g, i) => `- [G${i + 1}] ${g}`).join('\n')}\n`;

/** A file system in memory; a file whose text is `null` cannot be read (EACCES). */
function memoryFs(files: Record<string, string | null>): NoteFileSystem {
  return {
    readFile: async (file) => {
      if (files[file] === null) throw Object.assign(new Error('denied'), { code: 'EACCES' });
      return files[file];
    },
    readDirectory: async () => [],
    stat: async (p) => (p in files ? 'file' : undefined),
  };
}

async function readNotes(fs: NoteFileSystem, files: string[]): Promise<ReadNote[]> {
  return Promise.all(
    files.map(async (file) => {
      try {
        const text = await fs.readFile(file);
        return { file, loaded, decoded: text === undefined ? { ok: false as const, reason: 'No such file.' } : { ok: true as const, text } };
      } catch (err) {
        return { file, loaded, decoded: { ok: false as const, reason: `Cannot read this file (${(err as { code: string }).code}).` } };
      }
    }),
  );
}

const historyKey = (h: VisitHistory | undefined) => JSON.stringify(h ? [h.key, h.date, h.previous] : null);

/** One lane linting a batch with the engine, as the CLI's core.ts does; it records the notes it saw. */
function engineLane(mode: 'lint' | 'fix', seen: string[]): BatchLane<Batch, NoteLintOutput<Msg>> {
  return {
    lint: async (batch) => {
      const parsed = batch.notes.map((n) => {
        const model = parseWithConfig(n.text, loaded.config);
        return { n, model, summary: JSON.parse(JSON.stringify(summarizeNote(n.path, model, loaded.config))) as VisitSummary };
      });
      const index = new VisitIndex();
      for (const s of batch.known) index.updateSummary(s);
      for (const p of parsed) index.updateSummary(p.summary);
      return parsed.map(({ n, model, summary }) => {
        seen.push(n.path);
        const history = n.history === undefined ? historyFor(index, n.path) : (n.history ?? undefined);
        const options = { config: loaded.config, ...(history ? { history } : {}) };
        const linted = lintText(n.text, { ...options, note: model });
        const toMsg = (f: { ruleId: string; range: { start: number }; fix?: unknown }): Msg => ({
          ruleId: f.ruleId,
          start: f.range.start,
          ...(f.fix ? { fixable: true as const } : {}),
        });
        const out: NoteLintOutput<Msg> = { kind: 'linted', path: n.path, configHash: 'recommended', summary, historyHash: historyKey(history), messages: linted.findings.map(toMsg) };
        if (mode === 'fix' && linted.findings.some((f) => f.fix)) {
          const fixed = fixAll(n.text, options, linted);
          if (fixed.text !== n.text) out.fixed = { text: fixed.text, messages: fixed.findings.map(toMsg) };
        }
        return out;
      });
    },
  };
}

class MemoryCache implements LintCacheStore<Msg> {
  readonly entries = new Map<string, CachedLint<Msg>>();
  saved = 0;
  failSave = false;
  get = (file: string) => this.entries.get(file);
  put = (file: string, entry: CachedLint<Msg>) => void this.entries.set(file, entry);
  delete = (file: string) => void this.entries.delete(file);
  save = async () => {
    if (this.failSave) throw Object.assign(new Error('disk full'), { code: 'ENOSPC' });
    this.saved++;
  };
}

interface Run {
  files: Record<string, string | null>;
  cache?: MemoryCache;
  fix?: 'apply' | 'dry-run';
}

async function run({ files, cache, fix }: Run) {
  const seen: string[] = [];
  const written = new Map<string, string>();
  const notSaved: unknown[] = [];
  const mode = fix ? 'fix' : 'lint';
  const deps: LintFilesDeps<ReadNote, Batch, Msg> = {
    ...(fix ? { fix } : {}),
    ...(cache ? { cache } : {}),
    contentHash: (e) => (e.decoded.ok ? e.decoded.text : ''),
    configHash: async () => 'recommended',
    historyKey,
    startLanes: async () => ({ lanes: [engineLane(mode, seen)], threads: 1, close: async () => {} }),
    // One batch per note: every cross-visit history is found by reconciliation.
    planBatches: (dirty) => dirty.map((s) => ({ notes: [{ path: s.entry.file, text: s.entry.decoded.text }], known: [] })),
    relintBatches: (notes: RelintNote[]) => [{ notes, known: [] }],
    writeFix: async ({ file, text }) => {
      written.set(file, text);
      return true;
    },
    onCacheNotSaved: (err) => notSaved.push(err),
  };
  const out = await lintFiles(await readNotes(memoryFs(files), Object.keys(files)), deps);
  const byFile = new Map(out.results.map((r) => [r.file, r]));
  const rules = (file: string) => {
    const r = byFile.get(file)!;
    return 'messages' in r ? r.messages.map((m) => m.ruleId) : [];
  };
  return { ...out, seen, written, notSaved, byFile, rules };
}

const visits: Record<string, string> = { [JAN]: note('2026-01-10', ['Walk the dog every morning.', 'Back to choir.']), [FEB]: note('2026-02-07', ['Walk the dog every morning.']) };

describe('lintFiles', () => {
  test('every note is linted with the history the whole run gives it, however the batches were split', async () => {
    const r = await run({ files: visits });
    // Each batch held one note: February was linted without January, then again with it.
    expect(r.stats).toMatchObject({ linted: 2, relinted: 1, cached: 0 });
    expect(r.rules(FEB)).toContain('goal-continuity');
    expect(r.rules(JAN)).not.toContain('goal-continuity');
  });

  test('a warm run answers every unchanged note from the cache and gives the same results', async () => {
    const cache = new MemoryCache();
    const cold = await run({ files: visits, cache });
    expect(cache.entries.size).toBe(2);
    const warm = await run({ files: visits, cache });
    expect(warm.seen).toEqual([]);
    expect(warm.stats).toMatchObject({ cached: 2, linted: 0, relinted: 0 });
    expect(warm.results).toEqual(cold.results);
    expect(cache.saved).toBe(2);
  });

  test('a changed visit of the same patient re-lints the later visit from the cache with its new history', async () => {
    const cache = new MemoryCache();
    await run({ files: visits, cache });
    // January no longer has G2: February's goal-continuity finding must go, though February did not change.
    const r = await run({ files: { ...visits, [JAN]: note('2026-01-10', ['Walk the dog every morning.']) }, cache });
    expect(r.seen).toEqual([JAN, FEB]);
    expect(r.stats).toMatchObject({ linted: 1, relinted: 1, cached: 0 });
    expect(r.rules(FEB)).not.toContain('goal-continuity');
    expect(cache.get(FEB)!.messages.map((m) => m.ruleId)).not.toContain('goal-continuity');
  });

  test('--fix lints a cached note with fixable findings again and writes it; the written note leaves the cache', async () => {
    const cache = new MemoryCache();
    const first = await run({ files: visits, cache });
    const fixable = [...first.byFile.values()].filter((r) => 'messages' in r && r.messages.some((m) => m.fixable)).map((r) => r.file);
    expect(fixable.length).toBeGreaterThan(0);
    const r = await run({ files: visits, cache, fix: 'apply' });
    expect(r.stats.relinted).toBe(fixable.length);
    expect([...r.written.keys()].sort()).toEqual([...fixable].sort());
    for (const file of fixable) {
      expect(r.written.get(file)).not.toBe(visits[file]);
      expect(cache.get(file)).toBeUndefined();
      const result = r.byFile.get(file)!;
      expect('messages' in result && result.messages.some((m) => m.fixable)).toBe(false);
    }
  });

  test('--fix-dry-run reports what would remain and writes nothing', async () => {
    const r = await run({ files: visits, fix: 'dry-run' });
    expect(r.written.size).toBe(0);
    const feb = r.byFile.get(FEB)!;
    expect('messages' in feb && feb.messages.some((m) => m.fixable)).toBe(false);
  });

  test('a note that cannot be written keeps its findings and says why', async () => {
    const r = await run({ files: visits, fix: 'apply' });
    const refused = await lintFiles(await readNotes(memoryFs(visits), [FEB]), {
      fix: 'apply',
      contentHash: () => '',
      configHash: async () => 'recommended',
      historyKey,
      startLanes: async () => ({ lanes: [engineLane('fix', [])], threads: 1, close: async () => {} }),
      planBatches: (dirty) => [{ notes: dirty.map((s) => ({ path: s.entry.file, text: s.entry.decoded.text })), known: [] }],
      relintBatches: (notes) => [{ notes, known: [] }],
      writeFix: async () => 'Read-only file; fixes were not written.',
    });
    expect(r.written.has(FEB)).toBe(true);
    expect(refused.results).toEqual([
      { file: FEB, messages: expect.arrayContaining([expect.objectContaining({ fixable: true })]), notWritten: 'Read-only file; fixes were not written.' },
    ]);
  });

  test('an unreadable note gets one fatal result and leaves the cache; the others are linted as usual', async () => {
    const cache = new MemoryCache();
    await run({ files: { ...visits, [OTHER]: note('2026-03-01', ['Sleep through the night.'], 'zz99-yy88') }, cache });
    expect(cache.get(OTHER)).toBeDefined();
    const r = await run({ files: { ...visits, [OTHER]: null }, cache });
    expect(r.results[0]).toEqual({ file: OTHER, fatal: 'Cannot read this file (EACCES).' });
    expect(cache.get(OTHER)).toBeUndefined();
    expect(r.stats).toMatchObject({ cached: 2, linted: 0 });
    expect(r.rules(FEB)).toContain('goal-continuity');
  });

  test('a discarded cache (emptied, or entries of another config) is not used: every note is linted, and the results are the same', async () => {
    const cache = new MemoryCache();
    const cold = await run({ files: visits, cache });
    for (const [file, entry] of cache.entries) cache.put(file, { ...entry, config: 'another config', messages: [] });
    const other = await run({ files: visits, cache });
    expect(other.stats).toMatchObject({ cached: 0, linted: 2 });
    expect(other.results).toEqual(cold.results);
    cache.entries.clear();
    const emptied = await run({ files: visits, cache });
    expect(emptied.stats).toMatchObject({ cached: 0, linted: 2 });
    expect(emptied.results).toEqual(cold.results);
    expect(cache.entries.size).toBe(2);
  });

  test('a cache that cannot be saved is reported; the results are not affected', async () => {
    const cache = new MemoryCache();
    cache.failSave = true;
    const r = await run({ files: visits, cache });
    expect(r.notSaved).toHaveLength(1);
    expect(r.rules(FEB)).toContain('goal-continuity');
  });

  test('an engine failure on a note names the note and writes nothing', async () => {
    const files = await readNotes(memoryFs(visits), [JAN, FEB]);
    const written: string[] = [];
    const failing = lintFiles(files, {
      fix: 'apply',
      contentHash: () => '',
      configHash: async () => 'recommended',
      historyKey,
      startLanes: async () => ({
        lanes: [{ lint: async (b: Batch) => b.notes.map((n) => ({ kind: 'error' as const, path: n.path, name: 'TypeError' })) }],
        threads: 1,
        close: async () => {},
      }),
      planBatches: (dirty) => [{ notes: dirty.map((s) => ({ path: s.entry.file, text: s.entry.decoded.text })), known: [] }],
      relintBatches: (notes) => [{ notes, known: [] }],
      writeFix: async ({ file }) => (written.push(file), true),
    });
    await expect(failing).rejects.toMatchObject({ name: 'NoteProcessingError', message: `failed while linting ${JAN} (TypeError)` });
    expect(written).toEqual([]);
  });
});
