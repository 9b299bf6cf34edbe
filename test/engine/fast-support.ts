/**
 * Arbitraries for the fast parser's differential tests: note-shaped text made
 * of the blocks the block scanner builds (headings, paragraphs, nested lists)
 * and the constructs that trip line scanners, mixed with their neighbours —
 * lazy continuation lines, indented code, fences holding `## Story`, HTML
 * blocks and comments, definitions that make `[G1]` a link, setext headings,
 * tabs, CRLF, lone CR, BOMs, multi-paragraph items, block quotes, emphasis,
 * entities, hard breaks and GFM (tables, strikethrough, footnotes, autolinks,
 * task items).
 */
import fc from 'fast-check';

const INLINE = [
  'He says the mornings are the hardest',
  'goal [G1] and [G2]',
  'See [r1].',
  '[r1] and [G1] and [R1] and [a.b-c]',
  '[r1][] and [r1](x) and ![r1]',
  '[r1][G1] [r1]x [x]',
  '[G12] Walk the coastal path',
  '**Rationale:** sleep [G2]',
  '*em* and _under_ and ***both***',
  'a*b*c and a_b_c and *unclosed',
  '`code [G1]` and ``x``',
  '~~strike~~ and ~one~',
  '[link](https://example.org) and ![img](x.png "t")',
  'see www.example.com or a.b@example.com',
  'https://example.org/x?y=1.',
  '&amp; &copy; &#x1F600; &bogus;',
  'escaped \\[G1] and \\*',
  '<span>inline html</span> <!-- c -->',
  'a footnote[^1] and [ref] and [G1][ref]',
  'tab\tinside\ttext',
  'Astral 😀 and é and שלום',
  'NUL \u0000 here',
  'x',
  '1.5 mg',
  '2026-03-04 visit',
  '- not a list here',
  '#hashtag',
];

const TRAILING = ['', '', '', ' ', '  ', '   ', '\t', ' \t', '\\'];
const EOL = ['\n', '\n', '\n', '\r\n', '\r'];
const INDENT = ['', '', '', ' ', '  ', '   ', '    ', '     ', '      ', '\t', ' \t'];
const MARKER = ['- ', '- ', '* ', '+ ', '1. ', '2. ', '1) ', '10. ', '-  ', '-    ', '-     ', '- [ ] ', '- [x] ', '-', '1.', '-\t'];

const BLOCK = [
  '## Story',
  '## Goals',
  '### Sertraline 50 mg daily',
  '# Visit note #',
  '##   Medication meaning  ##  ',
  '####### not a heading',
  '##',
  '```\n## Story\n```',
  '```js\ncode [G1]\n',
  '~~~\n- [G1] inside\n~~~',
  '    indented code [G2]',
  '<!-- visitnotes-disable -->',
  '<!-- a comment\n\n## Goals\n-->',
  '<div>\n*html*\n</div>',
  '> quoted [G1]\nlazy line',
  '> - quoted item',
  '[G1]: https://example.org',
  '[ref]: /url "title"',
  // One-line definitions the scanner builds itself (fast/definition.ts), and near misses.
  '[r1]: /u1',
  '[G1]: /goals',
  '[a.b-c]: /p?q=1#x',
  '[A]: /u\n[b]: /v',
  '  [r2]:/u2',
  '[r3]: /u3 ',
  '[r4]: /u4\n"title"',
  '[r5]: /u5\nSee [r5].',
  '[r6]: /u6\n    code?',
  '[R1]: /upper',
  '[g1]: <angle>',
  '[x]: /y',
  '[^r7]: /u7',
  '[^1]: A footnote [G1].',
  'Story\n=====',
  'Goals\n---',
  '***',
  '- - -',
  '| a | b |\n| - | - |\n| [G1] | c |',
  'a | b\n--|--',
  '\uFEFFbom line',
];

const line = fc.tuple(fc.constantFrom(...INDENT), fc.constantFrom(...INLINE), fc.constantFrom(...TRAILING)).map(([i, t, e]) => i + t + e);

/** A list item: marker, first line, maybe continuation or lazy lines, maybe a nested list or a second paragraph. */
const item: fc.Arbitrary<string[]> = fc
  .tuple(
    fc.constantFrom(...INDENT.slice(0, 5)),
    fc.constantFrom(...MARKER),
    fc.constantFrom(...INLINE),
    fc.array(fc.tuple(fc.constantFrom('', '', '  ', '   ', '    ', '      ', '\n', '\n  ', '\n    '), fc.oneof(line, fc.constantFrom(...MARKER).map((m) => m + 'nested'))), { maxLength: 3 }),
  )
  .map(([indent, marker, first, rest]) => [indent + marker + first, ...rest.map(([lead, text]) => lead + text.trimStart())]);

