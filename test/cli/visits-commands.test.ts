/**
 * `visitnotes timeline` and `visitnotes report`, run as users run them: the built
 * binary in a child process (built first when dist/ is missing).
 */
import { beforeAll, test } from 'vitest';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'bin/visitnotes.js');

function run(args: string[], cwd = root) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  if (!existsSync(path.join(root, 'dist/cli.js'))) {
    const b = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, encoding: 'utf8' });
    assert.equal(b.status, 0, b.stderr);
  }
});

test('timeline: HTML for one patient to a file, matched case-insensitively', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'vn-timeline-'));
  try {
    const out = path.join(dir, 'sub', 't-b.html');
    const r = run(['timeline', 't.b.', 'examples/visits', '-o', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    const html = readFileSync(out, 'utf8');
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none';/);
    assert.match(html, /Course of care — T\.B\./);
    assert.equal(html.match(/<th scope="col" class="vn-visit">/g)?.length, 4);
    assert.equal(html.match(/<tr class="vn-goal-row"/g)?.length, 4);
    assert.equal(html.match(/<tr class="vn-med-row"/g)?.length, 2);
    assert.match(html, /vn-badge vn-g-met">met/);
    assert.match(html, /vn-badge vn-g-revised">revised/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('timeline: stdout by default; only the named patient; folder grouping by folder or pseudonym', () => {
  const r = run(['timeline', 'Q.N.', 'test/fixtures/visits/course']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^<!DOCTYPE html>/);
  assert.equal(r.stdout.match(/<th scope="col" class="vn-visit">/g)?.length, 1);
  assert.doesNotMatch(r.stdout, /T\.B\.|Sertraline/);

  const byFolder = run(['timeline', 'test/fixtures/visits/by-folder/p1', 'test/fixtures/visits/by-folder']);
  assert.equal(byFolder.code, 0, byFolder.stderr);
  assert.equal(byFolder.stdout.match(/<th scope="col" class="vn-visit">/g)?.length, 2);
  // "T.B." names two folders there: ambiguous.
  const ambiguous = run(['timeline', 'T.B.', 'test/fixtures/visits/by-folder']);
  assert.equal(ambiguous.code, 2);
  assert.match(ambiguous.stderr, /names 2 courses of care/);
});

test('timeline: usage errors exit 2', () => {
  const none = run(['timeline', 'T.X.', 'examples/visits']);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /No notes for patient "T\.X\." among the 4 notes found\. Did you mean "T\.B\."\?/);
  const missing = run(['timeline']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /Name the patient/);
  assert.equal(run(['timeline', 'T.B.', 'no/such/folder']).code, 2);
  assert.match(run(['timeline', '--help']).stdout, /^Usage: visitnotes timeline <patient>/);
});

test('report: md, html and json without patients, note text or clinician names', () => {
  const texts = ['T.B.', 'Q.N.', 'R.M.', 'A.K.', 'M.S.', 'Okafor', 'Lind', 'Diaz', 'Coach his daughter', 'Sertraline', 'first.visit.md', '2026-01-12'];
  for (const format of ['md', 'html', 'json']) {
    const r = run(['report', 'test/fixtures/visits', '--format', format]);
    assert.equal(r.code, 0, r.stderr);
    for (const t of texts) assert.ok(!r.stdout.includes(t), `${format} contains ${t}`);
    assert.match(r.stdout, /Clinician A/);
  }
  const json = JSON.parse(run(['report', 'test/fixtures/visits', '--format', 'json']).stdout);
  assert.equal(json.totals.notes, 50); // every note under test/fixtures/visits
  assert.equal(json.anonymized, true);
  assert.ok(json.rules.some((t: { ruleId: string; total: number }) => t.ruleId === 'goal-continuity' && t.total > 0));
  const named = run(['report', 'test/fixtures/visits/course', '--format', 'json', '--name-clinicians']);
  assert.deepEqual(JSON.parse(named.stdout).clinicians.map((c: { label: string }) => c.label), ['A. Okafor', 'B. Lind']);
  assert.ok(!named.stdout.includes('T.B.'));
});

test('report: -o writes a file; bad options exit 2', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'vn-report-'));
  try {
    const out = path.join(dir, 'report.html');
    const r = run(['report', 'examples/visits', '--format', 'html', '-o', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(readFileSync(out, 'utf8'), /<svg class="vn-bar"/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const bad = run(['report', '--format', 'htm']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /Did you mean "html"\?/);
  assert.equal(run(['report', '--name-clinicians', '--anonymize-clinicians']).code, 2);
});

test('timeline: same initials name two people; a patient key picks one', () => {
  const two = run(['timeline', 'R.M.', 'test/fixtures/visits/patient-keys']);
  assert.equal(two.code, 2);
  assert.match(two.stderr, /"R\.M\." names 2 different people here .* Give a patient key instead: /);
  const one = run(['timeline', 'w9dz-4m7c', 'test/fixtures/visits/patient-keys']);
  assert.equal(one.code, 0, one.stderr);
  assert.equal(one.stdout.match(/<th scope="col" class="vn-visit">/g)?.length, 2);
  assert.ok(one.stdout.includes('Escitalopram') && !one.stdout.includes('Trazodone'), 'only that person’s medications');
  // A flat folder grouped by folder, named by pseudonym: that person only.
  const flat = run(['timeline', 'K.O.', 'test/fixtures/visits/flat-folder']);
  assert.equal(flat.code, 0, flat.stderr);
  assert.equal(flat.stdout.match(/<th scope="col" class="vn-visit">/g)?.length, 3);
  assert.ok(!flat.stdout.includes('Sertraline'), 'no other patient’s medication');
});
