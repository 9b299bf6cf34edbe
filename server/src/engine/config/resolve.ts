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

/** An empty config before anything is merged in (what `extends: []` starts from). */
export function emptyConfig(): ResolvedConfig {
  return { sources: [], include: [], ignore: [], templates: {}, defaultTemplate: 'follow-up', rules: {}, vocabulary: {} };
}

/** Merge `layer` over `base` (the later layer wins per key). */
export function mergeConfig(base: ResolvedConfig, layer: RawConfig, source?: string): ResolvedConfig {
  const out: ResolvedConfig = {
    sources: source ? [...base.sources, source] : [...base.sources],
    include: unique([...base.include, ...(layer.include ?? [])]),
    ignore: unique([...base.ignore, ...(layer.ignore ?? [])]),
    templates: { ...base.templates },
    defaultTemplate: layer.defaultTemplate ?? base.defaultTemplate,
    rules: { ...base.rules },
    vocabulary: { ...base.vocabulary },
  };
  // Only present when configured, so configs that never mention it stay unchanged.
  if (base.visits || layer.visits) out.visits = { groupBy: layer.visits?.groupBy ?? base.visits?.groupBy ?? 'patient' };
  resolveLayerTemplates(layer.templates ?? {}, out.templates);
  for (const [id, setting] of Object.entries(layer.rules ?? {})) {
    out.rules[id] = mergeRule(out.rules[id], setting);
  }
  for (const [name, change] of Object.entries(layer.vocabulary ?? {})) {
    const prev = out.vocabulary[name as keyof ResolvedConfig['vocabulary']] ?? { add: [], remove: [] };
    // A later layer wins: adding a term an earlier layer removed brings it back, and vice versa.
    const added = new Set((change?.add ?? []).map((t) => t.toLowerCase()));
    const removed = new Set((change?.remove ?? []).map((t) => t.toLowerCase()));
    out.vocabulary[name as keyof ResolvedConfig['vocabulary']] = {
      add: unique([...prev.add.filter((t) => !removed.has(t.toLowerCase())), ...(change?.add ?? [])]),
      remove: unique([...prev.remove.filter((t) => !added.has(t.toLowerCase())), ...(change?.remove ?? [])]),
    };
  }
  return out;
}

function unique(list: string[]): string[] {
  return [...new Set(list)];
}

function mergeRule(prev: ResolvedRuleSetting | undefined, setting: RawRuleSetting): ResolvedRuleSetting {
  if (typeof setting === 'string') return { severity: setting, options: { ...(prev?.options ?? {}) } };
  const { severity, ...options } = setting;
  return { severity: severity ?? prev?.severity, options: { ...(prev?.options ?? {}), ...options } };
}

/**
 * Resolves a layer's templates into `known` (mutated), parents first: a template
 * may extend one defined later in the same layer. `extends` naming the template
 * itself, or no `extends` on a name that already exists, builds on the inherited
 * definition of that name, so `templates: { follow-up: { medicationFields: [...] } }`
 * changes only the fields it names. Throws on a cycle (load.ts checks first and
 * reports it located).
 */
export function resolveLayerTemplates(layer: Record<string, RawTemplate>, known: Record<string, ResolvedTemplate>): void {
  const inherited = { ...known };
  const state = new Map<string, 'busy' | 'done'>();
  const visit = (name: string): void => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'busy') throw new Error(`template "${name}" extends itself through other templates`);
    state.set(name, 'busy');
    const raw = layer[name]!;
    const parentName = raw.extends ?? name;
    let parent: ResolvedTemplate | undefined;
    if (parentName !== name && Object.hasOwn(layer, parentName)) {
      visit(parentName);
      parent = known[parentName];
    } else {
      parent = parentName === name ? inherited[name] : known[parentName];
    }
    known[name] = resolveTemplate(name, raw, known, parent);
    state.set(name, 'done');
  };
  for (const name of Object.keys(layer)) visit(name);
}

export function resolveTemplate(
  name: string,
  raw: RawTemplate,
  known: Record<string, ResolvedTemplate>,
  parent: ResolvedTemplate | undefined = raw.extends ? known[raw.extends] : known[name],
): ResolvedTemplate {
  // A section named as one the parent (or any known template) has keeps that one's aliases and description.
  const like = (sectionName: string): ResolvedSection | undefined => {
    const key = normalizeSectionKey(sectionName);
    const find = (t: ResolvedTemplate | undefined) => t?.sections.find((s) => normalizeSectionKey(s.name) === key);
    return find(parent) ?? Object.values(known).map(find).find(Boolean);
  };
  const sections: ResolvedSection[] = raw.sections
    ? raw.sections.map((s) => {
        const spec = typeof s === 'string' ? { name: s } : s;
        const base = like(spec.name);
        return {
          name: spec.name,
          required: spec.required ?? true,
          aliases: spec.aliases ?? [...(base?.aliases ?? [])],
          minWords: spec.minWords ?? base?.minWords ?? 1,
          description: spec.description ?? base?.description,
        };
      })
    : (parent?.sections ?? []).map((s) => ({ ...s, aliases: [...s.aliases] }));
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
