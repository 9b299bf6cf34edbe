/**
 * Measured precision and recall of the heuristic rules, kept honest.
 *
 * - `test/fixtures/rules/<rule>/`: the development fixtures (every one must pass
 *   exactly, fixtures.test.ts); counted here so the docs can say how many.
 * - `test/fixtures/evaluation/<rule>/`: notes written after the rule was frozen
 *   and never tuned on. Their `<!-- expect -->` block is the truth; the rule may
 *   miss some. The numbers measured on them must be the ones the rule's docs
 *   page states (`precision a/b`, `recall c/d`), so a change that moves them
 *   forces the docs to say so.
 */
import { test } from 'vitest';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { lintText } from '../../server/src/engine/index.ts';
import { located, parseExpectations } from '../helpers/fixtures.ts';

const root = path.resolve(import.meta.dirname, '../fixtures');
const docs = (rule: string) => readFileSync(path.resolve(import.meta.dirname, `../../docs/rules/${rule}.md`), 'utf8');

interface Score {
  tp: number;
  fp: number;
  fn: number;
  positiveNotes: number;
  negativeNotes: number;
}

/** Findings matched to expectations by rule and line. */
function score(dir: string, rule: string): Score {
  const s: Score = { tp: 0, fp: 0, fn: 0, positiveNotes: 0, negativeNotes: 0 };
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.visit.md'))) {
    const text = readFileSync(path.join(dir, file), 'utf8');
    const expected = (parseExpectations(text) ?? []).filter((e) => e.ruleId === rule).map((e) => e.line);
    const { note, findings } = lintText(text, { only: [rule] });
    const got = findings.map((f) => located(note, f).line);
    const hit = expected.filter((l) => got.includes(l)).length;
    s.tp += hit;
    s.fn += expected.length - hit;
    s.fp += got.filter((l) => !expected.includes(l)).length;
    if (expected.length) s.positiveNotes++;
    else s.negativeNotes++;
  }
  return s;
}

const evaluated = existsSync(path.join(root, 'evaluation')) ? readdirSync(path.join(root, 'evaluation')).sort() : [];

for (const rule of evaluated) {
  test(`${rule}: the docs state the precision and recall measured on its fixtures and its frozen evaluation set`, () => {
    const page = docs(rule);
    const dev = score(path.join(root, 'rules', rule), rule);
    assert.equal(dev.fp + dev.fn, 0, 'development fixtures are exact (fixtures.test.ts)');
    const held = score(path.join(root, 'evaluation', rule), rule);
    assert.ok(held.positiveNotes >= 10 && held.negativeNotes >= 10, 'an evaluation set has at least 10 notes each way');
    const claims = [
      `${dev.positiveNotes} notes where it must fire and ${dev.negativeNotes} where it must not`,
      `precision ${held.tp}/${held.tp + held.fp}`,
      `recall ${held.tp}/${held.tp + held.fn}`,
    ];
    for (const claim of claims) assert.ok(page.includes(claim), `docs/rules/${rule}.md should say "${claim}"`);
  });
}
