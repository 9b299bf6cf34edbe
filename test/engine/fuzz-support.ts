/**
 * Support for engine property tests: fast-check arbitraries (arbitrary text,
 * note-shaped text built from fragments a visit note or a careless paste
 * contains, block soup, random edits) and the range and fix-all checks. Shared
 * by fuzz.test.ts, commonmark.test.ts and incremental.test.ts.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import type { Root } from 'mdast';
import { parseTree, unclosedFrontMatter } from '../../server/src/engine/parse.ts';
import { lintText } from '../../server/src/engine/run-rules.ts';
import { fixAll } from '../../server/src/engine/fixes.ts';
import type { Finding } from '../../server/src/engine/rules/types.ts';
import type { Note } from '../../server/src/engine/model/note.ts';
import type { Range } from '../../server/src/engine/model/text.ts';

/** Runs per property: modest by default so `npm test` stays fast; `FUZZ_RUNS=2000` for a long soak. */
export function fuzzRuns(defaultRuns: number): number {
  const n = Number(process.env.FUZZ_RUNS);
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : defaultRuns;
}

/**
 * The seed: fixed, so a CI run is reproducible and never red by chance;
 * FUZZ_SEED=<n> picks another, FUZZ_SEED=random a new one each run (to explore;
 * fast-check prints the seed of a failure).
 */
export function fuzzSeed(): number | undefined {
  const raw = process.env.FUZZ_SEED;
  if (raw === 'random') return undefined;
  const n = Number(raw);
  return raw && Number.isFinite(n) ? n : 20261204;
}

export const FRONT_MATTER = [
  '---\npatient: A.B.\ndate: 2026-03-04\nclinician: C. Okafor\nvisit: follow-up\n---\n',
  '---\r\npatient: A.B.\r\ndate: 2026-03-04\r\nvisit: intake\r\n---\r\n',
  '---\npatient: Robert Miller\ndate: 2026-13-45\nvisit: nonsense\ntemplate: intake\n---\n',
  '---\npatient: [unclosed\ndate: 2026-01-01\n---\n',
  '---\n\tpatient: tab\n---\n',
  '---\npatient: A\npatient: B\n---\n',
  '---\na: &x [1, 2]\nb: *x\nc: *missing\n---\n',
  '---\n- a list\n- not a map\n---\n',
  '---\n---\n',
  '---\npatient: "A.B.\n',
  '---\ndate: 2026-03-04\nvisit: follow-up\n',
  '---\n? complex key\n: value\ntemplate: [1]\n---\n',
  '---\npatient: A.B. # comment\ndate: 2026-03-04 extra\n...\n',
  '\uFEFF---\npatient: A.B.\n---\n',
];

export const HEADINGS = [
  '## Story',
  '## Relationships',
  '## Goals',
  '## Medication meaning',
  '## Countertransference',
  '## story:',
  '##   Goals  ##',
  '## Notes from earlier visits',
  '## Medication Meaning.',
  '# Visit note',
  '#',
  '##',
  '### Sertraline 50 mg daily',
  '### Lithium 400 mg twice daily',
  '###',
  '#### Deeper',
  'Goals\n-----',
  'Story\n=====',
  ' ## Indented',
  '## **Goals**',
  '## Goals <!-- visitnotes-disable -->',
];

export const ITEMS = [
  '- [G1] Return to the day shift by spring.',
  '- [G2] Coach the under-12s again.',
  '- [G12] Walk the coastal path on Saturdays',
  '- [G1] duplicate of one',
  '- **[G3]** Sing with the choir again.',
  '1. [G4] Finish the evening course.',
  '- [ ] [G5] A task-list goal',
  '- Feel less anxious and depressed.',
  '- [G6]',
  '- ',
  '-',
  '* [G7] star bullet',
  '+ [G8] plus bullet',
  '- [G0] zero is not an id',
  '- [G1000] too long',
  '  - [G9] nested',
  '- Change: start',
  '- Change: increase (from 50 mg)',
  '- Change: maybe',
  '- Rationale: Steadier days so there is energy to cook Sunday dinner [G1].',
  '- Rationale: reduce anxiety and insomnia',
  '- Rationale:',
  '- **Rationale:** sleep [G2] [G99]',
  '- Meaning: "Pills mean I am like my dad".',
  '- Plan: revisit in 6 weeks [G1].',
  '- Response: some progress [G2].',
  '- Ambivalence: wants to stop by summer',
  '- Daughter: close; they speak most days.',
  '- Alliance: warm and steady.',
];

