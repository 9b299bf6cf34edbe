/**
 * fixAll takes the first lint result (the CLI's --fix and the editor's fix-all
 * have linted the note already): starting from it gives exactly what starting
 * from scratch gives, on every example note, and the given result is what
 * fixAll starts from (it does not parse and lint the note again).
 */
import { describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fixAll, lintText, RECOMMENDED } from '../../server/src/engine/index.ts';

const examples = path.resolve(__dirname, '../../examples');
const notes = readdirSync(examples, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.visit.md'))
  .map((f) => ({ name: f, text: readFileSync(path.join(examples, f), 'utf8') }));

describe('fixAll from the first lint result', () => {
  test('gives the same text, count and remaining findings as fixAll from scratch', () => {
    let fixable = 0;
    for (const { name, text } of notes) {
      const options = { config: RECOMMENDED };
      const first = lintText(text, options);
      if (first.findings.some((f) => f.fix)) fixable++;
      assert.deepEqual(fixAll(text, options, first), fixAll(text, options), name);
    }
    assert.ok(fixable > 0, 'some example has a fixable finding');
  });

  test('starts from the given findings instead of linting again', () => {
    const note = notes.find(({ text }) => lintText(text, { config: RECOMMENDED }).findings.some((f) => f.fix))!;
    const fixed = fixAll(note.text, { config: RECOMMENDED }, { findings: [] });
    assert.equal(fixed.text, note.text);
    assert.equal(fixed.fixedCount, 0);
    assert.deepEqual(fixed.findings, []);
  });
});
