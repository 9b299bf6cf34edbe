/**
 * Where the engine gets yaml, picomatch and ignore from. This module loads them
 * with the engine; the bundles (scripts/bundle-options.mjs, `lazyProviders`) use
 * packages-provider-lazy.ts instead, which loads each on first use, as
 * remark-provider-lazy.ts does remark: initialising them costs a cold CLI run a
 * few milliseconds, and a typical run needs none of them —
 * - yaml: a typical note's front matter is read without it
 *   (model/front-matter-simple.ts), and only a config file or other front matter needs it;
 * - picomatch: only a config's `include` or `ignore` globs (config/match.ts);
 * - ignore: only a `.gitignore` met by a folder walk or a glob, never a note named
 *   on the command line.
 */
import ignore from 'ignore';
import picomatch from 'picomatch';
import * as yaml from 'yaml';

export const getYaml = (): typeof yaml => yaml;
export const getPicomatch = (): typeof picomatch => picomatch;
export const getIgnore = (): typeof ignore => ignore;
