/**
 * Config discovery (nearest wins, upward), file-name precedence in one folder,
 * `extends` (presets, relative files, several, chains, cycles, missing files),
 * and how layers merge. Fixtures: test/fixtures/config/.
 */
import { test } from 'vitest';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ConfigError,
  findConfigFile,
  lintText,
  loadConfigFile,
  loadConfigFor,
  RECOMMENDED,
  templateFor,
  type LoadedConfig,
} from '../../server/src/engine/index.ts';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/config');
const fx = (...p: string[]) => path.join(FIXTURES, ...p);
/** Loads the config for a (possibly non-existent) note, never looking above the fixtures. */
const load = (...p: string[]) => loadConfigFor(fx(...p), { stopAt: FIXTURES });

async function loadError(...p: string[]): Promise<ConfigError> {
  try {
    await load(...p);
  } catch (err) {
    assert.ok(err instanceof ConfigError, `expected a ConfigError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected a ConfigError');
}

const severity = (loaded: LoadedConfig, id: string) => loaded.config.rules[id]?.severity;

test('discovery: the nearest config file above the note applies, and only it', async () => {
  const deep = await load('discovery/team/deep/er/a.visit.md');
  assert.equal(deep.file, fx('discovery/team/.visitnotes.yml'));
  assert.equal(severity(deep, 'section-order'), 'off');
  // Not merged with ../.visitnotes.yaml: nearest wins.
  assert.equal(severity(deep, 'phi'), undefined);
  assert.deepEqual(deep.layers, ['preset:recommended', fx('discovery/team/.visitnotes.yml')]);

  const other = await load('discovery/other/b.visit.md');
  assert.equal(other.file, fx('discovery/.visitnotes.yaml'));
  assert.equal(severity(other, 'phi'), 'error');
});

test('discovery: no config file at all means the built-in recommended preset', async () => {
  const none = await loadConfigFor(fx('discovery/x.visit.md'), { stopAt: fx('discovery/other'), readFile: async () => undefined });
  assert.equal(none.file, undefined);
  assert.equal(none.config, RECOMMENDED);
  // stopAt is inclusive and stops the walk.
  assert.equal(await findConfigFile(fx('discovery/team/deep/er'), undefined, fx('discovery/team/deep')), undefined);
  assert.equal(await findConfigFile(fx('discovery/team/deep/er'), undefined, fx('discovery/team')), fx('discovery/team/.visitnotes.yml'));
});

test('precedence in one folder: .yaml over .yml over .json; the losers are reported as warnings', async () => {
  const all = await load('precedence/all-three/n.visit.md');
  assert.equal(all.file, fx('precedence/all-three/.visitnotes.yaml'));
  assert.equal(severity(all, 'phi'), 'error');
  assert.deepEqual(
    all.warnings?.map((w) => w.file),
    [fx('precedence/all-three/.visitnotes.yml'), fx('precedence/all-three/.visitnotes.json')],
  );
  assert.match(all.warnings![0]!.format(), /\.visitnotes\.yml: ignored: \.visitnotes\.yaml in the same folder takes precedence/);

  const ymlJson = await load('precedence/yml-json/n.visit.md');
  assert.equal(ymlJson.file, fx('precedence/yml-json/.visitnotes.yml'));
  assert.equal(severity(ymlJson, 'phi'), 'warning');
  assert.equal(ymlJson.warnings?.length, 1);

  const json = await load('precedence/json-only/n.visit.md');
  assert.equal(json.file, fx('precedence/json-only/.visitnotes.json'));
  assert.equal(severity(json, 'phi'), 'off');
  assert.equal(json.config.defaultTemplate, 'intake');
  assert.equal(json.warnings, undefined);
});

test('extends a preset: strict, then the file', async () => {
  const l = await load('extends/preset/n.visit.md');
  assert.deepEqual(l.layers, ['preset:recommended', 'preset:strict', fx('extends/preset/.visitnotes.yaml')]);
  assert.equal(severity(l, 'phi'), 'error');
  assert.equal(severity(l, 'rationale-goal-link'), 'error');
  assert.equal(severity(l, 'section-order'), 'info'); // strict says warning; the file wins
});

test('extends a relative file: resolved from the extending file’s folder', async () => {
  const l = await load('extends/relative/n.visit.md');
  assert.deepEqual(l.layers, ['preset:recommended', fx('extends/shared/base.yaml'), fx('extends/relative/.visitnotes.yaml')]);
  assert.deepEqual(l.config.sources, [fx('extends/shared/base.yaml'), fx('extends/relative/.visitnotes.yaml')]);
  assert.equal(severity(l, 'phi'), 'warning');
  assert.deepEqual(l.config.rules['empty-section'], { severity: undefined, options: { otherSections: false } });
  assert.deepEqual(l.config.ignore, ['drafts']);
  assert.deepEqual(l.config.vocabulary.jargon, { add: ['decompensated'], remove: [] });
  const clinic = l.config.templates.clinic!;
  assert.deepEqual(clinic.sections.map((s) => s.name), ['Story', 'Goals', 'Medication meaning', 'Plan']);
  // A section named like a known one keeps its aliases.
  assert.ok(clinic.sections[0]!.aliases.includes('Narrative'));
  assert.deepEqual(clinic.sections[3]!.aliases, ['Next steps']);
  assert.equal(clinic.description, "The clinic's follow-up.");
});

test('extends several: applied in order, each preset or file once, at its first place', async () => {
  const l = await load('extends/multiple/n.visit.md');
  assert.deepEqual(l.layers, [
    'preset:recommended',
    'preset:training',
    fx('extends/shared/base.yaml'),
    'preset:strict',
    fx('extends/multiple/.visitnotes.yaml'),
  ]);
  // training sets 4p-formulation; the file sets clinic (from base.yaml).
  assert.equal(l.config.defaultTemplate, 'clinic');
  // base.yaml's implicit `recommended` did not re-apply over training.
  assert.equal(severity(l, 'goal-symptom-framed'), 'warning');
  // strict after base.yaml: strict's phi (error) over base's phi (error); unlinked-goal stays training's.
  assert.equal(severity(l, 'unlinked-goal'), 'warning');
  assert.equal(severity(l, 'section-order'), 'warning');
  // The file removes what base.yaml added.
  assert.deepEqual(l.config.vocabulary.jargon, { add: [], remove: ['decompensated'] });
});

test('extends chain: a file that extends a file that extends a preset and a file', async () => {
  const l = await load('extends/chain/n.visit.md');
  assert.deepEqual(l.layers, [
    'preset:recommended',
    'preset:training',
    fx('extends/shared/base.yaml'),
    fx('extends/chain/inner/middle.yaml'),
    fx('extends/chain/.visitnotes.yaml'),
  ]);
  assert.equal(severity(l, 'goal-id'), 'warning');
  assert.equal(severity(l, 'unlinked-goal'), 'error');
  assert.equal(l.config.defaultTemplate, '4p-formulation');
});

test('extends: [] starts from nothing', async () => {
  const l = await load('extends/none/n.visit.md');
  assert.deepEqual(l.layers, [fx('extends/none/.visitnotes.yaml')]);
  assert.deepEqual(Object.keys(l.config.templates), ['brief']);
  assert.equal(templateFor(l.config, undefined).name, 'brief');
  // No other template to inherit aliases from.
  assert.deepEqual(l.config.templates.brief!.sections.map((s) => s.aliases), [[], []]);
});

test('extends cycle: reported at the entry that closes it, with the chain', async () => {
  const err = await loadError('extends/cycle/n.visit.md');
  assert.equal(err.file, fx('extends/cycle/b.yaml'));
  assert.equal(err.line, 3);
  assert.equal(err.column, 19);
  assert.equal(err.key, 'extends[1]');
  assert.equal(err.message, 'the files extend each other in a cycle: a.yaml → b.yaml → a.yaml');
});

test('extends a missing file: located at the entry, without quoting it', async () => {
  const err = await loadError('extends/missing/n.visit.md');
  assert.equal(
    err.format(),
    `${fx('extends/missing/.visitnotes.yaml')}:3:5: extends[1]: cannot find the file to extend (paths are relative to this config file)`,
  );
});

test('extends an unknown preset: did-you-mean and the list of presets', async () => {
  const err = await loadError('extends/unknown-preset/n.visit.md');
  assert.equal(
    err.format(),
    `${fx('extends/unknown-preset/.visitnotes.yaml')}:1:10: extends: unknown preset (did you mean "recommended"?); presets are recommended, strict, training; to extend a file, write its path starting with ./ or ../`,
  );
});

test('templates: redefining one updates it field by field; extends may point forward in the same file', async () => {
  const l = await load('templates/n.visit.md');
  const followUp = l.config.templates['follow-up']!;
  assert.deepEqual(followUp.medicationFields, ['Rationale', 'Meaning', 'Plan']);
  assert.deepEqual(
    followUp.sections.map((s) => s.name),
    ['Story', 'Relationships', 'Goals', 'Medication meaning', 'Countertransference'],
  );
  assert.equal(followUp.description, RECOMMENDED.templates['follow-up']!.description);
  const crisis = l.config.templates.crisis!;
  assert.equal(crisis.ordered, false);
  assert.deepEqual(
    crisis.sections.map((s) => [s.name, s.required, s.minWords]),
    [
      ['Safety', true, 20],
      ['Story', true, 1],
      ['Relationships', false, 1],
    ],
  );
  assert.deepEqual(crisis.sections[0]!.aliases, ['Risk']);
  // Story inherits the built-in aliases and description.
  assert.ok(crisis.sections[1]!.aliases.includes('Narrative'));
  assert.ok(crisis.sections[1]!.description);
});

test('the loaded config drives linting: a template from config requires its sections', async () => {
  const l = await load('templates/n.visit.md');
  const text = '---\npatient: R.M.\ndate: 2026-01-05\ntemplate: crisis\n---\n\n## Story\n\nHe came in.\n';
  const { findings } = lintText(text, { config: l.config, only: ['required-section'] });
  assert.ok(findings.some((f) => f.ruleId === 'required-section' && /Safety/.test(f.message)));
  assert.ok(!findings.some((f) => /Relationships/.test(f.message)));
});

test('loadConfigFile: the resolved config of one file; an explicit configFile skips discovery', async () => {
  const config = await loadConfigFile(fx('extends/relative/.visitnotes.yaml'));
  assert.equal(config.rules.phi?.severity, 'warning');
  const l = await loadConfigFor(fx('discovery/other/b.visit.md'), { configFile: fx('extends/preset/.visitnotes.yaml') });
  assert.equal(l.file, fx('extends/preset/.visitnotes.yaml'));
  await assert.rejects(
    loadConfigFor(fx('discovery/other/b.visit.md'), { configFile: fx('nope/.visitnotes.yaml') }),
    (err: unknown) => err instanceof ConfigError && err.format() === `${fx('nope/.visitnotes.yaml')}: cannot read the config file (does it exist?)`,
  );
  // A chain passed in counts as files already being extended.
  await assert.rejects(
    loadConfigFile(fx('extends/relative/.visitnotes.yaml'), undefined, [fx('extends/shared/base.yaml')]),
    (err: unknown) => err instanceof ConfigError && /in a cycle/.test(err.message),
  );
});

test('a base layer removing a vocabulary term and a later layer adding it back: later wins', async () => {
  const files: Record<string, string> = {
    '/v/base.yaml': 'vocabulary:\n  symptoms:\n    remove: [Fatigue]\n    add: [brain fog]\n',
    '/v/.visitnotes.yaml': 'extends: ./base.yaml\nvocabulary:\n  symptoms:\n    add: [fatigue]\n    remove: [brain fog]\n',
  };
  const l = await loadConfigFor('/v/n.visit.md', { readFile: async (f) => files[f] });
  assert.deepEqual(l.config.vocabulary.symptoms, { add: ['fatigue'], remove: ['brain fog'] });
});

test('rules: options merge per option across layers; a bare severity keeps earlier options', async () => {
  const files: Record<string, string> = {
    '/r/base.yaml': 'rules:\n  frontmatter: { severity: warning, allowKeys: [site], requireKeys: [clinician] }\n',
    '/r/.visitnotes.yaml': 'extends: ./base.yaml\nrules:\n  frontmatter: { allowKeys: [site, supervisor] }\n',
    '/r/sub/.visitnotes.yaml': 'extends: ../.visitnotes.yaml\nrules:\n  frontmatter: error\n',
  };
  const readFile = async (f: string) => files[f];
  // Outside a repository, the workspace root bounds what may be extended (`../` from sub/).
  const l = await loadConfigFor('/r/n.visit.md', { readFile, roots: ['/r'] });
  assert.deepEqual(l.config.rules.frontmatter, {
    severity: 'warning',
    options: { allowKeys: ['site', 'supervisor'], requireKeys: ['clinician'] },
  });
  const sub = await loadConfigFor('/r/sub/n.visit.md', { readFile, roots: ['/r'] });
  assert.deepEqual(sub.config.rules.frontmatter, {
    severity: 'error',
    options: { allowKeys: ['site', 'supervisor'], requireKeys: ['clinician'] },
  });
});

test('include/ignore from all layers are a union; visits.groupBy is carried', async () => {
  const files: Record<string, string> = {
    '/u/base.yaml': 'include: ["notes/**/*.md"]\nignore: [drafts]\nvisits: { groupBy: folder }\n',
    '/u/.visitnotes.yaml': 'extends: ./base.yaml\ninclude: ["intake/*.md", "notes/**/*.md"]\nignore: [old]\n',
  };
  const l = await loadConfigFor('/u/n.visit.md', { readFile: async (f) => files[f] });
  assert.deepEqual(l.config.include, ['notes/**/*.md', 'intake/*.md']);
  assert.deepEqual(l.config.ignore, ['drafts', 'old']);
  assert.deepEqual(l.config.visits, { groupBy: 'folder' });
});
