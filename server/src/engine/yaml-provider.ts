/**
 * Where the engine gets the `yaml` package from. This module loads it with the
 * engine; the bundles (scripts/bundle-options.mjs, `lazyRemark`) use
 * yaml-provider-lazy.ts instead, which loads it on first use: a typical note's
 * front matter is read without it (model/front-matter-simple.ts), and a run
 * without a config file never parses YAML, while initialising the package costs
 * a cold CLI run a few milliseconds.
 */
import * as yaml from 'yaml';

export function getYaml(): typeof yaml {
  return yaml;
}
