/**
 * Every kind of config problem: exact file, line, column and key, and wording a
 * clinician can act on. Never a stack trace, never anything but ConfigError.
 */
import { test } from 'vitest';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ConfigError,
  loadConfigFor,
  MAX_ALIAS_COUNT,
  parseConfigText,
  RECOMMENDED,
  validateConfigText,
} from '../../server/src/engine/index.ts';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/config');
const fx = (...p: string[]) => path.join(FIXTURES, ...p);
const FILE = '/program/.visitnotes.yaml';

/** Loads `text` as /program/.visitnotes.yaml (plus `others`) and returns every problem, formatted. */
async function problems(text: string, others: Record<string, string> = {}, file = FILE): Promise<string[]> {
  const files: Record<string, string> = { [file]: text, ...others };
  try {
    await loadConfigFor('/program/notes/a.visit.md', { readFile: async (f) => files[f] });
  } catch (err) {
    assert.ok(err instanceof ConfigError, `expected a ConfigError, got ${err instanceof Error ? err.stack : String(err)}`);
    assert.equal(err.formatAll(), err.problems.map((p) => p.format()).join('\n'));
    return err.problems.map((p) => p.format());
  }
  return [];
}

async function problem(text: string, others: Record<string, string> = {}, file = FILE): Promise<string> {
  const all = await problems(text, others, file);
  assert.equal(all.length, 1, `expected one problem, got:\n${all.join('\n')}`);
  return all[0]!;
}

test('severity typo: did you mean, at the value', async () => {
  assert.equal(
    await problem('rules:\n  phi: warn\n'),
    `${FILE}:2:8: rules.phi: severity must be one of error, warning, info, off (got text; did you mean "warning"?)`,
  );
  assert.equal(
    await problem('rules:\n  phi: Error\n'),
    `${FILE}:2:8: rules.phi: severity must be one of error, warning, info, off (got text; did you mean "error"?)`,
  );
  assert.equal(
    await problem('rules:\n  phi: { severity: none }\n'),
    `${FILE}:2:20: rules.phi.severity: severity must be one of error, warning, info, off (got text; did you mean "off"?)`,
  );
  assert.equal(
    await problem('rules:\n  phi: loud\n'),
    `${FILE}:2:8: rules.phi: severity must be one of error, warning, info, off (got text)`,
  );
});

test('ESLint habits: numbers, booleans and arrays as severities', async () => {
  assert.equal(
    await problem('rules:\n  phi: 2\n'),
    `${FILE}:2:8: rules.phi: must be a severity (error, warning, info, off) or a mapping with severity and options (got a number; did you mean "error"?)`,
  );
  assert.equal(
    await problem('rules:\n  phi: false\n'),
    `${FILE}:2:8: rules.phi: must be a severity (error, warning, info, off) or a mapping with severity and options (got true or false; did you mean "off"?)`,
  );
  assert.equal(
    await problem('rules:\n  phi: [error, {}]\n'),
    `${FILE}:2:8: rules.phi: must be a severity (error, warning, info, off) or a mapping with severity and options (got a list; write a mapping instead, e.g. { severity: warning, ... })`,
  );
  assert.equal(
    await problem('rules:\n  phi:\n  goal-id: error\n'),
    `${FILE}:2:3: rules.phi: must be a severity (error, warning, info, off) or a mapping with severity and options (got nothing)`,
  );
});

test('unknown rule: did you mean; else the list of rules', async () => {
  assert.equal(
    await problem('rules:\n  rationale-goal-links: error\n'),
    `${FILE}:2:3: rules.rationale-goal-links: unknown rule (did you mean "rationale-goal-link"?)`,
  );
  assert.equal(
    await problem('rules:\n  Phi: error\n'),
    `${FILE}:2:3: rules.Phi: unknown rule (did you mean "phi"?)`,
  );
  const none = await problem('rules:\n  no-such-thing: off\n');
  assert.match(none, /^\/program\/\.visitnotes\.yaml:2:3: rules\.no-such-thing: unknown rule; rules are frontmatter, required-section, /);
  assert.match(none, /countertransference-prescribing, phi/);
});

test('unknown rule option: did you mean, and what the rule takes', async () => {
  assert.equal(
    await problem('rules:\n  section-order: { severity: info, normalizeHeading: true }\n'),
    `${FILE}:2:36: rules.section-order.normalizeHeading: unknown option (did you mean "normalizeHeadings"?); section-order takes severity, normalizeHeadings`,
  );
  assert.equal(
    await problem('rules:\n  required-section:\n    level: error\n'),
    `${FILE}:3:5: rules.required-section.level: unknown option; required-section takes no options besides severity`,
  );
  assert.equal(
    await problem('rules:\n  section-order: { normalizeHeadings: "yes" }\n'),
    `${FILE}:2:39: rules.section-order.normalizeHeadings: must be true or false (got text)`,
  );
});

