/**
 * yaml-provider.ts for the bundles (scripts/bundle-options.mjs substitutes this
 * file): `yaml` is required on first use. esbuild wraps a package loaded by
 * `require` in a lazy initialiser, so it is not evaluated until a note or a
 * config file needs it.
 */
import type * as Yaml from 'yaml';

declare const require: (id: string) => unknown;

let yaml: typeof Yaml | undefined;

export function getYaml(): typeof Yaml {
  yaml ??= require('yaml') as typeof Yaml;
  return yaml;
}
