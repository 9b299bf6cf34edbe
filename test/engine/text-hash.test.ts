/** The visit index's text hash: Node's SHA-1 where there is Node, the same digest without it. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { portableTextHash, textHash } from '../../server/src/engine/visits/text-hash.ts';

const TEXTS = ['', 'a', '---\npatient: P1\n---\n\n## Story\n\nShe says “better”.\n', 'é\u{1F600}\r\n\uFEFF', 'lone \uD800 surrogate', 'x'.repeat(100_000)];

describe('textHash', () => {
  it.each(TEXTS.map((t) => [t.slice(0, 20), t]))('is the SHA-1 of the UTF-8 text, with Node and without (%j)', (_, text) => {
    const expected = createHash('sha1').update(text).digest('hex');
    expect(textHash(text)).toBe(expected);
    expect(portableTextHash(text)).toBe(expected);
  });
});
