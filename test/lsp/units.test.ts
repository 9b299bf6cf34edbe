/**
 * Unit tests of the language server's pure pieces: the finding→diagnostic
 * conversion, offset mapping for the stale-model completion path, minimal
 * edits, glob matching for `include`, goal-ID parsing, settings and the
 * bundled medication list.
 */
import { test } from 'vitest';
import assert from 'node:assert/strict';
import { parseNote, ruleDocsUrl, type Finding } from '../../server/src/engine/index.ts';
import { isNoteDocument } from '../../server/src/lsp/documents.ts';
import { matchMedications, medicationNames } from '../../server/src/lsp/medications.ts';
import { normalizeGoalId } from '../../server/src/lsp/navigation.ts';
import { minimalEdit } from '../../server/src/lsp/ranges.ts';
import { mapOffset } from '../../server/src/engine/index.ts';
import { readSettings } from '../../server/src/lsp/settings.ts';
import { toDiagnostic } from '../../server/src/lsp/to-diagnostic.ts';
import { RECOMMENDED } from '../../server/src/engine/index.ts';
import { applyTextEdits } from './client.ts';
import { CLEAN } from './notes.ts';

test('toDiagnostic: code, docs link, severity, tags, related, data', () => {
  const note = parseNote(CLEAN);
  const start = CLEAN.indexOf('[G1]');
  const finding: Finding = {
    ruleId: 'undefined-goal',
    severity: 'info',
    message: 'm',
    range: { start, end: start + 4 },
    unnecessary: true,
    suggestions: [{ title: 's', edits: [{ range: { start, end: start + 4 }, newText: '[G2]' }] }],
  };
  const d = toDiagnostic(finding, note, 'file:///n.visit.md', 7);
  assert.equal(d.code, 'undefined-goal');
  assert.deepEqual(d.codeDescription, { href: ruleDocsUrl('undefined-goal') });
  assert.equal(d.severity, 3);
  assert.deepEqual(d.tags, [1]);
  assert.equal(d.source, 'visitnotes');
  // Related locations are the rule's own only (the undefined-goal rule reports the Goals heading itself).
  assert.equal(d.relatedInformation, undefined);
  assert.deepEqual(d.data, { version: 7, ruleId: 'undefined-goal', suggestions: finding.suggestions });
  const withRelated = toDiagnostic({ ...finding, related: [{ range: { start: 0, end: 3 }, message: 'here' }] }, note, 'u', 1);
  assert.deepEqual(withRelated.relatedInformation, [{ location: { uri: 'u', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } } }, message: 'here' }]);
  assert.equal(toDiagnostic({ ...finding, severity: 'error' }, note, 'u', 1).severity, 1);
  assert.equal(toDiagnostic({ ...finding, severity: 'warning', unnecessary: false }, note, 'u', 1).tags, undefined);
});

test('mapOffset: exact outside the edit, clamped inside it', () => {
  const before = 'abc def ghi';
  const after = 'abc dXXef ghi';
  assert.equal(mapOffset(before, after, 2), 2);
  assert.equal(mapOffset(before, after, 12), 10); // in the unchanged tail
  assert.equal(mapOffset(before, after, 13), 11);
  assert.ok(mapOffset(before, after, 6) <= 5);
  assert.equal(mapOffset('same', 'same', 3), 3);
});

test('minimalEdit: one edit over the changed span, never splitting CRLF or surrogates', () => {
  const note = parseNote('a\r\nb 🙂 c\r\n');
  const e = minimalEdit(note.lines, note.text, 'a\r\nb 🙃 c\r\n')!;
  assert.equal(applyTextEdits(note.text, [e]), 'a\r\nb 🙃 c\r\n');
  assert.equal(e.newText, '🙃');
  assert.equal(minimalEdit(note.lines, note.text, note.text), undefined);
  const crlf = parseNote('x\r\ny');
  const e2 = minimalEdit(crlf.lines, crlf.text, 'x\ny')!;
  assert.equal(applyTextEdits(crlf.text, [e2]), 'x\ny');
});

test('which documents are notes: *.visit.md, include-matched Markdown, the language ID', () => {
  const cfg = { config: { ...RECOMMENDED, include: ['visits/**/*.md'], ignore: ['visits/drafts'] }, file: '/w/.visitnotes.yaml' };
  assert.ok(isNoteDocument('file:///w/visits/2026/a.md', 'markdown', cfg));
  assert.ok(!isNoteDocument('file:///w/README.md', 'markdown', cfg));
  assert.ok(isNoteDocument('file:///w/README.visit.md', 'markdown', cfg));
  assert.ok(isNoteDocument('untitled:Untitled-1', 'visitnotes', cfg));
  assert.ok(!isNoteDocument('file:///w/visits/drafts/b.md', 'markdown', cfg));
  assert.ok(!isNoteDocument('file:///w/node_modules/x/a.visit.md', 'markdown', cfg));
});

