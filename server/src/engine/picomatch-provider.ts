/**
 * Where the engine gets picomatch from. This module loads it with the engine;
 * the bundles (scripts/bundle-options.mjs, `lazyRemark`) use
 * picomatch-provider-lazy.ts instead, which loads it on first use: only a config
 * with `include` or `ignore` globs needs it (config/match.ts), and initialising
 * it costs a cold CLI run a millisecond or two.
 */
import picomatch from 'picomatch';

export function getPicomatch(): typeof picomatch {
  return picomatch;
}
