/**
 * `--fix` never leaves a note its own rules report as worse than before:
 * - no more errors, and no more errors and warnings together;
 * - nothing new: every finding after fixing was already reported before (same
 *   rule, same subject; see `key`), except that a section the fix
 *   inserted may be reported empty (by `empty-section`, or for
 *   Countertransference by `countertransference-reflection`) — the one thing
 *   an insertion cannot fill.
 * So a fix never renames, inserts or moves something into a place another rule
 * then objects to (an inserted section out of order, a duplicate section, an
 * empty section inserted next to the heading that held its content).
 *
 * Checked over every rule fixture, the examples, notes from the benchmark
 * generator, and generated notes written the way clinicians write outside the
 * template (`## HPI`, `## Goal`, `## Social history`, `## STORY:`, sections
 * missing or shuffled), under `recommended` and `strict`.
 *
 * On fuzzed note-shaped text (broken front matter, stray fragments) only the
 * counts are checked: there a fix can make text readable for the first time —
 * closing an unclosed front matter reveals its YAML, giving a goal an ID makes
 * it a goal — and what it reveals is new without being worse.
 */
import { test } from 'vitest';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fixAll, lintText, RECOMMENDED, resolvePreset, type Finding, type ResolvedConfig } from '../../server/src/engine/index.ts';
import { generateNote, rng } from '../../bench/generate.ts';
import fc from 'fast-check';
import { fuzzRuns, fuzzSeed, noteText } from './fuzz-support.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

function notesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...notesUnder(full));
    else if (name.endsWith('.visit.md')) out.push(full);
  }
  return out;
}

/** Heading variants clinicians write for each canonical section (first: the template's own). */
const VARIANTS: Record<string, string[]> = {
  Story: ['Story', 'HPI', 'History of present illness', 'Stroy', 'STORY:', 'Interval history', 'Subjective'],
  Relationships: ['Relationships', 'Social history', 'Relationship', 'Psychosocial', 'Supports', 'relationships'],
  Goals: ['Goals', 'Goal', 'Treatment goals', 'Gaols', 'Patient goals', 'Goals:'],
  'Medication meaning': ['Medication meaning', 'Meds', 'Current medications', 'Medication meanings', 'Assessment and plan', 'A&P', 'Medications'],
  Countertransference: ['Countertransference', 'Counter-transference', 'Clinician reflections', 'Countertransferance', 'CT'],
};