export const PROSE = [
  'He describes the last month as "holding my breath" since the reorganisation.',
  'She says the mornings are the hardest part [G1] and [G2].',
  'Escaped \\[G1] is not a reference.',
  'Patient presents with MDD, SI/HI denied, anhedonia and psychomotor retardation.',
  'I felt a pull to reassure him quickly; I slowed down and asked what he hoped for.',
  'I felt **pulled** to add something; I prescribed it to ease my own worry.',
  'I noticed I wanted to make the evenings easier for her.',
  'Call 555-201-7788 or mail a.b@example.com; DOB 01/02/1980; MRN 1234567.',
  'Lives at 42 Elm Street; SSN 123-45-6789.',
  'See www.example.com and https://example.org/x?y=1.',
  'A [link](https://example.org "title") and ![img](x.png) and `code [G1]`.',
  'A [reference][ref] and [ref] and a footnote[^1].',
  'Line with a hard break\\',
  'Line with two trailing spaces  ',
  'Emphasis *unclosed and **strong** and _under_ and ~~strike~~.',
  'Entities &amp; &copy; &#x1F600; &bogus;',
  'Astral 😀 𝒜 𝔘𝔫𝔦 and combining é and ZWJ 👩‍👩‍👧 and RTL שלום.',
  'Tabs\tinside\ttext\t[G1]',
  'NUL \u0000 and replacement \uFFFD and lone surrogate \uD800 here.',
  'Mid-text BOM \uFEFF here.',
  'x',
  '   ',
  '\t',
];

export const BLOCKS = [
  '<!-- visitnotes-disable -->',
  '<!-- visitnotes-enable -->',
  '<!-- visitnotes-disable phi, goal-id -->',
  '<!-- visitnotes-disable-next-line -->',
  '<!-- visitnotes-disable-next-line undefined-goal -->',
  '<!-- visitnotes-disable unlinked-goal',
  '<!-- an ordinary comment -->',
  '<!-- unclosed comment',
  '-->',
  '<div>\nblock html\n</div>',
  '<script>\nlet x = "[G1]";',
  '```\nfenced [G1]\n```',
  '```js',
  '~~~\nunclosed tilde fence',
  '    indented code [G2]',
  '> quoted [G1]\n> more',
  '> ',
  '| a | b |\n| - | - |\n| [G1] | c |',
  '| a |',
  '| --- |',
  '[ref]: https://example.org',
  '[^1]: A footnote [G1].',
  '***',
  '---',
  '===',
  '- - -',
  '1) one\n2) two',
  '- a\n\n- b',
  '* a\n* b',
];

export const SEPARATORS = ['\n', '\n\n', '\r\n', '\r\n\r\n', '\r', '\n\n\n', '', ' ', '\n  ', '\n\t', '\n> '];

/** One line-ish fragment of a note. */
export const fragment = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HEADINGS) },
  { weight: 4, arbitrary: fc.constantFrom(...ITEMS) },
  { weight: 4, arbitrary: fc.constantFrom(...PROSE) },
  { weight: 2, arbitrary: fc.constantFrom(...BLOCKS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom('#', '-', '*', '>', '`', '[', ']', 'G', '1', '(', ')', '<', '!', '|', ':', ' ', '\t', '\n', '\r', '\\', '_', '~', '&', '😀'), maxLength: 16 }) },
);

