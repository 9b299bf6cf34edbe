/** Quick-fix suggestions of the cross-visit rules do what they say. */
import { test } from 'vitest';
import assert from 'node:assert/strict';
import { applyFixes, historyFor, lintText, VisitIndex, type Finding } from '../../server/src/engine/index.ts';

// Both notes carry the same patient-key, so findings may name the earlier visit's medications and date.
const prev = `---
patient: X.Y.
patient-key: x7k2-m4pq
date: 2026-01-01
---

## Goals
- [G1] Coach his daughter's team again by spring.
- [G2] Sleep enough to work day shifts.
- [G3] Call his brother once a week.

## Medication meaning
### Sertraline 100 mg daily
- Change: start
- Rationale: Stay on the field [G1].

### Trazodone 50 mg at bedtime
- Change: start
- Rationale: Sleep for day shifts [G2].
`;

function setup(next: string, earlier = prev) {
  const index = new VisitIndex();
  index.update('/w/a.visit.md', earlier);
  index.update('/w/b.visit.md', next);
  const history = historyFor(index, '/w/b.visit.md')!;
  const lint = (text: string) => lintText(text, { history }).findings.filter((f) => ['goal-continuity', 'medication-continuity', 'goal-id-reuse'].includes(f.ruleId));
  return { lint };
}

function apply(text: string, f: Finding, title: RegExp): string {
  const s = f.suggestions?.find((x) => title.test(x.title));
  assert.ok(s, `no suggestion ${title} in ${JSON.stringify(f.suggestions?.map((x) => x.title))}`);
  return applyFixes(text, [s]).text;
}

const next = `---
patient: X.Y.
patient-key: x7k2-m4pq
date: 2026-02-01
---

## Goals
- [G1] Coach his daughter's team again by spring.
- [G4] Sleep enough to work the day shifts.

## Medication meaning
### Sertraline 150 mg daily
- Change: increase
- Rationale: Stay on the field [G1] and sleep [G4].

### Mirtazapine 15 mg at night
- Change: continue
- Rationale: Sleep [G4].
`;

test('carry forward, mark met, rename back, mark start, add a stop entry', () => {
  const { lint } = setup(next);
  const findings = lint(next);
  assert.deepEqual(findings.map((f) => f.message.slice(0, 14)), [
    'G3 from the pr',
    'G4 reads like ',
    'Trazodone (pre',
    'Mirtazapine wa',
  ]);
  const [vanished, renamed, gone, appeared] = findings as [Finding, Finding, Finding, Finding];

  const carried = apply(next, vanished, /^Carry G3 forward/);
  assert.match(carried, /- \[G4\] Sleep enough to work the day shifts\.\n- \[G3\] Call his brother once a week\.\n/);
  assert.ok(!lint(carried).some((f) => f.message.startsWith('G3')));

  const met = apply(next, vanished, /^Mark G3 as met/);
  assert.match(met, /- \[G3\] Call his brother once a week\. \(met: \)/);
  // The marker now asks for its reason, and nothing else about G3.
  assert.deepEqual(lint(met).filter((f) => f.message.startsWith('G3')).map((f) => f.message.slice(0, 38)), ['G3 is marked (met) without a reason — ']);

  const back = apply(next, renamed, /^Use G2/);
  assert.match(back, /- \[G2\] Sleep enough/);
  assert.match(back, /sleep \[G2\]\./);
  assert.match(back, /- Rationale: Sleep \[G2\]\./);
  assert.ok(!lint(back).some((f) => /G2|G4/.test(f.message.slice(0, 3))));

  const started = apply(next, appeared, /Change: start/);
  assert.match(started, /### Mirtazapine 15 mg at night\n- Change: start\n/);
  assert.ok(!lint(started).some((f) => f.message.startsWith('Mirtazapine')));

  const stopped = apply(next, gone, /Change: stop/);
  assert.match(stopped, /- Rationale: Sleep \[G4\]\.\n\n### Trazodone 50 mg at bedtime\n- Change: stop\n$/);
  assert.ok(!lint(stopped).some((f) => f.message.startsWith('Trazodone')));
});

test('a medication without a Change field gets one; goal-id-reuse offers a fresh ID', () => {
  const text = next
    .replace('- Change: continue\n- Rationale: Sleep [G4].', '- Rationale: Sleep [G4].')
    .replace("- [G1] Coach his daughter's team again by spring.", '- [G1] Take the welding class.\n- [G2] Sleep.\n- [G3] Call.');
  const { lint } = setup(text);
  const findings = lint(text);
  const reuse = findings.find((f) => f.ruleId === 'goal-id-reuse')!;
  assert.match(reuse.message, /^G1 named a different goal on 2026-01-01/);
  const renumbered = apply(text, reuse, /^Use a new ID G5/);
  assert.match(renumbered, /- \[G5\] Take the welding class\./);
  assert.match(renumbered, /Stay on the field \[G5\]/);
  const med = findings.find((f) => f.message.startsWith('Mirtazapine'))!;
  assert.match(apply(text, med, /Add `Change: start`/), /### Mirtazapine 15 mg at night\n- Change: start\n- Rationale: Sleep \[G4\]\./);
});

test('without history (single-note runs) the cross-visit rules stay silent', () => {
  const { findings } = lintText(next);
  assert.deepEqual(findings.filter((f) => ['goal-continuity', 'medication-continuity', 'goal-id-reuse'].includes(f.ruleId)), []);
});

test('without a shared patient-key: no other note’s medication or date in a finding, and no copy of wording that holds them', () => {
  const unkeyed = (t: string) => t.replace(/^patient-key: .*\n/m, '');
  const earlier = unkeyed(prev).replace('- [G3] Call his brother once a week.', '- [G3] Call his brother once a week.\n- [G5] Sleep without trazodone by 2026-06.');
  const { lint } = setup(unkeyed(next), earlier);
  const findings = lint(unkeyed(next));
  const text = JSON.stringify(findings.map((f) => [f.message, f.suggestions?.map((s) => [s.title, s.edits.map((e) => e.newText)])]));
  assert.ok(!/trazodone|2026-01-01/i.test(text), text);
  const gone = findings.find((f) => f.ruleId === 'medication-continuity' && /previous visit is not/.test(f.message))!;
  assert.equal(gone.message.slice(0, 44), 'A medication of the previous visit is not in');
  assert.equal(gone.suggestions, undefined);
  // Plain wording (no digits, no medication) can still be carried forward.
  const g3 = findings.find((f) => f.message.startsWith('G3'))!;
  assert.deepEqual(g3.suggestions!.map((s) => s.title), ['Carry G3 forward', 'Mark G3 as met (add a reason)', 'Mark G3 as dropped (add a reason)']);
  const g5 = findings.find((f) => f.message.startsWith('G5'))!;
  assert.equal(g5.suggestions, undefined);
});
