/** Telling people apart: patient keys, pseudonyms in flat folders, and collisions of initials. */
import { test } from 'vitest';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  courseFor,
  historyFor,
  lintText,
  mergeConfig,
  parseWithConfig,
  RECOMMENDED,
  summarizeNote,
  VisitIndex,
} from '../../server/src/engine/index.ts';
import { newPatientKey, normalizePatientKey, patientKeyProblem } from '../../server/src/engine/visits/patient-key.ts';
import { statedAge } from '../../server/src/engine/visits/persons.ts';
import { CROSS_VISIT_RULES, indexFolder, lintWithHistory } from './helpers.ts';

function note(o: { patient?: string; key?: string; date: string; story?: string; goals?: string; meds?: string }): string {
  return [
    '---',
    ...(o.patient ? [`patient: ${o.patient}`] : []),
    ...(o.key ? [`patient-key: ${o.key}`] : []),
    `date: ${o.date}`,
    '---',
    '',
    '## Story',
    o.story ?? 'A story.',
    '',
    '## Goals',
    o.goals ?? '- [G1] Walk the dog every morning.',
    '',
    '## Medication meaning',
    o.meds ?? '### Sertraline 50 mg\n- Change: continue\n- Rationale: Mornings [G1].\n- Meaning: Hers.',
    '',
  ].join('\n');
}
const OTHER = { goals: '- [G1] Finish the nursing placement.', meds: '### Escitalopram 10 mg\n- Change: start\n- Rationale: Placement [G1].\n- Meaning: Unsure why.' };

