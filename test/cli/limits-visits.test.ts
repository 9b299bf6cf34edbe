/**
 * `report`, `timeline`, `export` and the preview apply the note limits (issue 16
 * item 4): a note of 10,000 nested `>` (which once made `report` fail as a whole
 * with "Maximum call stack size exceeded", exit 2) among ordinary notes costs
 * one skipped note with a clear message, never the run.
 */
import { afterAll, beforeAll, test } from 'vitest';
import assert from 'node:assert/strict';
import { MAX_NESTING, parseWithConfig } from '../../server/src/engine/index.ts';
import { exportNote } from '../../server/src/preview/export.ts';
import { renderNoteHtml } from '../../server/src/preview/render.ts';
import { CLEAN_NOTE, ensureBuilt, MISSING_GOALS, removeProject, runCli, tempProject } from './helpers.ts';

const TOO_DEEP = `Too deeply nested to parse (block quotes, lists or footnote definitions more than ${MAX_NESTING} levels deep); not linted.`;
const DEEP = CLEAN_NOTE.replace('## Story\n', `## Story\n\n${'>'.repeat(10_000)} deep\n`);
const HUGE = CLEAN_NOTE + 'A line of the story, again and again.\n'.repeat(120_000);
let dir: string;

beforeAll(() => {
  ensureBuilt();
  dir = tempProject({ 'a/clean.visit.md': CLEAN_NOTE, 'a/missing.visit.md': MISSING_GOALS, 'a/deep.visit.md': DEEP, 'a/huge.visit.md': HUGE });
});
afterAll(() => removeProject(dir));

test('the deep note really is over the limit', () => {
  assert.ok(DEEP.includes('## Story'));
  assert.equal(parseWithConfig(DEEP).tree.data?.visitnotesUnparsed, TOO_DEEP);
});

test('report: the deep and the huge note are skipped with their reasons, the others are counted', async () => {
  const run = await runCli(['report', '-f', 'json'], { cwd: dir });
  assert.equal(run.code, 0, run.stderr);
  assert.doesNotMatch(run.stderr, /internal error|call stack/i);
  assert.match(run.stderr, new RegExp(`skipped a[\\\\/]deep\\.visit\\.md: ${TOO_DEEP.replace(/[().]/g, '\\$&')}`));
  assert.match(run.stderr, /skipped a[\\/]huge\.visit\.md: Too large to lint/);
  const report = JSON.parse(run.stdout) as { totals: { notes: number } };
  assert.equal(report.totals.notes, 2, 'the two ordinary notes are counted');
});

test('timeline: the patient’s ordinary notes are drawn, the deep one is skipped with its reason', async () => {
  const patient = /^patient: (.+)$/m.exec(CLEAN_NOTE)![1]!;
  const run = await runCli(['timeline', patient, 'a'], { cwd: dir });
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stderr, /skipped a[\\/]deep\.visit\.md: Too deeply nested/);
  assert.match(run.stdout, /^<!DOCTYPE html>/);
});

test('export: the deep note is refused with the limit message, an ordinary one exports', async () => {
  const bad = await runCli(['export', 'a/deep.visit.md'], { cwd: dir });
  assert.equal(bad.code, 2);
  assert.equal(bad.stdout, '');
  assert.match(bad.stderr, /a[\\/]deep\.visit\.md: Too deeply nested to parse/);
  assert.doesNotMatch(bad.stderr, /internal error/);
  const good = await runCli(['export', 'a/clean.visit.md'], { cwd: dir });
  assert.equal(good.code, 0, good.stderr);
  assert.match(good.stdout, /^<!DOCTYPE html>/);
});

test('preview and export HTML say why a note over the limits is not shown', () => {
  const html = renderNoteHtml(parseWithConfig(DEEP), [], { standalone: true, includePrivate: false });
  assert.match(html, /<p class="vn-unparsed" role="alert">This note is not shown: Too deeply nested to parse/);
  const exported = exportNote(DEEP);
  assert.equal(exported.unparsed, TOO_DEEP);
  assert.match(exported.html, /vn-unparsed/);
  assert.doesNotMatch(exportNote(CLEAN_NOTE).html, /vn-unparsed/);
});
