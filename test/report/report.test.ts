/**
 * Program reports: metrics are right, and no output format carries note text,
 * patients, file names, day-precise dates or (unless asked) clinician names.
 */
import { test } from 'vitest';
import assert from 'node:assert/strict';
import path from 'node:path';
import { historyFor, lintText, parseWithConfig, summarizeNote, type Finding } from '../../server/src/engine/index.ts';
import { buildReport, formatReport, REPORT_FORMATS, type ReportNote } from '../../server/src/report/index.ts';
import { indexFolder } from '../visits/helpers.ts';

const fixtures = path.resolve(import.meta.dirname, '../fixtures/visits');

async function workspace(): Promise<{ notes: ReportNote[]; texts: string[]; files: string[] }> {
  const notes: ReportNote[] = [];
  const texts: string[] = [];
  const files: string[] = [];
  for (const folder of ['course', 'gaps', 'medications', 'renamed-goal', 'by-folder']) {
    const ws = await indexFolder(path.join(fixtures, folder));
    for (const file of ws.files) {
      const text = ws.texts.get(file)!;
      const config = ws.configs.get(file)!;
      const { findings } = lintText(text, { config, history: historyFor(ws.index, file) });
      notes.push({ summary: ws.index.get(file)!, findings });
      texts.push(text);
      files.push(file);
    }
  }
  return { notes, texts, files };
}

