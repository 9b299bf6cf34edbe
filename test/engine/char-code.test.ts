/**
 * charCode (char-code.ts) is `s.charCodeAt(i)` for strings of every kind the
 * engine's loops read: flat, sliced, concatenated, one- and two-byte, internalised.
 */
import { test } from 'vitest';
import assert from 'node:assert/strict';
import { charCode } from '../../server/src/engine/char-code.ts';

test('charCode reads what charCodeAt reads, in strings of every kind and past their ends', () => {
  const prose = 'She says the mornings are the hardest part. ';
  const twoByte = `${prose}It’s “better” now 😀 — Zürich.`;
  const kinds = [
    prose,
    twoByte,
    prose.repeat(4).slice(7, 120), // a slice of a longer string
    twoByte.repeat(3).slice(5, 90),
    prose + twoByte, // concatenated
    [prose, twoByte].join('\n'),
    Object.keys({ [prose.trim()]: 1 })[0]!, // internalised (a property name)
    '',
    'a',
  ];
  for (const s of kinds) {
    for (let i = -1; i <= s.length; i++) {
      const want = s.charCodeAt(i);
      const got = charCode(s, i);
      if (Number.isNaN(want)) assert.ok(Number.isNaN(got), `${JSON.stringify(s)} at ${i}`);
      else assert.equal(got, want, `${JSON.stringify(s)} at ${i}`);
    }
  }
});
