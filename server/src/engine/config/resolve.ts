/**
 * Merging: presets and `extends` are applied first, then the file's own keys.
 * Pure functions over already-parsed RawConfig objects; loading files and
 * validating them lives in load.ts.
 */
import { normalizeSectionKey } from '../model/note.ts';
import { PRESETS } from './presets.ts';
import type {
  RawConfig,
  RawRuleSetting,
  RawTemplate,
  ResolvedConfig,
  ResolvedRuleSetting,
  ResolvedSection,
  ResolvedTemplate,
} from './types.ts';

/** An empty config before anything is merged in. */
function emptyConfig(): ResolvedConfig {
  return { sources: [], include: [], ignore: [], templates: {}, defaultTemplate: 'follow-up', rules: {}, vocabulary: {} };
}

/** Merge `layer` over `base` (the later layer wins per key). */
export function mergeConfig(base: ResolvedConfig, layer: RawConfig, source?: string): ResolvedConfig {
  const out: ResolvedConfig = {
    sources: source ? [...base.sources, source] : [...base.sources],
    include: [...base.include, ...(layer.include ?? [])],
    ignore: [...base.ignore, ...(layer.ignore ?? [])],
    templates: { ...base.templates },
    defaultTemplate: layer.defaultTemplate ?? base.defaultTemplate,
    rules: { ...base.rules },
    vocabulary: { ...base.vocabulary },
  };
  for (const [name, raw] of Object.entries(layer.templates ?? {})) {
    out.templates[name] = resolveTemplate(name, raw, out.templates);
  }
  for (const [id, setting] of Object.entries(layer.rules ?? {})) {
    out.rules[id] = mergeRule(out.rules[id], setting);
  }
  for (const [name, change] of Object.entries(layer.vocabulary ?? {})) {
    const prev = out.vocabulary[name as keyof ResolvedConfig['vocabulary']] ?? { add: [], remove: [] };
    out.vocabulary[name as keyof ResolvedConfig['vocabulary']] = {
      add: [...prev.add, ...(change?.add ?? [])],
      remove: [...prev.remove, ...(change?.remove ?? [])],
    };
  }
  return out;
}

function mergeRule(prev: ResolvedRuleSetting | undefined, setting: RawRuleSetting): ResolvedRuleSetting {
  if (typeof setting === 'string') return { severity: setting, options: { ...(prev?.options ?? {}) } };
  const { severity, ...options } = setting;
  return { severity: severity ?? prev?.severity, options: { ...(prev?.options ?? {}), ...options } };
}

export function resolveTemplate(
  name: string,
  raw: RawTemplate,
  known: Record<string, ResolvedTemplate>,
): ResolvedTemplate {
  const parent = raw.extends ? known[raw.extends] : undefined;
  const sections: ResolvedSection[] = raw.sections
    ? raw.sections.map((s) =>
        typeof s === 'string'
          ? { name: s, required: true, aliases: [], minWords: 1, description: undefined }
          : {
              name: s.name,
              required: s.required ?? true,
              aliases: s.aliases ?? [],
              minWords: s.minWords ?? 1,
              description: s.description,
            },
      )
    : (parent?.sections ?? []).map((s) => ({ ...s }));
  return {
    name,
    description: raw.description ?? parent?.description,
    sections,
    ordered: raw.ordered ?? parent?.ordered ?? true,
    medicationFields: raw.medicationFields ?? parent?.medicationFields ?? ['Rationale', 'Meaning'],
  };
}

/**
 * Resolves a preset by name, following its own `extends` chain.
 * Throws on an unknown name; load.ts turns that into a located config error.
 */
export function resolvePreset(name: string, seen: string[] = []): ResolvedConfig {
  const preset = PRESETS[name];
  if (!preset) throw new Error(`unknown preset "${name}"`);
  if (seen.includes(name)) throw new Error(`preset "${name}" extends itself`);
  let base = emptyConfig();
  for (const parent of toList(preset.extends)) base = resolvePreset(parent, [...seen, name]);
  return mergeConfig(base, preset);
}

export function toList(x: string | string[] | undefined): string[] {
  return x === undefined ? [] : Array.isArray(x) ? x : [x];
}

/** What applies when no config file is found. */
export const RECOMMENDED: ResolvedConfig = resolvePreset('recommended');

/** The template a note uses: its front matter `template`, else the config default. */
export function templateFor(config: ResolvedConfig, requested: unknown): ResolvedTemplate {
  if (typeof requested === 'string' && config.templates[requested]) return config.templates[requested]!;
  return (
    config.templates[config.defaultTemplate] ??
    config.templates['follow-up'] ??
    RECOMMENDED.templates['follow-up']!
  );
}

const resolvers = new WeakMap<ResolvedConfig, (key: string) => string | undefined>();

/**
 * Heading key → section name, across every template of the config, so the note
 * can be parsed before its front matter picks a template.
 */
export function sectionResolver(config: ResolvedConfig): (key: string) => string | undefined {
  let r = resolvers.get(config);
  if (r) return r;
  const map = new Map<string, string>();
  // The default template first so its names and aliases win any clash.
  const ordered = [config.templates[config.defaultTemplate], ...Object.values(config.templates)];
  for (const t of ordered) {
    for (const s of t?.sections ?? []) {
      for (const n of [s.name, ...s.aliases]) {
        const k = normalizeSectionKey(n);
        if (!map.has(k)) map.set(k, s.name);
      }
    }
  }
  r = (key: string) => map.get(key);
  resolvers.set(config, r);
  return r;
}