/** Note-shaped text: optional front matter (maybe malformed), fragments, mixed line breaks. */
export const noteText = fc
  .record({
    bom: fc.boolean(),
    frontMatter: fc.option(fc.constantFrom(...FRONT_MATTER), { nil: undefined }),
    parts: fc.array(fc.tuple(fragment, fc.constantFrom(...SEPARATORS)), { minLength: 0, maxLength: 40 }),
  })
  .map(({ bom, frontMatter, parts }) => {
    let text = (bom ? '\uFEFF' : '') + (frontMatter ?? '');
    for (const [frag, sep] of parts) text += frag + sep;
    return text;
  });

/** Anything at all, including lone surrogates and control characters. */
export const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: fc.constantFrom('#', '-', '*', '>', '`', '[', ']', 'G', '1', ' ', '\n', '\r', '\t', '<', '!', '|', ':', 'a', '\uFEFF'), maxLength: 300 }),
);

/** A relative edit: where (as a fraction of the text), how much to delete, what to insert. */
export interface RandomEdit {
  at: number;
  deleteLength: number;
  insert: string;
}

export const randomEdit: fc.Arbitrary<RandomEdit> = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  deleteLength: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 4, arbitrary: fc.integer({ min: 1, max: 3 }) }, { weight: 1, arbitrary: fc.integer({ min: 4, max: 80 }) }),
  insert: fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom('a', ' ', '\n', '\r\n', '\r', '#', '-', '*', '>', '`', '[', ']', ':', '|', '<', '!', '\\', '\t', '😀', '\uFEFF', '[G1]', '```', '<!--', '-->', '---', '\n\n', '') },
    { weight: 1, arbitrary: fragment.map((f) => f + '\n') },
    { weight: 1, arbitrary: fc.constantFrom(...SEPARATORS).chain((sep) => fragment.map((f) => sep + f + sep)) },
  ),
});

/** Applies a relative edit; returns the new text. */
export function applyEdit(text: string, edit: RandomEdit): string {
  const at = Math.min(text.length, Math.floor(edit.at * (text.length + 1)));
  const end = Math.min(text.length, at + edit.deleteLength);
  return text.slice(0, at) + edit.insert + text.slice(end);
}

/**
 * Lines built from block-level markers (indentation, list and quote markers,
 * fences, HTML starts, table pipes, setext underlines) and short content, with
 * blank lines: stresses where blocks start and end.
 */
export const blockSoup = fc
  .array(
    fc.tuple(
      fc.constantFrom('', '', '', ' ', '  ', '   ', '    ', '\t', '      '),
      fc.constantFrom('', '', '- ', '* ', '+ ', '1. ', '2) ', '> ', '>', '- [ ] ', '# ', '## ', '### ', '```', '~~~', '    ', '<!-- ', '-->', '<div>', '</div>', '<pre>', '</pre>', '| ', '---', '===', '***', '-', '*', '[x]: /u', '[^1]: '),
      fc.constantFrom('', 'a', 'b c', '[G1] goal', 'Rationale: x [G2]', '| b |', '- |', '`x`', '*em*', '<!-- visitnotes-disable -->', 'www.x.org'),
      fc.constantFrom('\n', '\n', '\n\n', '\n\n\n', '\r\n', '\r\n\r\n', '\r', '\n \n', '\n\t\n'),
    ),
    { minLength: 1, maxLength: 30 },
  )
  .map((lines) => lines.map(([indent, marker, content, eol]) => indent + marker + content + eol).join(''));

export function assertInside(range: Range, length: number, what: string): void {
  assert.ok(
    Number.isInteger(range.start) && Number.isInteger(range.end) && 0 <= range.start && range.start <= range.end && range.end <= length,
    `${what} ${JSON.stringify(range)} outside 0..${length}`,
  );
}

/** Every range a finding carries: its own, its fix's and suggestions' edits, related locations. */
export function assertFindingRanges(findings: readonly Finding[], length: number): void {
  for (const f of findings) {
    // The host turns a throwing rule into a finding; for the fuzzer that is a crash.
    assert.ok(!/failed on this note/.test(f.message), `rule ${f.ruleId} threw: ${f.message}`);
    assertInside(f.range, length, `${f.ruleId} range`);
    for (const fix of [...(f.fix ? [f.fix] : []), ...(f.suggestions ?? [])]) {
      for (const e of fix.edits) assertInside(e.range, length, `${f.ruleId} edit "${fix.title}"`);
    }
    for (const r of f.related ?? []) assertInside(r.range, length, `${f.ruleId} related`);
  }
}

