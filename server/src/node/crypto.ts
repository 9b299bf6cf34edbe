/**
 * `node:crypto` on first use rather than at import: loading it costs ~6 ms of a cold
 * CLI run, and a plain lint (no --cache, --fix or --shard, no earlier visits to
 * digest) never needs it. A static import would load it with the module that names
 * it, since the CLI bundle starts every module it reaches.
 * (`process.getBuiltinModule`: Node 20.16+; `engines` asks for 20.19.)
 */
export function nodeCrypto(): typeof import('node:crypto') {
  return process.getBuiltinModule('node:crypto');
}
