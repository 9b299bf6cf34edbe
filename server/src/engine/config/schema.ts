/**
 * The JSON Schema of `.visitnotes.yaml|yml|json`, built from the rule modules
 * (their IDs, descriptions and option schemas) so the schema cannot drift from
 * the rules. `schemas/visitnotes.schema.json` is this object written out by
 * `node scripts/gen-schema.mjs` (a test checks the file is current); editors use
 * the file, the loader validates against the object built here.
 *
 * Everything is inlined (no `$ref`): editors show each property's own help, and
 * validation errors keep a schema path that says which branch of an `anyOf` they
 * came from, which validate.ts needs to word messages well.
 */
import { RULES } from '../rules/index.ts';
import type { Rule } from '../rules/types.ts';
import { BUILTIN_VOCABULARY, VOCABULARY_NAMES } from '../vocabulary/index.ts';
import { PRESETS } from './presets.ts';

export const SCHEMA_ID = 'https://raw.githubusercontent.com/visit-notes/visit-notes/main/schemas/visitnotes.schema.json';
export const SEVERITY_SETTINGS = ['error', 'warning', 'info', 'off'] as const;
export const VISIT_GROUPINGS = ['patient', 'folder'] as const;
/** Top-level keys, in the order docs and `--print-config` use. */
export const CONFIG_KEYS = [
  '$schema',
  'extends',
  'include',
  'ignore',
  'defaultTemplate',
  'templates',
  'rules',
  'vocabulary',
  'visits',
] as const;
export const TEMPLATE_KEYS = ['extends', 'description', 'sections', 'ordered', 'medicationFields'] as const;
export const SECTION_KEYS = ['name', 'required', 'aliases', 'minWords', 'description'] as const;

export type JsonSchema = Record<string, unknown>;

/** A rule's one-line description (every rule has one: test/rules/fixtures.test.ts checks). */
export function ruleDescription(rule: Rule<unknown>): string {
  return rule.description.trim() || rule.id;
}

/** Non-blank text. (A pattern rather than `minLength`: the precompiled validator then needs no ajv runtime.) */
export const NON_BLANK = '\\S';
/** A glob: non-blank, and no `!` negation (picomatch would read `!x` as "everything but x"). */
export const GLOB_PATTERN = '^\\s*[^!\\s]';

const text = (description?: string): JsonSchema => ({ type: 'string', pattern: NON_BLANK, ...(description ? { description } : {}) });

const stringList = (description: string, itemDescription?: string): JsonSchema => ({
  type: 'array',
  description,
  items: text(itemDescription),
});

const globList = (description: string, itemDescription: string): JsonSchema => ({
  type: 'array',
  description,
  items: { type: 'string', pattern: GLOB_PATTERN, description: itemDescription },
});

function severitySchema(description: string): JsonSchema {
  return {
    type: 'string',
    description,
    enum: [...SEVERITY_SETTINGS],
    enumDescriptions: [
      'Reported as an error: `visitnotes lint` exits 1.',
      'Reported as a warning (counts towards `--max-warnings`).',
      'Reported as information: a prompt, never a failure.',
      'Not checked at all.',
    ],
  };
}

/** The option properties a rule accepts: its `optionsSchema`, else inferred from `defaultOptions`. */
export function ruleOptionProperties(rule: Rule<unknown>): { properties: Record<string, JsonSchema>; additional: unknown } {
  const declared = rule.optionsSchema as { properties?: Record<string, JsonSchema>; additionalProperties?: unknown } | undefined;
  if (declared?.properties) {
    return { properties: declared.properties, additional: declared.additionalProperties ?? false };
  }
  const properties: Record<string, JsonSchema> = {};
  for (const [key, value] of Object.entries((rule.defaultOptions ?? {}) as Record<string, unknown>)) {
    properties[key] = inferSchema(value, `Option of ${rule.id} (default ${JSON.stringify(value)}).`);
  }
  return { properties, additional: declared?.additionalProperties ?? false };
}

function inferSchema(value: unknown, description: string): JsonSchema {
  if (typeof value === 'boolean') return { type: 'boolean', description };
  if (typeof value === 'number') return { type: 'number', description };
  if (typeof value === 'string') return { type: 'string', description };
  if (Array.isArray(value)) {
    const first = value[0];
    return { type: 'array', description, ...(typeof first === 'string' || value.length === 0 ? { items: { type: 'string' } } : {}) };
  }
  return { description };
}

function ruleSchema(rule: Rule<unknown>): JsonSchema {
  const description = `${ruleDescription(rule)} Default: ${rule.defaultSeverity}.`;
  const { properties, additional } = ruleOptionProperties(rule);
  const defaults = (rule.defaultOptions ?? {}) as Record<string, unknown>;
  const optionProps: Record<string, JsonSchema> = {};
  for (const [key, schema] of Object.entries(properties)) {
    optionProps[key] = key in defaults && !('default' in schema) ? { ...schema, default: defaults[key] } : schema;
  }
  return {
    description,
    anyOf: [
      severitySchema(description),
      {
        type: 'object',
        description: `${description} As a mapping: \`severity\` plus the rule's options.`,
        properties: {
          severity: severitySchema('How findings of this rule are reported; omitted: the level from `extends`, else the rule’s default.'),
          ...optionProps,
        },
        additionalProperties: additional,
      },
    ],
  };
}

