/**
 * picomatch-provider.ts for the bundles (scripts/bundle-options.mjs substitutes
 * this file): picomatch is required on first use, when a config's `include` or
 * `ignore` globs are compiled.
 */
import type picomatch from 'picomatch';

declare const require: (id: string) => unknown;

let loaded: typeof picomatch | undefined;

export function getPicomatch(): typeof picomatch {
  loaded ??= require('picomatch') as typeof picomatch;
  return loaded;
}
