/**
 * `visitnotes --print-config <file>`: the config that applies, after presets,
 * `extends` and the file's own keys are merged, as stable, readable JSON.
 * Every rule is listed with its effective severity and options (defaults
 * included), in the order of the rule list. Apart from `file` and `layers`,
 * the output has the shape of a config file (with `extends: []`, since
 * everything is spelled out), so it can be copied into one.
 */
import { RULES, RULES_BY_ID } from '../rules/index.ts';
import { VOCABULARY_NAMES } from '../vocabulary/index.ts';
import type { LoadedConfig } from './load.ts';
import type { ResolvedConfig, ResolvedTemplate } from './types.ts';

export interface PrintedConfig {
  file: string | null;
  layers: string[];
  extends: [];
  include: string[];
  ignore: string[];
  defaultTemplate: string;
  templates: Record<string, unknown>;
  rules: Record<string, unknown>;
  vocabulary: Record<string, { add: string[]; remove: string[] }>;
  visits: { groupBy: string };
}

/** The resolved config as a plain object (what printConfig serializes). */
export function configToJson(loaded: LoadedConfig): PrintedConfig {
  const config: ResolvedConfig = loaded.config;
  const rules: Record<string, unknown> = {};
  const ids = [...RULES.map((r) => r.id), ...Object.keys(config.rules).filter((id) => !RULES_BY_ID.has(id)).sort()];
  for (const id of ids) {
    const rule = RULES_BY_ID.get(id);
    const setting = config.rules[id];
    const severity = setting?.severity ?? rule?.defaultSeverity ?? 'off';
    const options = { ...((rule?.defaultOptions ?? {}) as Record<string, unknown>), ...(setting?.options ?? {}) };
    rules[id] = Object.keys(options).length ? { severity, ...sortKeys(options) } : severity;
  }
  const templates: Record<string, unknown> = {};
  for (const [name, t] of Object.entries(config.templates)) templates[name] = templateToJson(t);
  const vocabulary: PrintedConfig['vocabulary'] = {};
  for (const name of VOCABULARY_NAMES) {
    const v = config.vocabulary[name];
    if (v && (v.add.length || v.remove.length)) vocabulary[name] = { add: [...v.add], remove: [...v.remove] };
  }
  return {
    file: loaded.file ?? null,
    layers: loaded.layers ?? (loaded.file ? [...config.sources] : ['preset:recommended']),
    extends: [],
    include: [...config.include],
    ignore: [...config.ignore],
    defaultTemplate: config.defaultTemplate,
    templates,
    rules,
    vocabulary,
    visits: { groupBy: config.visits?.groupBy ?? 'patient' },
  };
}

function templateToJson(t: ResolvedTemplate): Record<string, unknown> {
  return {
    ...(t.description !== undefined ? { description: t.description } : {}),
    ordered: t.ordered,
    medicationFields: [...t.medicationFields],
    sections: t.sections.map((s) => ({
      name: s.name,
      required: s.required,
      aliases: [...s.aliases],
      minWords: s.minWords,
      ...(s.description !== undefined ? { description: s.description } : {}),
    })),
  };
}

function sortKeys(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
}

/** Stable, human-readable JSON (two-space indent, trailing newline) of the resolved config. */
export function printConfig(loaded: LoadedConfig): string {
  return `${JSON.stringify(configToJson(loaded), null, 2)}\n`;
}
