/**
 * Where `--format stylish` gets picocolors from. This module loads it with the
 * formatters; the CLI's bundle (scripts/bundle-options.mjs, `lazyProviders`) uses
 * colors-provider-lazy.ts instead, which loads it on first use: picocolors reads
 * `process.stdout.isTTY` as it loads, and that one read builds Node's stdout stream
 * (a dozen stream modules, and `net` for a pipe) in every run, JSON and SARIF too.
 */
import picocolors from 'picocolors';

export const getPicocolors = (): typeof picocolors => picocolors;
