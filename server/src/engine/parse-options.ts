/** How a config reads notes, cached per resolved config. */
import { sectionResolver } from './config/resolve.ts';
import { sectionGuesser } from './config/section-guess.ts';
import type { ResolvedConfig } from './config/types.ts';
import type { ParseOptions } from './parse.ts';

const parseOptions = new WeakMap<ResolvedConfig, ParseOptions>();

/**
 * How a config reads notes: its section names and aliases, what an unknown
 * heading probably means, and which identifiers to mask (the `phi` options).
 */
export function parseOptionsFor(config: ResolvedConfig): ParseOptions {
  let options = parseOptions.get(config);
  if (!options) {
    const phi = (config.rules.phi?.options ?? {}) as { ignore?: unknown; allow?: unknown };
    const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);
    options = {
      resolveSection: sectionResolver(config),
      guessSection: sectionGuesser(config),
      identifiers: { ignore: list(phi.ignore), allow: list(phi.allow) },
    };
    parseOptions.set(config, options);
  }
  return options;
}
