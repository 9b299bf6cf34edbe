/**
 * engine-loader.ts as dist/extension.cjs has it (scripts/build.mjs swaps it in):
 * the engine comes from dist/visitnotes.js,
 * the language server's bundle, which the VSIX ships anyway. An ES module,
 * loaded with import() from this CommonJS bundle the first time an early
 * lint needs the engine (never at activation).
 */
type Core = typeof import('../../server/src/bundle/core.ts');

/** A specifier esbuild leaves alone: resolved at run time, beside dist/extension.cjs. */
const SERVER_BUNDLE = './visitnotes.js';
let core: Promise<Core> | undefined;
const load = () => (core ??= import(SERVER_BUNDLE) as Promise<Core>);

export const loadEngineModule = () => load().then((c) => c.loadEngineModule());
export const loadDiagnosticConversion = () => load().then((c) => c.loadDiagnosticConversion());