const SECTION_SCHEMA: JsonSchema = {
  description: 'A section: its heading text (required), or a mapping with `name` and more.',
  anyOf: [
    text('The section heading (a level-2 `##` heading); required.'),
    {
      type: 'object',
      description: 'A section with its settings.',
      required: ['name'],
      properties: {
        name: text('The section heading (a level-2 `##` heading), e.g. `Safety`.'),
        required: { type: 'boolean', description: 'Whether `required-section` reports it when missing. Default true.' },
        aliases: stringList(
          'Other headings accepted for this section, e.g. `Narrative` for `Story` (matched ignoring case and trailing punctuation).',
        ),
        minWords: {
          type: 'integer',
          minimum: 0,
          description: 'Fewest words before `empty-section` is satisfied. Default 1.',
        },
        description: { type: 'string', description: 'What belongs in the section: shown in hovers and completions.' },
      },
      additionalProperties: false,
    },
  ],
};

const TEMPLATE_SCHEMA: JsonSchema = {
  type: 'object',
  description:
    'A note template: which sections a note has, in which order, and which medication fields each entry needs. Redefining an existing template updates it field by field.',
  properties: {
    extends: {
      type: 'string',
      pattern: NON_BLANK,
      description: 'Another template to start from (its sections, order and fields), e.g. `follow-up`.',
      examples: ['follow-up', 'intake', '4p-formulation'],
    },
    description: { type: 'string', description: 'Shown when choosing a template (new-note command, completions).' },
    sections: {
      type: 'array',
      description: 'The sections, in order. A plain name is a required section; replaces the sections of the template it builds on.',
      items: SECTION_SCHEMA,
    },
    ordered: { type: 'boolean', description: 'Whether `section-order` checks the order of sections. Default true.' },
    medicationFields: stringList(
      'Fields every medication entry must carry (`- Rationale: ...`). Default: Rationale, Meaning.',
      'A field name, e.g. `Plan`.',
    ),
  },
  additionalProperties: false,
};

/** The config file's JSON Schema (draft-07, which ajv and the common editors support). */
export function buildConfigSchema(rules: readonly Rule<unknown>[] = RULES): JsonSchema {
  const presets = Object.keys(PRESETS);
  const extendsEntry: JsonSchema = {
    type: 'string',
    pattern: NON_BLANK,
    description: `A built-in preset (${presets.join(', ')}) or a path to another config file relative to this one (\`./base.yaml\`).`,
    examples: [...presets, './base.yaml', '../shared/.visitnotes.yaml'],
  };
  const vocabularyProps: Record<string, JsonSchema> = {};
  for (const name of VOCABULARY_NAMES) {
    vocabularyProps[name] = {
      type: 'object',
      description: `${BUILTIN_VOCABULARY[name].description} Add or remove terms.`,
      properties: {
        add: stringList('Terms to add to the built-in list.'),
        remove: stringList('Built-in terms to drop (matched ignoring case).'),
      },
      additionalProperties: false,
    };
  }
  const ruleProps: Record<string, JsonSchema> = {};
  for (const rule of rules) ruleProps[rule.id] = ruleSchema(rule);

  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: SCHEMA_ID,
    title: 'Visit Notes config',
    description:
      'Config for Visit Notes (`.visitnotes.yaml`, `.visitnotes.yml` or `.visitnotes.json`): the nearest file above a note applies. Declarative only: it can never run code.',
    type: 'object',
    properties: {
      $schema: { type: 'string', description: 'The JSON Schema for editor validation and completion.' },
      extends: {
        description: `Presets or files this config builds on, applied in order, then this file. Without \`extends\` a config builds on \`recommended\`; \`[]\` starts from nothing.`,
        anyOf: [extendsEntry, { type: 'array', description: 'Several presets or files, applied in order.', items: extendsEntry }],
      },
      include: globList(
        'Globs of further `.md` files to treat as notes (every `*.visit.md` already is), relative to this file’s folder.',
        'A glob, e.g. `notes/**/*.md`.',
      ),
      ignore: globList(
        'Globs of files or folders that are never notes, relative to this file’s folder (wins over `include` and `*.visit.md`).',
        'A glob, e.g. `drafts/**`.',
      ),
      defaultTemplate: {
        type: 'string',
        pattern: NON_BLANK,
        description: 'The template for notes whose front matter names none. Default `follow-up`.',
        examples: ['follow-up', 'intake', '4p-formulation'],
      },
      templates: {
        type: 'object',
        description: 'Note templates by name. The built-in ones (follow-up, intake, 4p-formulation) are there unless `extends: []`.',
        additionalProperties: TEMPLATE_SCHEMA,
      },
      rules: {
        type: 'object',
        description: 'Rule levels and options by rule ID: `error`, `warning`, `info`, `off`, or a mapping with `severity` and options.',
        properties: ruleProps,
        additionalProperties: false,
      },
      vocabulary: {
        type: 'object',
        description: 'Additions to and removals from the built-in term lists the rules use.',
        properties: vocabularyProps,
        additionalProperties: false,
      },
      visits: {
        type: 'object',
        description: 'How notes are grouped into one course of care across visits (continuity rules, timeline).',
        properties: {
          groupBy: {
            type: 'string',
            enum: [...VISIT_GROUPINGS],
            enumDescriptions: ['By the front matter `patient` value (default).', 'One folder per patient.'],
            description: 'Group visits by front matter `patient` (default) or by folder.',
          },
        },
        additionalProperties: false,
      },
    },
    additionalProperties: false,
  };
}

let cachedSchema: JsonSchema | undefined;
/** The schema for the engine's own rules, built once. */
export function configSchema(): JsonSchema {
  return (cachedSchema ??= buildConfigSchema());
}