/** A generated note whose headings are renamed, dropped or swapped at random (seeded). */
function realWorldNote(seed: number): string {
  const r = rng(seed);
  const text = generateNote(seed);
  const blocks = text.split(/\n(?=## )/);
  const head = blocks.shift()!;
  const out = blocks
    .map((b) => {
      const title = /^## (.*)/.exec(b)![1]!;
      const variants = VARIANTS[title];
      if (!variants) return b;
      const roll = r();
      if (roll < 0.12) return undefined; // section missing
      const pick = roll < 0.5 ? variants[0]! : variants[Math.floor(r() * variants.length)]!;
      return b.replace(/^## .*/, `## ${pick}`);
    })
    .filter((b): b is string => b !== undefined);
  if (r() < 0.3 && out.length > 2) {
    const i = Math.floor(r() * (out.length - 1));
    [out[i], out[i + 1]] = [out[i + 1]!, out[i]!];
  }
  const joined = [head, ...out].join('\n');
  return r() < 0.2 ? joined.replace(/\n/g, '\r\n') : joined;
}

/**
 * What a finding is about: its rule and its subject — the first quoted name or
 * goal ID in the message — so a message that merely words the same problem
 * differently after a fix ("puts it before "Goals"" instead of "before
 * "Medication meaning"", "the Goals section defines no goals yet" instead of
 * "no Goals section") is not counted as new.
 */
const key = (f: Finding) => `${f.ruleId}|${/"[^"]+"|\bG\d+\b/.exec(f.message)?.[0] ?? f.message.replace(/\bline \d+/g, 'line N')}`;
const count = (fs: readonly Finding[], severities: string[]) => fs.filter((f) => severities.includes(f.severity)).length;

function assertNotWorse(name: string, text: string, config: ResolvedConfig): void {
  const before = lintText(text, { config }).findings;
  const fixed = fixAll(text, { config });
  const after = fixed.findings;
  assert.ok(count(after, ['error']) <= count(before, ['error']), `${name}: more errors after fixing`);
  assert.ok(count(after, ['error', 'warning']) <= count(before, ['error', 'warning']), `${name}: more errors and warnings after fixing`);
  const had = new Map<string, number>();
  for (const f of before) had.set(key(f), (had.get(key(f)) ?? 0) + 1);
  const inserted = new Set(
    before.filter((f) => f.ruleId === 'required-section' && f.fix?.title.startsWith('Insert section')).map((f) => /"([^"]+)"/.exec(f.message)![1]!),
  );
  for (const f of after) {
    const k = key(f);
    const n = had.get(k) ?? 0;
    if (n > 0) {
      had.set(k, n - 1);
      continue;
    }
    // An inserted section is empty until the clinician writes it (Countertransference's emptiness is its own rule's).
    const emptyInserted =
      (f.ruleId === 'empty-section' || f.ruleId === 'countertransference-reflection') && [...inserted].some((s) => f.message.includes(s));
    assert.ok(emptyInserted, `${name}: fixing introduced ${f.ruleId}: ${f.message}\n--- fixed text ---\n${fixed.text}`);
  }
}

const CONFIGS: [string, ResolvedConfig][] = [
  ['recommended', RECOMMENDED],
  ['strict', resolvePreset('strict')],
];

test('fix never worse: rule fixtures, visit fixtures and examples', () => {
  const files = [...notesUnder(path.join(ROOT, 'test/fixtures/rules')), ...notesUnder(path.join(ROOT, 'test/fixtures/visits')), ...notesUnder(path.join(ROOT, 'examples'))];
  assert.ok(files.length > 80);
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const [name, config] of CONFIGS) assertNotWorse(`${path.relative(ROOT, file)} (${name})`, text, config);
  }
});

test('fix never worse: generated notes, and generated notes with real-world headings', () => {
  for (let seed = 1; seed <= Number(process.env.NEVER_WORSE_SEEDS ?? 25); seed++) {
    for (const [name, config] of CONFIGS) {
      assertNotWorse(`generated ${seed} (${name})`, generateNote(seed), config);
      assertNotWorse(`real-world headings ${seed} (${name})`, realWorldNote(seed), config);
    }
  }
});

test('a near-miss or clinical heading is renamed, never shadowed by an inserted empty section', () => {
  const text = [
    '---', 'patient: C.J.', 'date: 2026-10-05', '---', '',
    '## HPI', 'She drives to the care home every evening and "can\'t switch off".', '',
    '## Goal', '- [G1] Visit her mother without dreading the drive.', '',
    '## Social history', '- Partner and two teenage sons.', '',
    '## Meds', '### Sertraline 100 mg daily', '- Change: continue', '- Rationale: Less dread on the drive [G1].', '- Meaning: "The floor under me."', '',
    '## Counter-transference', 'I wanted to fix the care home for her.', '',
  ].join('\n');
  const { text: fixed, findings } = fixAll(text);
  assert.deepEqual(
    fixed.split('\n').filter((l) => l.startsWith('## ')),
    ['## Story', '## Goals', '## Relationships', '## Medication meaning', '## Countertransference'],
  );
  // What remains is the order (a suggestion to move, never applied by --fix), nothing new.
  assert.deepEqual(findings.map((f) => f.ruleId), ['section-order']);
});

test('fix never worse, by count: fuzzed note-shaped text', () => {
  fc.assert(
    fc.property(noteText, (text) => {
      const before = lintText(text).findings;
      const after = fixAll(text).findings;
      assert.ok(count(after, ['error']) <= count(before, ['error']), 'more errors after fixing');
      assert.ok(count(after, ['error', 'warning']) <= count(before, ['error', 'warning']), 'more errors and warnings after fixing');
    }),
    { numRuns: fuzzRuns(80), ...(fuzzSeed() !== undefined ? { seed: fuzzSeed() } : {}) },
  );
});
