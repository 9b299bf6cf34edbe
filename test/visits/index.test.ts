/**
 * The workspace index: grouping, ordering, incremental re-parsing, and that an
 * edit to a past note changes the findings of the next one.
 */
import { test } from 'vitest';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  historyFor,
  lintText,
  mergeConfig,
  parseWithConfig,
  RECOMMENDED,
  VisitIndex,
} from '../../server/src/engine/index.ts';
import { CROSS_VISIT_RULES } from './helpers.ts';

const course = path.resolve(import.meta.dirname, '../fixtures/visits/course');
const read = (name: string) => readFileSync(path.join(course, name), 'utf8');

function note(patient: string, date: string, goals: string, meds = ''): string {
  return `---\npatient: ${patient}\ndate: ${date}\n---\n\n## Goals\n${goals}\n\n## Medication meaning\n${meds}\n`;
}

const continuity = (text: string, index: VisitIndex, p: string) =>
  lintText(text, { history: historyFor(index, p) }).findings.filter((f) => CROSS_VISIT_RULES.has(f.ruleId));

test('groups by patient, orders by date regardless of file names', () => {
  const index = new VisitIndex();
  for (const f of ['z-visit-4.visit.md', 'first.visit.md', 'other-patient.visit.md', 'visit-3.visit.md', '2026-02-visit.visit.md']) {
    index.update(path.join(course, f), read(f));
  }
  assert.deepEqual(index.keys(), ['patient:q.n.', 'patient:t.b.']);
  assert.deepEqual(
    index.visitsFor('patient:t.b.').map((v) => v.date),
    ['2026-01-12', '2026-02-09', '2026-03-09', '2026-04-06'],
  );
  const h = historyFor(index, path.join(course, 'visit-3.visit.md'))!;
  assert.equal(h.date, '2026-03-09');
  assert.deepEqual(h.previous.map((v) => path.basename(v.path)), ['first.visit.md', '2026-02-visit.visit.md']);
  // The first visit has a (empty) history; the other patient never appears in it.
  assert.deepEqual(historyFor(index, path.join(course, 'first.visit.md'))!.previous, []);
});

test('summaries: goal status, medication identity and goal links', () => {
  const index = new VisitIndex();
  index.update('/w/v3.visit.md', read('visit-3.visit.md'));
  const s = index.get('/w/v3.visit.md')!;
  assert.deepEqual(
    s.goals.map((g) => [g.id, g.status, g.reason, g.medications]),
    [
      ['G1', 'met', 'coached the first spring practice', []],
      ['G2', undefined, '', ['hydroxyzine']],
      ['G4', undefined, '', ['sertraline']],
    ],
  );
  assert.equal(s.goals[0]!.text, "Coach his daughter's team again by spring.");
  assert.deepEqual(s.medications.map((m) => [m.key, m.change, m.goalLinked]), [
    ['sertraline', 'continue', true],
    ['hydroxyzine', 'stop', true],
  ]);
  assert.equal(s.countertransference, 'written');
  assert.equal(s.clinician, 'B. Lind');
});

test('only changed notes are re-parsed (content hash), and unchanged text is a no-op', () => {
  const index = new VisitIndex();
  const a = note('X.Y.', '2026-01-01', '- [G1] Walk the dog.');
  const b = note('X.Y.', '2026-02-01', '- [G1] Walk the dog.');
  index.update('/w/a.visit.md', a);
  index.update('/w/b.visit.md', b);
  assert.equal(index.parses, 2);
  assert.deepEqual(index.update('/w/a.visit.md', a), { changed: false, affected: [] });
  assert.equal(index.parses, 2);
  // A change that does not touch the summary re-parses but affects nobody.
  const r1 = index.update('/w/a.visit.md', a.replace('## Goals', '## Story\nA new line of story.\n\n## Goals'));
  assert.equal(index.parses, 3);
  assert.deepEqual([r1.changed, r1.affected], [false, []]);
  // A change to goals affects the later visit only.
  const r2 = index.update('/w/b.visit.md', b.replace('Walk the dog.', 'Walk the dog daily.'));
  assert.deepEqual([r2.changed, r2.affected], [true, []]);
  const r3 = index.update('/w/a.visit.md', a.replace('Walk the dog.', 'Walk the dog twice.'));
  assert.deepEqual([r3.changed, r3.affected], [true, ['/w/b.visit.md']]);
  // A reused parse is not counted.
  const text = note('X.Y.', '2026-03-01', '- [G1] Walk the dog.');
  assert.equal(index.parses, 5);
  index.update('/w/c.visit.md', text, { note: parseWithConfig(text) });
  assert.equal(index.parses, 5);
});

