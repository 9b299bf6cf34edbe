/**
 * A parse inside withoutKeptReadings (the CLI's: each note is parsed once) builds
 * the same model as one that keeps its block readings for the next parse (the
 * language server's), and keeps nothing: a later parse of the same tree makes
 * its goal references afresh instead of handing back the kept ones.
 */
import { expect, test } from 'vitest';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildNote, parseNote, parseTree } from '../../server/src/engine/parse.ts';
import { keepsBlockReadings, withoutKeptReadings } from '../../server/src/engine/block-scan.ts';
import { scannerNote } from './fast-support.ts';
import { fuzzRuns, fuzzSeed } from './fuzz-support.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const notes = ['examples', 'test/fixtures']
  .flatMap((dir) => (readdirSync(path.join(root, dir), { recursive: true }) as string[]).filter((f) => f.endsWith('.md')).map((f) => path.join(root, dir, f)))
  .map((file) => readFileSync(file, 'utf8'));

/** The model as data: what a rule, the JSON output or a worker thread sees of it. */
const modelOf = (text: string, once: boolean) => {
  const note = once ? withoutKeptReadings(() => parseNote(text)) : parseNote(text);
  return { ...note, tree: undefined, lines: undefined };
};

test('a parse that keeps nothing builds the same model, for every example and fixture', () => {
  expect(notes.length).toBeGreaterThan(20);
  for (const text of notes) expect(modelOf(text, true)).toEqual(modelOf(text, false));
});

test('…and for generated notes (sections, goals, references, medications, directives, HTML)', () => {
  fc.assert(
    fc.property(scannerNote, (text) => {
      expect(modelOf(text, true)).toEqual(modelOf(text, false));
    }),
    { numRuns: fuzzRuns(300), seed: fuzzSeed() },
  );
});

test('kept readings hand back the same references to the next parse of the same tree; a parse that keeps nothing does not', () => {
  const text = '## Story\n\nShe wants to coach again [G1].\n\n## Goals\n\n- [G1] Coach the under-12s\n\n## Plan\n\nTalk about [G1] next time.\n';
  const tree = parseTree(text);
  const refs = (once: boolean) => (once ? withoutKeptReadings(() => buildNote(text, tree)) : buildNote(text, tree)).goalReferences;
  const story = (r: ReturnType<typeof refs>) => r.find((g) => g.section === 'Story')!;

  const first = refs(true);
  const second = refs(true);
  expect(second).toEqual(first);
  expect(story(second)).not.toBe(story(first));

  const kept = refs(false);
  expect(story(refs(false))).toBe(story(kept));
});

test('the readings are kept again after a parse that keeps nothing, even one that throws', () => {
  expect(keepsBlockReadings()).toBe(true);
  expect(() =>
    withoutKeptReadings(() => {
      expect(keepsBlockReadings()).toBe(false);
      throw new Error('a parse that fails');
    }),
  ).toThrow('a parse that fails');
  expect(keepsBlockReadings()).toBe(true);
});