/** Every range in the model. */
export function assertModelRanges(note: Note): void {
  const len = note.text.length;
  const fm = note.frontMatter;
  if (fm) {
    for (const r of [fm.range, fm.yamlRange, ...fm.errors.map((e) => e.range)]) assertInside(r, len, 'front matter');
    for (const e of fm.entries) for (const r of [e.keyRange, e.valueRange]) assertInside(r, len, 'front matter entry');
  }
  for (const s of note.sections) for (const r of [s.headingRange, s.titleRange, s.bodyRange]) assertInside(r, len, 'section');
  for (const g of note.goals) for (const r of [g.range, g.idRange, g.textRange]) assertInside(r, len, 'goal');
  for (const g of note.unidentifiedGoals) assertInside(g.range, len, 'unidentified goal');
  for (const r of note.goalReferences) assertInside(r.range, len, 'goal reference');
  for (const m of note.medications) {
    for (const r of [m.range, m.headingRange, m.titleRange]) assertInside(r, len, 'medication');
    for (const f of m.fields) for (const r of [f.range, f.nameRange, f.valueRange]) assertInside(r, len, 'medication field');
  }
  for (const d of note.directives) assertInside(d.range, len, 'directive');
  assertInside(note.preambleRange, len, 'preamble');
}

/**
 * Whether text appended to the note would be swallowed (an unclosed fence or
 * HTML block runs to the end). required-section appends missing sections at the
 * end, so in such notes its fix cannot take effect: see the todo test below.
 */
export function swallowsAppendedText(text: string): boolean {
  return !parseTree(text + '\n\n## Probe\n').children.some(
    (c) => c.type === 'heading' && c.children[0]?.type === 'text' && c.children[0].value === 'Probe',
  );
}

/**
 * The fuzz property: linting and fixing never throw, every range lies inside
 * its text, and (unless `converge` is false) fix-all leaves nothing fixable and
 * is idempotent.
 */
export function checkText(text: string, { converge = true } = {}): void {
  const { note, findings } = lintText(text);
  assertModelRanges(note);
  assertFindingRanges(findings, text.length);
  const fixed = fixAll(text);
  assertFindingRanges(fixed.findings, fixed.text.length);
  if (!converge) return;
  assert.deepEqual(
    fixed.findings.filter((f) => f.fix).map((f) => `${f.ruleId}: ${f.fix!.title}`),
    [],
    'fix-all left fixable findings',
  );
  assert.equal(fixAll(fixed.text).text, fixed.text, 'fix-all is not idempotent');
}

const referenceWithFrontMatter = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm);
const referenceWithout = unified().use(remarkParse).use(remarkGfm);

/**
 * The tree plain remark-gfm gives (BOM offsets shifted as parseTree does), for
 * checking that the engine's trimmed GFM parser reads every text identically.
 * Without a closing front matter fence the reference is parsed without front
 * matter, as parseTree does (micromark-extension-frontmatter#5).
 */
export function referenceTree(text: string): Root {
  const tree = (unclosedFrontMatter(text) ? referenceWithout : referenceWithFrontMatter).parse(text) as Root;
  if (text.charCodeAt(0) === 0xfeff) {
    const shift = (n: { position?: { start: { line: number; column: number; offset?: number }; end: { line: number; column: number; offset?: number } }; children?: unknown[] }) => {
      const p = n.position;
      if (p) {
        for (const point of [p.start, p.end]) {
          if (point.offset !== undefined) point.offset += 1;
          if (point.line === 1) point.column += 1;
        }
      }
      for (const c of n.children ?? []) shift(c as typeof n);
    };
    shift(tree);
  }
  return tree;
}

export function assertSameAsRemarkGfm(text: string): void {
  assert.deepStrictEqual(parseTree(text), referenceTree(text));
}