test('unknown top-level setting, vocabulary and template keys', async () => {
  assert.equal(
    await problem('rule:\n  phi: error\n'),
    `${FILE}:1:1: rule: unknown setting (did you mean "rules"?); settings are extends, include, ignore, defaultTemplate, templates, rules, vocabulary, visits`,
  );
  assert.equal(
    await problem('vocabulary:\n  symptom:\n    add: [x]\n'),
    `${FILE}:2:3: vocabulary.symptom: unknown vocabulary (did you mean "symptoms"?); vocabularies are symptoms, diagnoses, jargon, formulaic, pressure, medications`,
  );
  assert.equal(
    await problem('vocabulary:\n  jargon: { added: [x] }\n'),
    `${FILE}:2:13: vocabulary.jargon.added: unknown key (did you mean "add"?); use add and remove`,
  );
  assert.equal(
    await problem('templates:\n  clinic:\n    section: [Story]\n'),
    `${FILE}:3:5: templates.clinic.section: unknown template setting (did you mean "sections"?); templates take extends, description, sections, ordered, medicationFields`,
  );
  assert.equal(
    await problem('templates:\n  clinic:\n    sections:\n      - { name: Safety, alias: [Risk] }\n'),
    `${FILE}:4:25: templates.clinic.sections[0].alias: unknown section setting (did you mean "aliases"?); sections take name, required, aliases, minWords, description`,
  );
  assert.equal(
    await problem('visits:\n  groupby: folder\n'),
    `${FILE}:2:3: visits.groupby: unknown setting (did you mean "groupBy"?); visits takes groupBy`,
  );
});

test('wrong types and values, each at its own key', async () => {
  assert.equal(
    await problem('include: "notes/**/*.md"\n'),
    `${FILE}:1:10: include: must be a list of globs (got text; write it as a list: [ ... ])`,
  );
  assert.equal(await problem('ignore: [drafts, 3]\n'), `${FILE}:1:18: ignore[1]: each entry must be text (got a number)`);
  assert.equal(
    await problem('ignore: ["!keep.md"]\n'),
    `${FILE}:1:10: ignore[0]: negated globs ("!...") are not supported: list what to add in include and what to leave out in ignore`,
  );
  assert.equal(await problem('include: ["  "]\n'), `${FILE}:1:11: include[0]: must not be empty`);
  assert.equal(
    await problem('templates:\n  clinic:\n    sections: [Story, { name: Plan, minWords: -1 }]\n'),
    `${FILE}:3:47: templates.clinic.sections[1].minWords: must be at least 0 (got a number)`,
  );
  assert.equal(
    await problem('templates:\n  clinic:\n    sections: [Story, { aliases: [Risk] }]\n'),
    `${FILE}:3:23: templates.clinic.sections[1]: a section written as a mapping needs a "name"`,
  );
  assert.equal(
    await problem('templates:\n  clinic:\n    sections: [Story, 42]\n'),
    `${FILE}:3:23: templates.clinic.sections[1]: must be a section name or a mapping with a "name" (got a number)`,
  );
  assert.equal(
    await problem('templates:\n  clinic:\n    ordered: sometimes\n'),
    `${FILE}:3:14: templates.clinic.ordered: must be true or false (got text)`,
  );
  assert.equal(
    await problem('templates:\n  clinic: [Story, Goals]\n'),
    `${FILE}:2:11: templates.clinic: must be a mapping (key: value) (got a list)`,
  );
  assert.equal(
    await problem('visits:\n  groupBy: patients\n'),
    `${FILE}:2:12: visits.groupBy: must be one of patient, folder (got text; did you mean "patient"?)`,
  );
  assert.equal(
    await problem('extends: 3\n'),
    `${FILE}:1:10: extends: must be a preset name or a file path, or a list of them (got a number)`,
  );
  assert.equal(await problem('defaultTemplate: [intake]\n'), `${FILE}:1:18: defaultTemplate: must be text (got a list)`);
});

