/**
 * The snippets in snippets/ stay in step with the built-in templates: each whole-note
 * snippet, with its tab stops filled by their defaults, is a note whose sections are
 * the template's, in order, and which parses with a goal and a medication.
 */
import { test } from 'vitest';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BUILTIN_TEMPLATES, lintText } from '../server/src/engine/index.ts';

const root = path.resolve(import.meta.dirname, '..');
const snippets = JSON.parse(readFileSync(path.join(root, 'snippets/visitnote.code-snippets'), 'utf8')) as Record<
  string,
  { prefix: string[]; body: string[]; description: string }
>;

/** Expands a snippet body the way VS Code would if you accepted every default. */
function expand(body: string[]): string {
  return body
    .join('\n')
    .replace(/\$\{CURRENT_YEAR\}-\$\{CURRENT_MONTH\}-\$\{CURRENT_DATE\}/g, '2026-11-20')
    .replace(/\$\{\d+\|([^,|]+)[^|]*\|\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\d+/g, '');
}

const byTemplate: Record<string, string> = {
  'follow-up': 'Follow-up visit note',
  intake: 'Intake visit note',
  '4p-formulation': '4P formulation note',
};

for (const [template, name] of Object.entries(byTemplate)) {
  test(`snippet "${name}" has the sections of template ${template}, in order`, () => {
    const snippet = snippets[name];
    assert.ok(snippet, name);
    const text = expand(snippet.body);
    const { note, findings } = lintText(text);
    const expected = (BUILTIN_TEMPLATES[template]!.sections ?? []).map((s) => (typeof s === 'string' ? s : s.name));
    assert.deepEqual(note.sections.map((s) => s.title), expected);
    assert.equal(note.goals.length, 1);
    assert.equal(note.medications.length, 1);
    assert.equal(note.medications[0]!.change, 'continue');
    const structural = findings.filter((f) =>
      ['frontmatter', 'required-section', 'section-order', 'goal-id', 'undefined-goal', 'rationale-goal-link', 'medication-fields', 'duplicate-section'].includes(f.ruleId),
    );
    assert.deepEqual(structural.map((f) => `${f.ruleId}: ${f.message}`), []);
  });
}

test('the seven meaning prompts, a medication entry and a goal are there', () => {
  const prefixes = new Set(Object.values(snippets).flatMap((s) => s.prefix));
  for (const p of [
    'med',
    'goal',
    'meaning-affect',
    'meaning-avoidance',
    'meaning-past-experience',
    'meaning-patterns',
    'meaning-interpersonal',
    'meaning-therapeutic-relationship',
    'meaning-wishes-fears',
  ]) {
    assert.ok(prefixes.has(p), p);
  }
  for (const s of Object.values(snippets)) assert.ok(s.description.length > 10);
});

test('every prompt snippet writes a known medication field', () => {
  for (const [name, s] of Object.entries(snippets)) {
    if (!name.startsWith('Meaning prompt')) continue;
    assert.match(s.body[0]!, /^- (Meaning|Ambivalence|Concerns|Hopes and fears|Family history): /, name);
  }
});

test('the in-depth medication entry and the Decision line parse as known fields that count as meaning', () => {
  const entry = expand(snippets['Medication entry, in depth']!.body);
  const text = `---\npatient: R.M.\ndate: 2026-11-20\n---\n\n## Goals\n- [G1] Coach the team.\n\n## Medication meaning\n${entry}\n`;
  const { note, findings } = lintText(text);
  assert.deepEqual(
    note.medications[0]!.fields.map((f) => f.name),
    ['Change', 'Rationale', 'Meaning', 'Ambivalence', 'Hopes and fears', 'Family history', 'Decision', 'Plan'],
  );
  assert.deepEqual(findings.filter((f) => f.ruleId === 'medication-fields'), []);
  assert.match(expand(snippets['Decision']!.body), /^- Decision: we agreed /);
  assert.ok(Object.values(snippets).some((s) => s.prefix.includes('meaning-family-history')));
});