test('editing a past note changes the next note\'s findings', () => {
  const index = new VisitIndex();
  const past = note('X.Y.', '2026-01-01', '- [G1] Walk the dog.\n- [G2] Call her mother.');
  const next = note('X.Y.', '2026-02-01', '- [G1] Walk the dog.');
  index.update('/w/a.visit.md', past);
  index.update('/w/b.visit.md', next);
  assert.deepEqual(continuity(next, index, '/w/b.visit.md').map((f) => f.message.slice(0, 2)), ['G2']);
  // The clinician marks G2 met in the past note: the next note no longer owes it.
  const r = index.update('/w/a.visit.md', past.replace('Call her mother.', 'Call her mother. (met: calls on Sundays)'));
  assert.deepEqual(r.affected, ['/w/b.visit.md']);
  assert.deepEqual(continuity(next, index, '/w/b.visit.md'), []);
  // Moving the past note to another patient removes it from the history entirely.
  index.update('/w/a.visit.md', past.replace('X.Y.', 'Z.Z.'));
  assert.deepEqual(historyFor(index, '/w/b.visit.md')!.previous, []);
  // Removing a note tells who was affected.
  index.update('/w/a.visit.md', past);
  assert.deepEqual(index.remove('/w/a.visit.md').affected, ['/w/b.visit.md']);
  assert.deepEqual(index.remove('/w/a.visit.md'), { changed: false, affected: [] });
});

test('an unsaved buffer decides its own group and date', () => {
  const index = new VisitIndex();
  index.update('/w/a.visit.md', note('X.Y.', '2026-01-01', '- [G1] Walk the dog.'));
  index.update('/w/b.visit.md', note('Q.Q.', '2026-02-01', '- [G5] Swim.'));
  const buffer = note('X.Y.', '2026-02-01', '- [G1] Walk the dog.\n- [G5] Swim.'); // shares a goal: the same person (persons.ts)
  const h = historyFor(index, '/w/b.visit.md', parseWithConfig(buffer))!;
  assert.equal(h.key, 'patient:x.y.');
  assert.equal(h.previous.length, 1);
  // No patient or no valid date: no history, single-note rules still run.
  assert.equal(historyFor(index, '/w/b.visit.md', parseWithConfig(note('', '2026-02-01', ''))), undefined);
  assert.equal(historyFor(index, '/w/b.visit.md', parseWithConfig(note('X.Y.', '2026-13-01', ''))), undefined);
  assert.equal(historyFor(index, '/w/none.visit.md'), undefined);
});

test('visits.groupBy: folder groups by the note\'s folder', () => {
  const byFolder = mergeConfig(RECOMMENDED, { visits: { groupBy: 'folder' } });
  assert.equal(RECOMMENDED.visits, undefined, 'recommended stays unchanged');
  assert.deepEqual(byFolder.visits, { groupBy: 'folder' });
  assert.deepEqual(mergeConfig(byFolder, {}).visits, { groupBy: 'folder' });
  const index = new VisitIndex();
  index.update('/w/p1/a.visit.md', note('T.B.', '2026-01-01', '- [G1] A.'), { config: byFolder });
  index.update('/w/p1/b.visit.md', note('TB', '2026-02-01', '- [G1] A.'), { config: byFolder });
  index.update('/w/p2/c.visit.md', note('T.B.', '2026-01-15', '- [G1] B.'), { config: byFolder });
  assert.deepEqual(index.keys(), ['folder:/w/p1', 'folder:/w/p2']);
  assert.equal(historyFor(index, '/w/p1/b.visit.md')!.previous.length, 1);
  // Re-indexing with another config regroups.
  index.update('/w/p2/c.visit.md', note('T.B.', '2026-01-15', '- [G1] B.'));
  assert.deepEqual(index.keys(), ['folder:/w/p1', 'patient:t.b.']);
});