test('a new patient key is random, not derived, and reads back whatever its spelling', () => {
  const k = newPatientKey();
  assert.match(k, /^[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{4}$/);
  assert.notEqual(newPatientKey(), k);
  const fixed = newPatientKey((b) => b.fill(7));
  assert.equal(fixed, '7777-7777');
  assert.equal(normalizePatientKey('H3VQ-8K2N'), normalizePatientKey('h3vq8k2n'));
  // A key that would identify the person is reported by the frontmatter rule.
  assert.equal(patientKeyProblem('1984-03-12', 'R.M.'), 'date');
  assert.equal(patientKeyProblem('12/03/84', 'R.M.'), 'date');
  assert.equal(patientKeyProblem('00123456', 'R.M.'), 'record-number');
  assert.equal(patientKeyProblem('Robert Moore', 'R.M.'), 'name');
  assert.equal(patientKeyProblem('r.m.', 'R.M.'), 'patient-value');
  assert.equal(patientKeyProblem('x1', 'R.M.'), 'too-short');
  assert.equal(patientKeyProblem(['a'], 'R.M.'), 'not-text');
  for (const ok of [k, 'P-017', 'study-0042']) assert.equal(patientKeyProblem(ok, 'R.M.'), undefined, ok);
  const text = note({ patient: 'R.M.', key: '1984-03-12', date: '2026-01-01' });
  const found = lintText(text, { only: ['frontmatter'] }).findings;
  assert.equal(found.length, 1);
  assert.match(found[0]!.message, /^"patient-key" looks like a date; a key made from a birth date identifies the person\. Use a random key/);
  assert.ok(!found[0]!.message.includes('1984'), 'the value is never repeated');
});

test('the person’s own stated age and sex, not another person’s', () => {
  assert.deepEqual(statedAge('58 y/o M, bus mechanic.'), { age: 58, sex: 'm' });
  assert.deepEqual(statedAge('A 24-year-old woman in her final year.'), { age: 24, sex: 'f' });
  assert.deepEqual(statedAge('Aged 81 and still drives.'), { age: 81 });
  assert.equal(statedAge('Her 14-year-old daughter plays football.'), undefined);
  assert.equal(statedAge('Walks a 12-year-old dog every morning.'), undefined);
  assert.equal(statedAge('Started sertraline 3 yrs ago.'), undefined);
  assert.equal(statedAge(`${'Long story. '.repeat(30)} She was a 15-year-old girl then.`), undefined);
});

test('patient keys tell apart people who share initials; a key matches whatever its spelling', () => {
  const index = new VisitIndex();
  index.update('/w/a1.visit.md', note({ patient: 'R.M.', key: 'h3vq-8k2n', date: '2026-01-01' }));
  index.update('/w/b1.visit.md', note({ patient: 'R.M.', key: 'w9dz-4m7c', date: '2026-01-10', ...OTHER }));
  index.update('/w/a2.visit.md', note({ patient: 'R.M.', key: 'H3VQ8K2N', date: '2026-02-01' }));
  const a2 = historyFor(index, '/w/a2.visit.md')!;
  assert.deepEqual(a2.previous.map((v) => v.path), ['/w/a1.visit.md']);
  assert.equal(a2.identity, undefined);
  assert.deepEqual(historyFor(index, '/w/b1.visit.md')!.previous, []);
  assert.deepEqual(courseFor(index, '/w/a1.visit.md').map((v) => v.path), ['/w/a1.visit.md', '/w/a2.visit.md']);
  // Notes without a key among several keys of their initials: they keep each other only, and the
  // latest of them says so, once.
  index.update('/w/x.visit.md', note({ patient: 'R.M.', date: '2026-03-01' }));
  index.update('/w/y.visit.md', note({ patient: 'R.M.', date: '2026-04-01' }));
  assert.deepEqual(historyFor(index, '/w/x.visit.md')!.identity, { kind: 'ambiguous', at: 'earlier' });
  assert.deepEqual(historyFor(index, '/w/x.visit.md')!.previous, []);
  assert.deepEqual(historyFor(index, '/w/y.visit.md')!.identity, { kind: 'ambiguous', at: 'here' });
  assert.deepEqual(historyFor(index, '/w/y.visit.md')!.previous.map((v) => v.path), ['/w/x.visit.md']);
  const [found] = lintText(note({ patient: 'R.M.', date: '2026-04-01' }), { only: ['patient-key'], history: historyFor(index, '/w/y.visit.md')! }).findings;
  assert.match(found!.message, /^Notes of more than one person share this patient value/);
});

test('notes written before keys join the one key their initials have', () => {
  const index = new VisitIndex();
  index.update('/w/old1.visit.md', note({ patient: 'R.M.', date: '2026-01-01' }));
  index.update('/w/old2.visit.md', note({ patient: 'R.M.', date: '2026-02-01' }));
  index.update('/w/new.visit.md', note({ patient: 'R.M.', key: 'h3vq-8k2n', date: '2026-03-01' }));
  assert.deepEqual(historyFor(index, '/w/new.visit.md')!.previous.map((v) => v.path), ['/w/old1.visit.md', '/w/old2.visit.md']);
  assert.equal(historyFor(index, '/w/new.visit.md')!.patientKey, 'h3vq-8k2n');
});

test('same initials, nothing shared: the collision is said once, and no continuity runs across it', () => {
  const index = new VisitIndex();
  index.update('/w/a1.visit.md', note({ patient: 'R.M.', date: '2026-01-01' }));
  index.update('/w/b1.visit.md', note({ patient: 'R.M.', date: '2026-01-10', ...OTHER }));
  index.update('/w/a2.visit.md', note({ patient: 'R.M.', date: '2026-02-01' }));
  index.update('/w/b2.visit.md', note({ patient: 'R.M.', date: '2026-02-10', ...OTHER }));
  const at = (p: string) => historyFor(index, p)!;
  assert.deepEqual(at('/w/b1.visit.md').identity, { kind: 'collision', at: 'here', reason: 'nothing-shared' });
  for (const p of ['/w/a2.visit.md', '/w/b2.visit.md']) {
    assert.deepEqual(at(p).identity, { kind: 'collision', at: 'earlier', reason: 'nothing-shared' }, p);
    assert.deepEqual(at(p).previous, [], p);
  }
  assert.equal(at('/w/a1.visit.md').identity, undefined);
  // The timeline never draws one person's visits with another's.
  assert.deepEqual(courseFor(index, '/w/a2.visit.md').map((v) => v.path), ['/w/a2.visit.md']);
  // Ages that do not fit the dates tell people apart even when the medication is shared.
  const ages = new VisitIndex();
  ages.update('/w/c1.visit.md', note({ patient: 'J.D.', date: '2026-01-01', story: '34 y/o F, garden centre.' }));
  ages.update('/w/c2.visit.md', note({ patient: 'J.D.', date: '2026-02-01', story: '61 y/o F, garden centre.' }));
  ages.update('/w/c3.visit.md', note({ patient: 'J.D.', date: '2027-01-15', story: '35 y/o F, garden centre.' }));
  assert.equal(historyFor(ages, '/w/c2.visit.md')!.identity?.reason, 'age');
  const birthday = new VisitIndex();
  birthday.update('/w/c1.visit.md', note({ patient: 'J.D.', date: '2026-01-01', story: '34 y/o F, garden centre.' }));
  birthday.update('/w/c3.visit.md', note({ patient: 'J.D.', date: '2027-01-15', story: '35 y/o F, garden centre.' }));
  assert.equal(historyFor(birthday, '/w/c3.visit.md')!.identity, undefined);
});

test('groupBy folder on a flat folder: pseudonyms tell people apart (T.B. = TB), also from summaries alone', () => {
  const byFolder = mergeConfig(RECOMMENDED, { visits: { groupBy: 'folder' } });
  const index = new VisitIndex();
  index.update('/w/a.visit.md', note({ patient: 'T.B.', date: '2026-01-01' }), { config: byFolder });
  index.update('/w/b.visit.md', note({ patient: 'K.O.', date: '2026-01-05', ...OTHER }), { config: byFolder });
  index.update('/w/c.visit.md', note({ patient: 'TB', date: '2026-02-01' }), { config: byFolder });
  assert.deepEqual(historyFor(index, '/w/c.visit.md')!.previous.map((v) => v.path), ['/w/a.visit.md']);
  assert.deepEqual(historyFor(index, '/w/b.visit.md')!.previous, []);
  // The CLI indexes summaries (from workers and its cache) without their config: the bucket key says how it was formed.
  const summaries = new VisitIndex();
  for (const [p, text] of [['/w/a.visit.md', note({ patient: 'T.B.', date: '2026-01-01' })], ['/w/b.visit.md', note({ patient: 'K.O.', date: '2026-01-05', ...OTHER })]] as const) {
    summaries.updateSummary(summarizeNote(p, parseWithConfig(text, byFolder), byFolder));
  }
  assert.deepEqual(historyFor(summaries, '/w/b.visit.md')!.previous, []);
  assert.equal(historyFor(summaries, '/w/b.visit.md')!.identity, undefined);
});

test('a flat folder grouped by folder gives the cross-visit findings of patient grouping, not more', async () => {
  const dir = path.resolve(import.meta.dirname, '../fixtures/visits/flat-folder');
  const count = async (config?: ReturnType<typeof mergeConfig>) => {
    const indexed = await indexFolder(dir);
    if (config) {
      for (const f of indexed.files) {
        indexed.configs.set(f, config);
        indexed.index.update(f, indexed.texts.get(f)!, { config });
      }
    }
    return indexed.files.reduce((n, f) => n + lintWithHistory(indexed, f).findings.filter((x) => CROSS_VISIT_RULES.has(x.ruleId)).length, 0);
  };
  const folder = await count(); // the folder's own .visitnotes.yaml: groupBy folder
  const patient = await count(RECOMMENDED);
  assert.equal(folder, patient);
  assert.equal(folder, 0);
});
