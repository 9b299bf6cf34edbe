/**
 * Front matter read without `yaml` (model/front-matter-simple.ts) must be what
 * the `yaml` package gives (model/front-matter.ts): the same entries, ranges,
 * values and data, for every text it accepts; and it must accept the front
 * matter typical notes have.
 */
import { test } from 'vitest';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { simpleFrontMatter } from '../../server/src/engine/model/front-matter-simple.ts';
import { yamlFrontMatter } from '../../server/src/engine/model/front-matter.ts';
import { generateNote } from '../../bench/generate.ts';
import { fuzzRuns, fuzzSeed } from './fuzz-support.ts';

const KEYS = ['patient', 'date', 'visit', 'clinician', 'template', 'x', 'a_b', 'a-b', 'Key2', '__proto__', 'patient'];
const VALUES = [
  'A.B.', 'R.M.', '2026-03-04', '2026-13-45', 'follow-up', 'intake', 'C. Okafor', 'Jürgen Müller', 'a b', 'yes', 'no', 'on', 'NaN',
  'null', 'Null', 'true', 'False', '12', '-5', '+5', '1e3', '0o17', '0x1F', '.5', '1.', '1_000', '12:30', 'a:b', 'a #b', 'a#b',
  "it's", '"quoted"', '[1, 2]', '{a: 1}', '&anchor', '*alias', '!tag', '|', '>', '%x', '@x', '`x`', 'a, b', 'a?b', '- item', 'x\ty',
  'é', '2026', '١٢٣', 'a\u2028b', '',
];
const SPACES = [' ', ' ', '  ', ':', ' '];
const TRAIL = ['', '', ' ', '  ', ' # comment'];
const EOL = ['\n', '\n', '\r\n', '\r'];

const line = fc.tuple(fc.constantFrom(...KEYS), fc.constantFrom(...SPACES), fc.constantFrom(...VALUES), fc.constantFrom(...TRAIL)).map(([k, s, v, t]) => `${k}:${s === ':' ? '' : s}${v}${t}`);
const body = fc.tuple(fc.array(line, { minLength: 0, maxLength: 6 }), fc.constantFrom(...EOL), fc.constantFrom('', '', '\n', '  indented: x\n')).map(([lines, eol, extra]) => (extra + lines.join(eol)).replace(/\n/g, eol));

// Mostly lines the simple reader accepts, with the plain scalars yaml reads as other types mixed in.
const PLAIN = ['A.B.', 'R.M.', '2026-03-04', 'follow-up', 'intake', 'C. Okafor', 'Jürgen Müller', 'a b', 'yes', 'no', 'on', 'NaN', 'null', 'True', '12', '1e3', 'é', '2026'];
const plainLine = fc.tuple(fc.constantFrom(...KEYS), fc.constantFrom(' ', ' ', '  '), fc.constantFrom(...PLAIN), fc.constantFrom('', '', ' ')).map(([k, s, v, t]) => `${k}:${s}${v}${t}`);
const plainBody = fc.tuple(fc.array(plainLine, { minLength: 1, maxLength: 6 }), fc.constantFrom('\n', '\r\n')).map(([lines, eol]) => lines.join(eol));

function both(value: string) {
  const text = `---\n${value}\n---\n`;
  const range = { start: 0, end: text.length - 1 };
  const yamlRange = { start: 4, end: 4 + value.length };
  return { simple: simpleFrontMatter(text, range, yamlRange, value), yaml: yamlFrontMatter(text, range, yamlRange, value) };
}

test('simple front matter: whatever it accepts, yaml reads the same', () => {
  let accepted = 0;
  fc.assert(
    fc.property(fc.oneof(body, plainBody), (value) => {
      const { simple, yaml } = both(value);
      if (!simple) return;
      accepted++;
      assert.deepStrictEqual(simple, yaml);
    }),
    { numRuns: fuzzRuns(3000), seed: fuzzSeed() },
  );
  // Enough accepted texts that the comparison means something (fast-check runs fewer under FUZZ_RUNS).
  assert.ok(accepted > fuzzRuns(3000) / 10, `accepted ${accepted}`);
});

test('simple front matter: the typical note front matter is read without yaml, as yaml reads it', () => {
  for (let seed = 0; seed < 50; seed++) {
    const note = generateNote(seed);
    const value = note.slice(4, note.indexOf('\n---', 4));
    const { simple, yaml } = both(value);
    assert.ok(simple, JSON.stringify(value));
    assert.deepStrictEqual(simple, yaml);
  }
  for (const value of ['date: 2026-03-04 extra', 'patient: A\npatient: B', 'visit: follow-up\r\ndate: 2026-01-01']) {
    const { simple, yaml } = both(value);
    assert.ok(simple, value);
    assert.deepStrictEqual(simple, yaml);
  }
  for (const value of ['patient: "A.B."', 'count: 3', 'a: true', 'x: null', 'x: a # c', 'x:', '\tx: 1', 'x: [1]', '']) assert.equal(both(value).simple, undefined, value);
});
