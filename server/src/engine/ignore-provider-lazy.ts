/**
 * ignore-provider.ts for the bundles (scripts/bundle-options.mjs substitutes this
 * file): `ignore` is required when the first `.gitignore` is read.
 */
import type ignore from 'ignore';

declare const require: (id: string) => unknown;

let loaded: typeof ignore | undefined;

export function getIgnore(): typeof ignore {
  loaded ??= require('ignore') as typeof ignore;
  return loaded;
}