const block = fc.oneof(
  { weight: 3, arbitrary: fc.array(line, { minLength: 1, maxLength: 3 }).map((ls) => ls.join('\n')) },
  { weight: 4, arbitrary: fc.array(item, { minLength: 1, maxLength: 5 }).map((items) => items.flat().join('\n')) },
  { weight: 3, arbitrary: fc.constantFrom(...BLOCK) },
);

const FRONT = ['', '', '---\npatient: A.B.\ndate: 2026-03-04\n---\n', '---\r\nvisit: intake\r\n---\r\n', '---\na: 1\n', '\uFEFF---\nx: y\n---\n', '\uFEFF'];

/** Note-shaped text from the blocks above, joined by one or more line endings, in one line-ending style or mixed. */
export const scannerNote: fc.Arbitrary<string> = fc
  .record({
    front: fc.constantFrom(...FRONT),
    blocks: fc.array(fc.tuple(block, fc.constantFrom('\n', '\n\n', '\n\n', '\n\n\n', '\n \n')), { maxLength: 14 }),
    eol: fc.constantFrom('\n', '\n', '\r\n', '\r', 'mixed'),
  })
  .map(({ front, blocks, eol }) => {
    let text = front + blocks.map(([b, sep]) => b + sep).join('');
    let k = 0;
    if (eol === 'mixed') return text.replace(/\n/g, () => EOL[k++ % EOL.length]!);
    if (eol !== '\n') text = text.replace(/\n/g, eol);
    return text;
  });

const PLAIN_INLINE = INLINE.slice(0, 3).concat(['x', '1.5 mg', '[G1] [G2] [G3]', 'a [b] c', 'Rationale: steadier days [G1].']);
const plainLine = fc.tuple(fc.constantFrom('', '', '', ' ', '  '), fc.constantFrom(...PLAIN_INLINE, ...INLINE), fc.constantFrom('', '', '', ' ', '  ', '\t')).map(([i, t, e]) => i + t + e);
const plainItem: fc.Arbitrary<string[]> = fc
  .tuple(
    fc.constantFrom('', '', '', ' ', '  ', '   '),
    fc.constantFrom('- ', '- ', '* ', '+ ', '1. ', '2. ', '1) ', '10. ', '-  ', '-   '),
    fc.constantFrom(...PLAIN_INLINE),
    fc.array(fc.tuple(fc.constantFrom('', '  ', '    ', '\n', '\n  ', '\n    ', '  - ', '    - ', '  1. ', '- ', '* '), plainLine), { maxLength: 3 }),
  )
  .map(([indent, marker, first, rest]) => [indent + marker + first, ...rest.map(([lead, text]) => (lead.endsWith('\n') ? lead + text.trimStart() : lead + text.trimStart()))]);

/**
 * Mostly the block subset the scanner builds: headings, paragraphs with
 * continuation lines, nested and loose lists with lazy lines, and light
 * inline markup; now and then one of the other blocks.
 */
export const scannerSubsetNote: fc.Arbitrary<string> = fc
  .record({
    front: fc.constantFrom(...FRONT),
    blocks: fc.array(
      fc.tuple(
        fc.oneof(
          { weight: 3, arbitrary: fc.array(plainLine, { minLength: 1, maxLength: 3 }).map((ls) => ls.join('\n')) },
          { weight: 5, arbitrary: fc.array(plainItem, { minLength: 1, maxLength: 6 }).map((items) => items.flat().join('\n')) },
          { weight: 2, arbitrary: fc.constantFrom(...BLOCK.slice(0, 7)) },
          { weight: 1, arbitrary: fc.constantFrom(...BLOCK) },
        ),
        fc.constantFrom('\n', '\n\n', '\n\n', '\n\n\n'),
      ),
      { maxLength: 16 },
    ),
    eol: fc.constantFrom('\n', '\n', '\n', '\r\n', '\r'),
  })
  .map(({ front, blocks, eol }) => {
    const text = front + blocks.map(([b, sep]) => b + sep).join('');
    return eol === '\n' ? text : text.replace(/\n/g, eol);
  });
