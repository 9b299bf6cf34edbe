/**
 * Where the engine gets the `ignore` package (`.gitignore` patterns) from. This
 * module loads it with the engine; the bundles (scripts/bundle-options.mjs,
 * `lazyRemark`) use ignore-provider-lazy.ts instead, which loads it on first use:
 * only a folder walk or a glob meets a `.gitignore`, never a note named on the
 * command line.
 */
import ignore from 'ignore';

export function getIgnore(): typeof ignore {
  return ignore;
}
