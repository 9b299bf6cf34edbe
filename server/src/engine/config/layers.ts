/**
 * A config is the merge of its layers: presets and files reached through
 * `extends` (depth first), then the file itself. load.ts collects the layers
 * from files; this module expands presets and merges.
 */
import { didYouMean } from '../rules/util.ts';
import { ConfigError, throwProblems } from './errors.ts';
import { suggest } from './messages.ts';
import { PRESETS } from './presets.ts';
import { emptyConfig, mergeConfig, toList } from './resolve.ts';
import type { RawConfig, ResolvedConfig } from './types.ts';
import { errorAt, type ParsedConfigFile } from './validate.ts';

/** One step of the merge: `preset:<name>` or a config file's absolute path. */
export interface Layer {
  id: string;
  raw: RawConfig;
  parsed?: ParsedConfigFile;
}

/**
 * Merges the layers in order (a preset or file reached twice applies once, at
 * its first place) and checks what only the merged config can tell: template
 * `extends` and the default template. Throws ConfigError.
 */
export function mergeLayers(layers: readonly Layer[]): { config: ResolvedConfig; unique: Layer[] } {
  const seen = new Set<string>();
  const unique = layers.filter((l) => !seen.has(l.id) && seen.add(l.id));
  const top = unique[unique.length - 1]!.parsed!;
  let config = emptyConfig();
  let defaultBy: Layer | undefined;
  for (const layer of unique) {
    if (layer.parsed) throwProblems(templateErrors(layer.parsed, config));
    config = mergeConfig(config, layer.raw, layer.parsed?.file);
    if (layer.raw.defaultTemplate !== undefined) defaultBy = layer;
  }
  if (!config.templates[config.defaultTemplate]) {
    const names = Object.keys(config.templates);
    const known = names.length ? `; templates are ${names.join(', ')}` : '; no templates are defined';
    if (defaultBy?.parsed) {
      const s = suggest(config.defaultTemplate, names);
      throw errorAt(
        defaultBy.parsed,
        ['defaultTemplate'],
        `no template by that name${s ? ` (did you mean "${s}"?)` : ''}${known}`,
      );
    }
    throw errorAt(
      top,
      top.raw.extends !== undefined ? ['extends'] : [],
      `there is no "${config.defaultTemplate}" template to use by default (this config starts from nothing)${known}; set defaultTemplate`,
    );
  }
  return { config, unique };
}

export function presetLayers(name: string, seen: string[] = []): Layer[] {
  if (seen.includes(name)) return [];
  const preset = PRESETS[name]!;
  const parents = toList(preset.extends).flatMap((p) => presetLayers(p, [...seen, name]));
  return [...parents, { id: `preset:${name}`, raw: preset }];
}

export function unknownPresetMessage(name: string): string {
  const presets = Object.keys(PRESETS);
  const s = suggest(name, presets);
  return `unknown preset${s ? ` (did you mean "${s}"?)` : ''}; presets are ${presets.join(', ')}; to extend a file, write its path starting with ./ or ../`;
}

/** Template `extends` must name a template defined before or in this layer, without cycles. */
function templateErrors(parsed: ParsedConfigFile, base: ResolvedConfig): ConfigError[] {
  const layer = parsed.raw.templates ?? {};
  const errors: ConfigError[] = [];
  const names = [...new Set([...Object.keys(base.templates), ...Object.keys(layer)])];
  for (const [name, t] of Object.entries(layer)) {
    const parent = t.extends;
    if (parent === undefined) continue;
    const keyPath = ['templates', name, 'extends'];
    if (parent === name) {
      if (!base.templates[name]) errors.push(errorAt(parsed, keyPath, 'there is no earlier template of this name to build on'));
      continue;
    }
    if (!Object.hasOwn(layer, parent) && !base.templates[parent]) {
      const s = suggest(parent, names.filter((n) => n !== name)) ?? didYouMean(parent, names)[0];
      errors.push(errorAt(parsed, keyPath, `no template by that name${s ? ` (did you mean "${s}"?)` : ''}; templates are ${names.join(', ')}`));
      continue;
    }
    // Follow extends within this layer: does it come back to `name`?
    const loop = [name];
    let cur = parent;
    while (Object.hasOwn(layer, cur) && cur !== loop[loop.length - 1] && !loop.includes(cur)) {
      loop.push(cur);
      const next = layer[cur]!.extends;
      if (next === undefined || next === cur) break;
      cur = next;
    }
    if (cur === name) errors.push(errorAt(parsed, keyPath, `templates extend each other in a circle: ${[...loop, name].join(' → ')}`));
  }
  return errors;
}