/** Prose from the notes: goal texts, headings, field values, story lines, front-matter values. */
function fragments(text: string): string[] {
  const out = new Set<string>();
  for (const raw of text.split(/\r?\n/)) {
    if (/^##\s/.test(raw)) continue; // section names are the format's, not the note's
    let line = raw.replace(/^\s*(?:[-*]|#+)\s*/, '').replace(/^\[G\d+\]\s*/, '').replace(/^[A-Za-z]+:\s*/, '').trim();
    line = line.replace(/<!--.*$/, '').trim();
    if (line.length >= 8 && !/^[-|`<]/.test(line)) out.add(line);
  }
  return [...out];
}

test('no note text, patients, paths, days or clinician names in md, html or json', async () => {
  const { notes, texts, files } = await workspace();
  const report = buildReport(notes);
  const patients = [...new Set(notes.map((n) => n.summary.patient).filter((p): p is string => !!p))];
  assert.ok(patients.includes('T.B.') && patients.includes('TB') && patients.includes('a.k.'));
  const clinicians = ['A. Okafor', 'B. Lind', 'C. Diaz', 'Okafor', 'Lind', 'Diaz'];
  const prose = texts.flatMap(fragments);
  assert.ok(prose.length > 100);
  for (const format of REPORT_FORMATS) {
    const out = formatReport(report, format);
    for (const p of patients) {
      const re = new RegExp(`(?<![A-Za-z0-9+/=])${p.replace(/[.]/g, '\\.')}(?![A-Za-z0-9+/=])`);
      assert.doesNotMatch(out, re, `${format} mentions patient ${p}`);
    }
    for (const c of clinicians) assert.ok(!out.includes(c), `${format} names clinician ${c}`);
    for (const s of prose) assert.ok(!out.includes(s), `${format} quotes the notes: ${s}`);
    for (const f of files) {
      assert.ok(!out.includes(path.basename(f)), `${format} names a file`);
      assert.ok(!out.includes(path.dirname(f)), `${format} names a folder`);
    }
    assert.doesNotMatch(out, /\d{4}-\d{2}-\d{2}/, `${format} has a day-precise date`);
    assert.match(out, /Clinician A/);
  }
});

test('--name-clinicians names them, patients still never appear', async () => {
  const { notes } = await workspace();
  const named = buildReport(notes, { nameClinicians: true });
  assert.equal(named.anonymized, false);
  assert.deepEqual(named.clinicians.map((c) => c.label).sort(), ['A. Okafor', 'B. Lind', 'C. Diaz']);
  for (const format of REPORT_FORMATS) {
    const out = formatReport(named, format);
    assert.ok(out.includes('A. Okafor'));
    assert.ok(!out.includes('T.B.') && !out.includes('Q.N.'));
  }
});

function note(clinician: string | undefined, date: string, body: string): ReportNote['summary'] {
  const text = `---\npatient: X.Y.\ndate: ${date}\n${clinician ? `clinician: ${clinician}\n` : ''}---\n\n${body}\n`;
  return summarizeNote(`/w/${date}.visit.md`, parseWithConfig(text));
}
const meds = (linked: number, unlinked: number) =>
  '## Goals\n- [G1] Walk.\n\n## Medication meaning\n' +
  Array.from({ length: linked }, (_, i) => `### Med${i} 1 mg\n- Rationale: Walk [G1].\n`).join('\n') +
  Array.from({ length: unlinked }, (_, i) => `### Other${i} 1 mg\n- Rationale: Anxiety.\n`).join('\n');
const finding = (ruleId: string): Finding => ({ ruleId, severity: 'info', message: 'x', range: { start: 0, end: 0 } });

test('metrics: shares by month and clinician, labels by first note', () => {
  const ct = '\n## Countertransference\nI noticed my own impatience today.\n';
  const notes: ReportNote[] = [
    { summary: note('Dr Two', '2026-02-03', meds(1, 1) + ct), findings: [finding('phi'), finding('phi')] },
    { summary: note('Dr One', '2026-01-20', meds(2, 0) + '\n## Countertransference\nNone.\n'), findings: [] },
    { summary: note('Dr One', '2026-02-11', meds(0, 2) + ct), findings: [finding('countertransference-reflection')] },
    { summary: note(undefined, '2026-02-28', meds(0, 0)), findings: [finding('goal-id')] },
  ];
  const r = buildReport(notes, { ruleIds: ['unlinked-goal'] });
  assert.deepEqual(r.periods, ['2026-01', '2026-02']);
  assert.deepEqual(r.clinicians.map((c) => c.label), ['Clinician A', 'Clinician B', 'Unattributed']);
  assert.deepEqual(r.totals.shares, { goalLinkedRationale: 0.5, reflectiveCountertransference: 0.25, findingsPerNote: 1 });
  const feb = r.byPeriod.find((p) => p.period === '2026-02')!;
  assert.deepEqual([feb.notes, feb.medicationEntries, feb.goalLinkedEntries, feb.reflectiveNotes], [3, 4, 1, 1]);
  const a = r.clinicians[0]!; // Dr One: first note in January
  assert.deepEqual(a.byPeriod.map((p) => [p.period, p.shares.goalLinkedRationale]), [['2026-01', 1], ['2026-02', 0]]);
  assert.equal(a.totals.reflectiveNotes, 0, 'formulaic and flagged sections are not reflective');
  assert.deepEqual(r.rules.map((t) => [t.ruleId, t.total, t.notesAffected]), [
    ['phi', 2, 1],
    ['countertransference-reflection', 1, 1],
    ['goal-id', 1, 1],
    ['unlinked-goal', 0, 0],
  ]);
  assert.deepEqual(r.rules[0]!.byPeriod, [{ period: '2026-01', count: 0, perNote: 0 }, { period: '2026-02', count: 2, perNote: 0.667 }]);
  const md = formatReport(r, 'md');
  assert.match(md, /\| 2026-01 \| 1 \| ██████████ 100% \(2\/2\)/);
  const html = formatReport(r, 'html');
  assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none';/);
  assert.match(html, /<svg class="vn-bar"/);
  assert.doesNotMatch(html, /<script|https?:\/\/|style="/);
  assert.deepEqual(JSON.parse(formatReport(r, 'json')), JSON.parse(JSON.stringify(r)));
});

test('clinician labels are escaped when named', () => {
  const r = buildReport([{ summary: note('<b>Dr</b>', '2026-01-01', ''), findings: [] }], { nameClinicians: true });
  assert.doesNotMatch(formatReport(r, 'html'), /<b>Dr/);
  assert.match(formatReport(r, 'md'), /### \\<b\\>Dr\\<\/b\\>/);
});
