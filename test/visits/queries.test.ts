import { test } from 'vitest';
import assert from 'node:assert/strict';
import { goalHistory, goalHistoryMarkdown, historyFor, parseWithConfig, pendingGoals } from '../../server/src/engine/index.ts';
import path from 'node:path';
import { indexFolder } from './helpers.ts';

const course = path.resolve(import.meta.dirname, '../fixtures/visits/course');

test('pending goals: open goals of the previous visit not yet in this note', async () => {
  const ws = await indexFolder(course);
  const file = path.join(course, 'z-visit-4.visit.md');
  const history = historyFor(ws.index, file);
  // Visit 3 had G1 (met), G2, G4; a draft of visit 4 with only G4 still owes G2.
  const draft = parseWithConfig('---\npatient: T.B.\ndate: 2026-04-06\n---\n\n## Goals\n- [G4] Go back to the Saturday choir.\n');
  assert.deepEqual(pendingGoals(history, draft).map((g) => [g.id, g.text, g.date]), [
    ['G2', 'Sleep enough to work day shifts without feeling groggy.', '2026-03-09'],
  ]);
  assert.deepEqual(pendingGoals(undefined, draft), []);
});

test('goal history across visits, for hovers', async () => {
  const ws = await indexFolder(course);
  const file = path.join(course, 'z-visit-4.visit.md');
  const text = ws.texts.get(file)!;
  const entries = goalHistory(historyFor(ws.index, file), 'G2', parseWithConfig(text));
  assert.deepEqual(entries.map((e) => [e.date, e.status, e.current]), [
    ['2026-01-12', undefined, false],
    ['2026-02-09', undefined, false],
    ['2026-03-09', undefined, false],
    ['2026-04-06', 'dropped', true],
  ]);
  assert.deepEqual(entries[0]!.medications, ['trazodone']);
  const md = goalHistoryMarkdown('G2', entries);
  assert.match(md, /^\*\*G2\*\* across visits/);
  assert.match(md, /- \*\*2026-04-06\*\* \(this visit\): Sleep enough to work day shifts without feeling groggy\. \*\(dropped\)\*/);
  assert.match(md, /2026-01-12\*\*: Sleep enough to work day shifts without feeling drugged\. — via trazodone/);
  assert.equal(goalHistoryMarkdown('G9', []), '');
});
