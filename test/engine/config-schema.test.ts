/**
 * The config JSON Schema (schemas/visitnotes.schema.json), the precompiled
 * validator, and `printConfig`.
 */
import { test } from 'vitest';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { ValidateFunction } from 'ajv';
import {
  buildConfigSchema,
  configToJson,
  loadConfigFor,
  printConfig,
  RECOMMENDED,
  RULES,
  validateConfigText,
} from '../../server/src/engine/index.ts';
import { generatedFiles } from '../../server/src/engine/config/schema-gen.ts';
import { runtimeSchema } from '../../server/src/engine/config/schema-runtime.ts';
import { BUILTIN_VOCABULARY, VOCABULARY_NAMES } from '../../server/src/engine/vocabulary/index.ts';
import * as precompiled from '../../server/src/engine/config/schema-validator.generated.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FIXTURES = path.join(ROOT, 'test/fixtures/config');
const require = createRequire(import.meta.url);
const Ajv = require('ajv').default as typeof import('ajv').default;

/** The rule IDs the format contract fixes. */
const CONTRACT_RULES = [
  'frontmatter',
  'required-section',
  'empty-section',
  'duplicate-section',
  'section-order',
  'goal-id',
  'undefined-goal',
  'unlinked-goal',
  'rationale-goal-link',
  'medication-fields',
  'goal-symptom-framed',
  'story-clinical-jargon',
  'countertransference-reflection',
  'countertransference-prescribing',
  'phi',
];

type Schema = Record<string, any>;
const schema = buildConfigSchema() as Schema;

test('the checked-in schema and the generated validator are current (else: node scripts/gen-schema.mjs, or npm run build)', () => {
  for (const [rel, text] of Object.entries(generatedFiles())) {
    const current = readFileSync(path.join(ROOT, rel), 'utf8');
    assert.ok(current === text, `${rel} is out of date: run node scripts/gen-schema.mjs`);
  }
  assert.equal(precompiled.SCHEMA_HASH, runtimeSchema().hash);
});

test('the schema compiles in ajv strict mode (draft-07) and has an $id', () => {
  const ajv = new Ajv({ strict: true, allErrors: true });
  ajv.addKeyword('enumDescriptions');
  ajv.compile(schema);
  assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
  assert.match(schema.$id, /^https:\/\/.+\/schemas\/visitnotes\.schema\.json$/);
  assert.ok(schema.title && schema.description);
});

test('every property has a description, so editors show help', () => {
  const missing: string[] = [];
  const walk = (s: unknown, where: string): void => {
    if (!s || typeof s !== 'object') return;
    const node = s as Schema;
    for (const [key, sub] of Object.entries((node.properties ?? {}) as Record<string, Schema>)) {
      if (!sub.description) missing.push(`${where}.${key}`);
      walk(sub, `${where}.${key}`);
    }
    if (node.additionalProperties && typeof node.additionalProperties === 'object') {
      if (!node.additionalProperties.description) missing.push(`${where}.*`);
      walk(node.additionalProperties, `${where}.*`);
    }
    if (node.items) walk(node.items, `${where}[]`);
    for (const branch of node.anyOf ?? []) walk(branch, where);
  };
  walk(schema, '');
  assert.deepEqual(missing, []);
});

test('typos are caught: no additional properties at the top, in templates, sections, rules, vocabulary', () => {
  assert.equal(schema.additionalProperties, false);
  assert.equal(schema.properties.templates.additionalProperties.additionalProperties, false);
  const section = schema.properties.templates.additionalProperties.properties.sections.items.anyOf[1];
  assert.equal(section.additionalProperties, false);
  assert.deepEqual(section.required, ['name']);
  assert.equal(schema.properties.rules.additionalProperties, false);
  assert.equal(schema.properties.vocabulary.additionalProperties, false);
  assert.equal(schema.properties.visits.additionalProperties, false);
});

test('rules: exactly the engine’s rules (every contract rule among them), each a severity or {severity, ...options}', () => {
  const ids = Object.keys(schema.properties.rules.properties);
  assert.deepEqual(ids, RULES.map((r) => r.id));
  for (const id of CONTRACT_RULES) assert.ok(ids.includes(id), `schema lacks rule ${id}`);
  for (const id of ids) {
    const rule = schema.properties.rules.properties[id];
    assert.ok(!/TODO/.test(rule.description), `${id} has a placeholder description`);
    assert.deepEqual(rule.anyOf[0].enum, ['error', 'warning', 'info', 'off']);
    assert.equal(rule.anyOf[1].type, 'object');
    assert.ok(rule.anyOf[1].properties.severity);
  }
  // A rule's optionsSchema is merged in, with its defaults.
  const sectionOrder = schema.properties.rules.properties['section-order'].anyOf[1].properties;
  assert.equal(sectionOrder.normalizeHeadings.type, 'boolean');
  assert.equal(sectionOrder.normalizeHeadings.default, true);
});

