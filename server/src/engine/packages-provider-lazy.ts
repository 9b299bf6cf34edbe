/**
 * packages-provider.ts for the bundles (scripts/bundle-options.mjs substitutes this
 * file): each package is required on first use. esbuild wraps a package loaded by
 * `require` in a lazy initialiser, so it is not evaluated until something needs it.
 */
import type ignore from 'ignore';
import type picomatch from 'picomatch';
import type * as Yaml from 'yaml';

declare const require: (id: string) => unknown;

let yaml: typeof Yaml | undefined;
let glob: typeof picomatch | undefined;
let gitignore: typeof ignore | undefined;

export function getYaml(): typeof Yaml {
  yaml ??= require('yaml') as typeof Yaml;
  return yaml;
}

export function getPicomatch(): typeof picomatch {
  glob ??= require('picomatch') as typeof picomatch;
  return glob;
}

export function getIgnore(): typeof ignore {
  gitignore ??= require('ignore') as typeof ignore;
  return gitignore;
}