test('every problem of a file is reported at once, in file order', async () => {
  const all = await problems('rules:\n  phi: warn\n  goal-idd: error\nrule: {}\nvocabulary:\n  jargon: { add: x }\n');
  assert.deepEqual(all, [
    `${FILE}:2:8: rules.phi: severity must be one of error, warning, info, off (got text; did you mean "warning"?)`,
    `${FILE}:3:3: rules.goal-idd: unknown rule (did you mean "goal-id"?)`,
    `${FILE}:4:1: rule: unknown setting (did you mean "rules"?); settings are extends, include, ignore, defaultTemplate, templates, rules, vocabulary, visits`,
    `${FILE}:6:18: vocabulary.jargon.add: must be a list (got text; write it as a list: [ ... ])`,
  ]);
});

test('defaultTemplate naming an undefined template', async () => {
  assert.equal(
    await problem('defaultTemplate: folowup\n'),
    `${FILE}:1:18: defaultTemplate: no template by that name (did you mean "follow-up"?); templates are follow-up, intake, 4p-formulation`,
  );
  // A template defined in the same file counts.
  assert.deepEqual(await problems('defaultTemplate: clinic\ntemplates:\n  clinic: { extends: intake }\n'), []);
  // With extends: [] there is no follow-up to fall back on.
  assert.equal(
    await problem('extends: []\ntemplates:\n  brief: { sections: [Story] }\n'),
    `${FILE}:1:10: extends: there is no "follow-up" template to use by default (this config starts from nothing); templates are brief; set defaultTemplate`,
  );
});

test('template extends: unknown name, circle, itself without an earlier definition', async () => {
  assert.equal(
    await problem('templates:\n  clinic: { extends: intak }\n'),
    `${FILE}:2:22: templates.clinic.extends: no template by that name (did you mean "intake"?); templates are follow-up, intake, 4p-formulation, clinic`,
  );
  assert.deepEqual(await problems('templates:\n  a: { extends: b }\n  b: { extends: a }\n'), [
    `${FILE}:2:17: templates.a.extends: templates extend each other in a circle: a → b → a`,
    `${FILE}:3:17: templates.b.extends: templates extend each other in a circle: b → a → b`,
  ]);
  assert.equal(
    await problem('templates:\n  mine: { extends: mine }\n'),
    `${FILE}:2:20: templates.mine.extends: there is no earlier template of this name to build on`,
  );
  // Extending the inherited definition of the same name is fine.
  assert.deepEqual(await problems('templates:\n  intake: { extends: intake, ordered: false }\n'), []);
});

test('malformed YAML: at the YAML error’s own line and column', async () => {
  const [first] = await problems('rules:\n  phi: error\n  goal-id: [error\n');
  assert.match(first!, /^\/program\/\.visitnotes\.yaml:4:1: invalid YAML: /);
  assert.equal(
    await problem('rules:\n  phi: error\n  phi: off\n'),
    `${FILE}:3:3: invalid YAML: a key is written twice`,
  );
  assert.match(await problem('rules: {phi: error}\n---\nrules: {}\n'), /^\/program\/\.visitnotes\.yaml:2:1: invalid YAML: only one YAML document is allowed/);
  // A fixture on disk, through the file system.
  await assert.rejects(
    loadConfigFor(fx('invalid/bad-yaml/n.visit.md'), { stopAt: FIXTURES }),
    (err: unknown) => err instanceof ConfigError && err.file === fx('invalid/bad-yaml/.visitnotes.yaml') && err.line === 4 && err.column === 1,
  );
});

test('JSON config: errors located the same way, tabs and all', async () => {
  const json = '{\n\t"rules": {\n\t\t"phi": "warn"\n\t}\n}\n';
  assert.equal(
    await problem(json, {}, '/program/.visitnotes.json'),
    `/program/.visitnotes.json:3:10: rules.phi: severity must be one of error, warning, info, off (got text; did you mean "warning"?)`,
  );
  assert.match(await problem('{ "rules": { "phi": "error" }\n', {}, '/program/.visitnotes.json'), /^\/program\/\.visitnotes\.json:\d+:\d+: invalid YAML: /);
});

test('alias bomb: refused, bounded, located at the first alias', async () => {
  const started = Date.now();
  await assert.rejects(loadConfigFor(fx('invalid/alias-bomb/n.visit.md'), { stopAt: FIXTURES }), (err: unknown) => {
    assert.ok(err instanceof ConfigError);
    assert.equal(err.file, fx('invalid/alias-bomb/.visitnotes.yaml'));
    assert.equal(err.line, 2);
    assert.equal(err.column, 8);
    assert.match(err.message, new RegExp(`too many YAML aliases .*more than ${MAX_ALIAS_COUNT}.*alias bomb`));
    return true;
  });
  assert.ok(Date.now() - started < 2000, 'an alias bomb must not take long');
  // Ordinary anchors and aliases (and merge keys) are fine.
  const text = 'templates:\n  a: &base\n    ordered: false\n  b:\n    <<: *base\n    description: B\n';
  assert.deepEqual(await problems(text), []);
});

