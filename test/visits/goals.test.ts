import { test } from 'vitest';
import assert from 'node:assert/strict';
import { goalSimilarity, parseGoalText } from '../../server/src/engine/index.ts';

test('status markers: position, reason, prose in parentheses', () => {
  assert.deepEqual(parseGoalText('Sleep enough. (met: day shifts since March)'), {
    status: 'met', reason: 'day shifts since March', text: 'Sleep enough.', marker: { start: 14, end: 43 },
  });
  const r = parseGoalText('(revised — weekends, not days) Sleep enough on weekends.');
  assert.deepEqual([r.status, r.reason, r.text], ['revised', 'weekends, not days', 'Sleep enough on weekends.']);
  const d = parseGoalText('Call her brother (dropped) — he moved abroad.');
  assert.deepEqual([d.status, d.reason, d.text], ['dropped', 'he moved abroad', 'Call her brother']);
  const bare = parseGoalText('Call her brother (MET)');
  assert.deepEqual([bare.status, bare.reason], ['met', '']);
  assert.equal(parseGoalText('See friends (met with her sister weekly)').status, undefined);
  assert.equal(parseGoalText('Walk the dog.').status, undefined);
});

test('similarity: rewording stays similar, a different goal does not', () => {
  const coach = "Coach his daughter's team again by spring.";
  assert.equal(goalSimilarity(coach, "Coach his daughter's team in the autumn league."), 0.75);
  assert.ok(goalSimilarity('Sleep enough to work day shifts.', 'Sleep enough to work day shifts without feeling drugged.') === 1);
  assert.equal(goalSimilarity(coach, 'Take the night class in welding.'), 0);
  assert.equal(goalSimilarity('', 'anything'), 1);
});