test('vocabulary: the five lists, each with add/remove', () => {
  assert.deepEqual(Object.keys(schema.properties.vocabulary.properties), [...VOCABULARY_NAMES]);
  assert.deepEqual([...VOCABULARY_NAMES].sort(), Object.keys(BUILTIN_VOCABULARY).sort());
  for (const name of VOCABULARY_NAMES) {
    assert.deepEqual(Object.keys(schema.properties.vocabulary.properties[name].properties), ['add', 'remove']);
  }
});

test('the precompiled validator and a fresh ajv compile agree', () => {
  const live: ValidateFunction = new Ajv({ allErrors: true, strict: false }).compile(runtimeSchema().schema);
  const samples: unknown[] = [
    {},
    { rules: { phi: 'warn', 'section-order': { normalizeHeading: true } } },
    { extends: ['strict', 3], include: 'x', ignore: ['!a', ''] },
    { templates: { a: { sections: ['Story', { aliases: [] }, 4], ordered: 'no' } } },
    { vocabulary: { symptom: {}, jargon: { add: 'x' } }, visits: { groupBy: 'x' } },
    [],
  ];
  const strip = (errors: ValidateFunction['errors']) => (errors ?? []).map((e) => `${e.instancePath} ${e.schemaPath} ${e.keyword}`).sort();
  for (const sample of samples) {
    assert.equal(precompiled.validate(sample), live(sample), JSON.stringify(sample));
    assert.deepEqual(strip(precompiled.validate.errors), strip(live.errors), JSON.stringify(sample));
  }
});

test('printConfig: stable JSON with every rule, template and key; itself a valid config', async () => {
  const configs = [
    await loadConfigFor(path.join(FIXTURES, 'extends/multiple/n.visit.md'), { stopAt: FIXTURES }),
    await loadConfigFor(path.join(FIXTURES, 'templates/n.visit.md'), { stopAt: FIXTURES }),
    { config: RECOMMENDED, file: undefined },
  ];
  for (const loaded of configs) {
    const text = printConfig(loaded);
    assert.equal(text, printConfig(loaded), 'stable');
    assert.ok(text.endsWith('}\n'));
    const json = JSON.parse(text);
    assert.deepEqual(Object.keys(json), [
      'file',
      'layers',
      'extends',
      'include',
      'ignore',
      'defaultTemplate',
      'templates',
      'rules',
      'vocabulary',
      'visits',
    ]);
    assert.deepEqual(Object.keys(json.rules), RULES.map((r) => r.id));
    const { file, layers, ...asConfig } = json;
    void file;
    void layers;
    const problems = await validateConfigText(JSON.stringify(asConfig, null, 2), '/printed/.visitnotes.json');
    assert.deepEqual(problems.map((p) => p.format()), []);
  }
  const multiple = configToJson(configs[0]!);
  assert.equal(multiple.file, path.join(FIXTURES, 'extends/multiple/.visitnotes.yaml'));
  assert.equal(multiple.defaultTemplate, 'clinic');
  const severityOf = (r: unknown) => (typeof r === 'string' ? r : (r as { severity: string }).severity);
  assert.equal(severityOf(multiple.rules.phi), 'error');
  assert.deepEqual(multiple.rules['empty-section'], { severity: 'warning', otherSections: false });
  assert.deepEqual(multiple.vocabulary, { jargon: { add: [], remove: ['decompensated'] } });
  assert.deepEqual(multiple.ignore, ['drafts']);
  assert.deepEqual(multiple.visits, { groupBy: 'patient' });
  const none = configToJson(configs[2]!);
  assert.equal(none.file, null);
  assert.deepEqual(none.layers, ['preset:recommended']);
  assert.deepEqual(Object.keys(none.templates), ['follow-up', 'intake', '4p-formulation']);
});

test('every YAML example in docs/config.md is a valid config', async () => {
  const doc = readFileSync(path.join(ROOT, 'docs/config.md'), 'utf8');
  const blocks = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
  assert.ok(blocks.length >= 8);
  for (const block of blocks) {
    // Relative `extends` would need the files; the examples' shape is what is checked here.
    const problems = await validateConfigText(block, '/docs/.visitnotes.yaml');
    assert.deepEqual(problems.map((p) => p.format()), [], block);
  }
});
