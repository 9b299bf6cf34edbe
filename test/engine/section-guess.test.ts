import { test } from 'vitest';
import assert from 'node:assert/strict';
import { lintText, mergeConfig, parseWithConfig, RECOMMENDED, sectionRole, findSection, type Note } from '../../server/src/engine/index.ts';

const FM = (template?: string) => `---\npatient: A.B.\ndate: 2026-10-05\n${template ? `template: ${template}\n` : ''}---\n\n`;
const roles = (note: Note) => note.sections.map((s) => [s.title, sectionRole(s) ?? null, s.standsFor ? (s.standsFor.sure ? 'sure' : 'likely') : null]);

test('near-miss spellings and clinical headings are read as the section the note lacks', () => {
  const note = parseWithConfig(
    FM() + '## HPI\nA.\n\n## Relationship\nB.\n\n## Gaols\n- [G1] Swim.\n\n## A&P\n### Sertraline\n- Rationale: x [G1]\n\n## Counter-transference\nC.\n',
  );
  assert.deepEqual(roles(note), [
    ['HPI', 'Story', 'sure'],
    ['Relationship', 'Relationships', 'sure'],
    ['Gaols', 'Goals', 'sure'],
    ['A&P', 'Medication meaning', 'likely'],
    ['Counter-transference', 'Countertransference', 'sure'],
  ]);
  // The model reads their content as the section's: goals, medications, references.
  assert.deepEqual(note.goals.map((g) => g.id), ['G1']);
  assert.deepEqual(note.medications.map((m) => m.title), ['Sertraline']);
  assert.equal(note.goalReferences[0]!.field, 'rationale');
  assert.equal(findSection(note, 'Story')?.title, 'HPI');
});

test('a section the note has is not guessed again; the first heading claims a missing one', () => {
  const note = parseWithConfig(FM() + '## Story\nA.\n\n## HPI\nB.\n\n## Social history\nC.\n\n## Psychosocial\nD.\n');
  assert.deepEqual(roles(note), [
    ['Story', 'Story', null],
    ['HPI', null, null],
    ['Social history', 'Relationships', 'sure'],
    ['Psychosocial', null, null],
  ]);
  assert.equal(findSection(note, 'Story')?.title, 'Story');
});

test('guesses follow the note’s template: "Assessment and plan" is the intake Plan, a follow-up’s medications', () => {
  const body = '## Assessment and plan\nX.\n';
  assert.deepEqual(roles(parseWithConfig(FM() + body)), [['Assessment and plan', 'Medication meaning', 'likely']]);
  assert.deepEqual(roles(parseWithConfig(FM('intake') + '## Medication meaning\nM.\n\n' + body)), [
    ['Medication meaning', 'Medication meaning', null],
    ['Assessment and plan', 'Plan', 'likely'],
  ]);
  // `## Plan` names the intake template's Plan; in a follow-up note without medications it reads as them.
  assert.deepEqual(roles(parseWithConfig(FM() + '## Plan\nX.\n')), [['Plan', 'Medication meaning', 'likely']]);
  assert.deepEqual(roles(parseWithConfig(FM('intake') + '## Plan\nX.\n')), [['Plan', 'Plan', null]]);
});

test('not guessed: short or distant headings, several close sections, template aliases from config', () => {
  const note = parseWithConfig(FM() + '## Notes\nA.\n\n## Go\nB.\n\n## Labs\nC.\n');
  assert.deepEqual(roles(note), [
    ['Notes', null, null],
    ['Go', null, null],
    ['Labs', null, null],
  ]);
  const config = mergeConfig(RECOMMENDED, { templates: { 'follow-up': { extends: 'follow-up', sections: [{ name: 'Story', aliases: ['HPI'] }] } } });
  assert.deepEqual(roles(parseWithConfig(FM() + '## HPI\nA.\n', config)), [['HPI', 'Story', null]]);
});

test('no cascade: goals under "## Goal" are defined, so references to them are not errors', () => {
  const text = FM() + '## Goal\n- [G1] Swim on Sundays.\n\n## Medication meaning\n### Sertraline\n- Rationale: Steady mornings [G1].\n';
  const ids = lintText(text).findings.map((f) => f.ruleId);
  assert.ok(!ids.includes('undefined-goal'));
  assert.ok(!ids.includes('unlinked-goal'));
});

test('heading-style suggests the name for an optional section read from another heading', () => {
  const config = mergeConfig(RECOMMENDED, { rules: { 'heading-style': 'info' } });
  const text = FM('intake') + '## Past psychiatric history\nA.\n';
  const f = lintText(text, { config, only: ['heading-style'] }).findings;
  assert.equal(f.length, 1);
  assert.equal(f[0]!.message, 'This heading reads as the template\'s "Treatment history"; the template\'s name keeps notes uniform.');
  assert.equal(f[0]!.fix?.edits[0]!.newText, 'Treatment history');
});
