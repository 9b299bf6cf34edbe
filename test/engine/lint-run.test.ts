/** The engine's run loop: one batch queue over the face's lanes, and history reconciliation. */
import { test } from 'vitest';
import assert from 'node:assert/strict';
import { historyFor, parseNote, summarizeNote, VisitIndex, type VisitHistory } from '../../server/src/engine/index.ts';
import { reconcileHistories, runBatchQueue, type LintedNote } from '../../server/src/engine/workspace/index.ts';

const note = (date: string, goal: string) => `---\npatient: A.B.\npatient-key: ab12-cd34\ndate: ${date}\n---\n\n## Goals\n- [G1] ${goal}\n`;
const NOTES: Record<string, string> = {
  '/w/a/2026-01-10.visit.md': note('2026-01-10', 'Walk the dog every morning.'),
  '/w/a/2026-02-07.visit.md': note('2026-02-07', 'Walk the dog every morning.'),
  '/w/b/2026-03-01.visit.md': note('2026-03-01', 'Back to choir.').replace('ab12-cd34', 'zz99-yy88').replace('A.B.', 'C.D.'),
};
const summary = (file: string) => summarizeNote(file, parseNote(NOTES[file]!));
const key = (h: VisitHistory | undefined) => JSON.stringify(h?.previous.map((v) => v.path) ?? null);

test('a note linted with the history the whole run gives it is kept; one linted with another is linted again', () => {
  const files = Object.keys(NOTES);
  const whole = new VisitIndex();
  for (const f of files) whole.updateSummary(summary(f));
  const right = (f: string) => key(historyFor(whole, f));
  const notes: LintedNote[] = files.map((f) => ({ file: f, summary: summary(f), lintedWith: right(f) }));
  // February's batch did not hold January: it was linted without history.
  notes[1] = { ...notes[1]!, lintedWith: key(undefined) };
  const r = reconcileHistories(notes, key);
  assert.deepEqual(r.again.map((a) => a.file), ['/w/a/2026-02-07.visit.md']);
  assert.deepEqual(r.again[0]!.history?.previous.map((v) => v.path), ['/w/a/2026-01-10.visit.md']);
  for (const f of files) assert.equal(r.keys.get(f), right(f));
});

test('a stale result is linted again even with the same history; a note that was not linted is left out', () => {
  const files = Object.keys(NOTES);
  const r = reconcileHistories(
    [
      { file: files[0]!, summary: summary(files[0]!), lintedWith: key(undefined), stale: true },
      { file: files[2]!, summary: undefined, lintedWith: undefined },
    ],
    key,
  );
  assert.deepEqual(r.again.map((a) => a.file), [files[0]]);
  assert.equal(r.keys.has(files[2]!), false);
});

test('every batch is linted once, by whichever lane is free, in queue order per lane', async () => {
  const seen: string[] = [];
  const lane = (name: string, ms: number) => ({
    lint: async (b: number) => {
      await new Promise((r) => setTimeout(r, ms));
      seen.push(`${name}:${b}`);
      return [b * 10];
    },
  });
  const out = await runBatchQueue([1, 2, 3, 4, 5, 6], [lane('slow', 20), lane('fast', 1)]);
  assert.deepEqual([...out].sort((a, b) => a - b), [10, 20, 30, 40, 50, 60]);
  assert.equal(seen.length, 6);
  assert.ok(seen.filter((s) => s.startsWith('fast')).length >= 3, seen.join(' '));
  assert.deepEqual(await runBatchQueue([], [lane('x', 0)]), []);
});
