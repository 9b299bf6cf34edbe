/**
 * Every example of the CommonMark spec (the `commonmark-spec` package) goes
 * through the engine: on its own, as the body of a note, and spliced into a
 * note by an incremental re-parse. Nothing may throw, every range must lie
 * inside the text, the engine's parser must read it as remark-gfm does, and the
 * incremental parse must equal a full one.
 */
import { test } from 'vitest';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { parseNote } from '../../server/src/engine/parse.ts';
import { reparse } from '../../server/src/engine/incremental.ts';
import { lintNote, lintText } from '../../server/src/engine/run-rules.ts';
import { assertFindingRanges, assertModelRanges, assertSameAsRemarkGfm, checkText } from './fuzz-support.ts';

interface SpecExample {
  markdown: string;
  section: string;
  number: number;
}

// The spec writes tabs as `→`.
const examples = (createRequire(import.meta.url)('commonmark-spec') as { tests: SpecExample[] }).tests.map((e) => ({
  ...e,
  markdown: e.markdown.replace(/→/g, '\t'),
}));

const NOTE_HEAD = '---\npatient: A.B.\ndate: 2026-03-04\nclinician: C. Okafor\nvisit: follow-up\n---\n\n## Story\n\nShe says the mornings are the hardest part.\n\n';
const NOTE_TAIL =
  '\n\n## Relationships\n\n- Daughter: close.\n\n## Goals\n\n- [G1] Return to the day shift.\n\n## Medication meaning\n\n### Sertraline 50 mg daily\n\n- Change: continue\n- Rationale: steadier mornings [G1].\n- Meaning: "keeps me steady".\n\n## Countertransference\n\nI noticed I wanted to reassure her quickly.\n';

test('commonmark: the spec has its examples', () => {
  assert.ok(examples.length > 600, `${examples.length} examples`);
});

test('commonmark: every spec example lints and fixes without a crash, with ranges inside the text', () => {
  for (const e of examples) {
    const inNote = NOTE_HEAD + e.markdown + NOTE_TAIL;
    try {
      // Fix-all inside a complete note (a bare example misses all five sections and
      // fix-all would append them one per pass); convergence is the fuzz tests' job.
      checkText(inNote, { converge: false });
      for (const text of [e.markdown, e.markdown.replace(/\n/g, '\r\n')]) {
        const { note, findings } = lintText(text);
        assertModelRanges(note);
        assertFindingRanges(findings, text.length);
      }
    } catch (err) {
      assert.fail(`example ${e.number} (${e.section}): ${(err as Error).message}\n${JSON.stringify(e.markdown)}`);
    }
  }
});

test('commonmark: the engine parser reads every spec example as remark-gfm does', () => {
  for (const e of examples) {
    try {
      assertSameAsRemarkGfm(e.markdown);
    } catch (err) {
      assert.fail(`example ${e.number} (${e.section}): ${(err as Error).message.slice(0, 2000)}`);
    }
  }
});

test('commonmark: splicing each spec example into a note incrementally equals a full parse', () => {
  const base = NOTE_HEAD + 'Placeholder paragraph.\n' + NOTE_TAIL;
  const previous = parseNote(base);
  const at = base.indexOf('Placeholder paragraph.');
  let reused = 0;
  for (const e of examples) {
    const text = base.slice(0, at) + e.markdown + base.slice(at + 'Placeholder paragraph.\n'.length);
    const result = reparse(previous, text, { minLength: 0 });
    const full = parseNote(text);
    if (result.incremental) reused++;
    try {
      assert.deepStrictEqual(result.note.tree, full.tree);
      assert.deepStrictEqual(lintNote(result.note), lintNote(full));
    } catch (err) {
      assert.fail(`example ${e.number} (${e.section}): incremental differs from full\n${JSON.stringify(e.markdown)}\n${(err as Error).message.slice(0, 2000)}`);
    }
  }
  assert.ok(reused > examples.length / 2, `incremental for ${reused} of ${examples.length}`);
});