test('normalizeGoalId accepts G4, g4, [G4] and 4; rejects the rest', () => {
  for (const x of ['G4', 'g4', '[G4]', '4', ' G4 ']) assert.equal(normalizeGoalId(x), 'G4');
  for (const x of ['G0', 'G1000', 'goal', 'G4a', '']) assert.equal(normalizeGoalId(x), undefined);
});

test('readSettings reads both shapes and keeps defaults', () => {
  assert.equal(readSettings(undefined).inlayHints.enabled, true);
  assert.equal(readSettings({ visitNotes: { inlayHints: { enabled: false } } }).inlayHints.enabled, false);
  assert.equal(readSettings({ inlayHints: { enabled: false } }).inlayHints.enabled, false);
  assert.equal(readSettings({ 'visitNotes.inlayHints.enabled': false }).inlayHints.enabled, false);
});

test('the bundled medication list: several hundred generics, brands map to one generic', () => {
  assert.ok(medicationNames().length >= 300, `${medicationNames().length} medications`);
  const brands = new Map<string, string>();
  const generics = new Set(medicationNames().map((m) => m.name.toLowerCase()));
  assert.equal(generics.size, medicationNames().length, 'generic names are unique');
  for (const m of medicationNames()) {
    assert.ok(m.class, `${m.name} has a class`);
    for (const b of m.brands) {
      assert.ok(!brands.has(b.toLowerCase()), `${b} maps to one generic`);
      brands.set(b.toLowerCase(), m.name);
    }
  }
  assert.deepEqual(matchMedications('Zoloft').map((x) => [x.medication.name, x.viaBrand]), [['Sertraline', 'Zoloft']]);
  assert.deepEqual(matchMedications('sert').map((x) => x.medication.name), ['Sertindole', 'Sertraline']);
  for (const name of ['Lithium', 'Clozapine', 'Buprenorphine', 'Lisdexamfetamine', 'Metformin', 'Levothyroxine']) {
    assert.ok(generics.has(name.toLowerCase()), name);
  }
});

test('a rationale links goals only as rationale-goal-link suggests: never a goal marked met or dropped', async () => {
  const { provideCodeActions } = await import('../../server/src/lsp/code-actions.ts');
  const { Analysis } = await import('../../server/src/lsp/documents.ts');
  const { PROBLEMS } = await import('./notes.ts');
  const token = { isCancellationRequested: false, onCancellationRequested: () => ({ dispose() {} }) };
  const titles = (text: string) => {
    const a = new Analysis('file:///n.visit.md', 1, text, { config: RECOMMENDED, file: undefined, generation: 0 }, true);
    const diagnostics = a.diagnostics.filter((d) => d.code === 'rationale-goal-link');
    const range = diagnostics[0]!.range;
    return provideCodeActions(a, { textDocument: { uri: a.uri }, range, context: { diagnostics } }, { documentChanges: false }, token).map((x) => x.title);
  };
  // Open goals: the rule's suggestions, one per goal.
  assert.deepEqual(titles(PROBLEMS).filter((t) => t.startsWith('Link goal')).map((t) => t.slice(0, 14)), ['Link goal [G1]', 'Link goal [G2]']);
  // Every goal met or dropped: nothing to link (the editor used to offer them anyway).
  const ended = PROBLEMS.replace('on Thursdays.', 'on Thursdays. (met: back since March)').replace('on Saturdays.', 'on Saturdays. (dropped: her sister moved away)');
  assert.deepEqual(titles(ended).filter((t) => t.startsWith('Link goal')), []);
});

test('disableForLine adds the rule to a directive already above the line', async () => {
  const { disableForLine } = await import('../../server/src/lsp/code-actions.ts');
  const text = '## Story\n<!-- visitnotes-disable-next-line phi -->\nA line.\n';
  const note = parseNote(text);
  const d = { range: { start: { line: 2, character: 0 }, end: { line: 2, character: 7 } }, message: '' };
  const fix = disableForLine(note, d, 'story-clinical-jargon')!;
  const e = fix.edits[0]!;
  assert.equal(text.slice(0, e.range.start) + e.newText + text.slice(e.range.end), '## Story\n<!-- visitnotes-disable-next-line phi, story-clinical-jargon -->\nA line.\n');
  assert.equal(disableForLine(note, d, 'phi'), undefined, 'already disabled there');
});