test('empty file, comments only: no keys, so recommended', async () => {
  for (const dir of ['invalid/empty', 'invalid/comments-only']) {
    const l = await loadConfigFor(fx(dir, 'n.visit.md'), { stopAt: FIXTURES });
    assert.equal(l.file, fx(dir, '.visitnotes.yaml'));
    assert.deepEqual(l.config.templates, RECOMMENDED.templates);
    assert.deepEqual(l.config.rules, RECOMMENDED.rules);
    assert.equal(l.config.defaultTemplate, 'follow-up');
  }
  // A top-level key left empty (everything under it commented out) is the same as absent.
  assert.deepEqual(await problems('rules:\n  # phi: error\ninclude:\n'), []);
});

test('a list or a bare value instead of a mapping', async () => {
  await assert.rejects(loadConfigFor(fx('invalid/list/n.visit.md'), { stopAt: FIXTURES }), (err: unknown) => {
    assert.ok(err instanceof ConfigError);
    assert.equal(
      err.format(),
      `${fx('invalid/list/.visitnotes.yaml')}:1:1: the config must be a mapping of settings (like \`rules:\` and \`templates:\`), not a list`,
    );
    return true;
  });
  assert.equal(
    await problem('just some text\n'),
    `${FILE}:1:1: the config must be a mapping of settings (like \`rules:\` and \`templates:\`), not text`,
  );
});

test('the typos fixture: all problems of a real file, in order', async () => {
  const file = fx('invalid/typos/.visitnotes.yaml');
  await assert.rejects(loadConfigFor(fx('invalid/typos/n.visit.md'), { stopAt: FIXTURES }), (err: unknown) => {
    assert.ok(err instanceof ConfigError);
    assert.deepEqual(
      err.problems.map((p) => [p.line, p.column, p.key]),
      [
        [2, 1, 'rule'],
        [5, 8, 'rules.phi'],
        [6, 3, 'rules.rationale-goal-links'],
        [7, 36, 'rules.section-order.normalizeHeading'],
        [12, 9, 'templates.clinic.sections[1]'],
        [14, 3, 'vocabulary.symptom'],
      ],
    );
    assert.ok(err.problems.every((p) => p.file === file));
    return true;
  });
});

test('an error in an extended file names that file', async () => {
  const err = await problem('extends: ./base.yaml\n', { '/program/base.yaml': 'rules:\n  phi: warn\n' });
  assert.equal(err, `/program/base.yaml:2:8: rules.phi: severity must be one of error, warning, info, off (got text; did you mean "warning"?)`);
});

test('ConfigError: ranges for editors, JSON form, file-level errors without a position', async () => {
  const errors = await validateConfigText('rules:\n  phi: warn\n', FILE);
  assert.equal(errors.length, 1);
  const e = errors[0]!;
  assert.deepEqual([e.line, e.column, e.endLine, e.endColumn], [2, 8, 2, 12]);
  assert.deepEqual(e.toJSON(), {
    file: FILE,
    line: 2,
    column: 8,
    endLine: 2,
    endColumn: 12,
    key: 'rules.phi',
    message: 'severity must be one of error, warning, info, off (got text; did you mean "warning"?)',
  });
  assert.deepEqual(await validateConfigText('rules: {phi: error}\n', FILE), []);
  const syntax = await validateConfigText('rules: [\n', FILE);
  assert.ok(syntax.length >= 1 && syntax[0]!.line !== undefined);
  assert.equal(new ConfigError('cannot read the config file', FILE).format(), `${FILE}: cannot read the config file`);
});

test('parseConfigText: plain object for valid YAML; never throws anything but ConfigError', () => {
  assert.deepEqual(parseConfigText('rules:\n  phi: error\n', FILE).raw, { rules: { phi: 'error' } });
  for (const text of ['{', ']', '- - -', '!!binary x', '&a [*a]', 'a: *nope', '\t- x', '"unterminated', 'x: !!int abc', '\u0000']) {
    try {
      parseConfigText(text, FILE);
    } catch (err) {
      assert.ok(err instanceof ConfigError, `${JSON.stringify(text)} threw ${String(err)}`);
    }
  }
});
