/**
 * engine-loader.ts as dist/extension.cjs has it (scripts/build.mjs swaps it in):
 * the engine, the preview renderer and the export come from dist/visitnotes.js,
 * the language server's bundle, which the VSIX ships anyway. An ES module,
 * loaded with import() from this CommonJS bundle the first time a preview,
 * an early lint or a command needs the engine (never at activation).
 */
type Core = typeof import('../../server/src/bundle/core.ts');

/** A specifier esbuild leaves alone: resolved at run time, beside dist/extension.cjs. */
const SERVER_BUNDLE = './visitnotes.js';
let core: Promise<Core> | undefined;
const load = () => (core ??= import(SERVER_BUNDLE) as Promise<Core>);

export const loadEngineModule = () => load().then((c) => c.loadEngineModule());
export const loadPreviewRender = () => load().then((c) => c.loadPreviewRender());
export const loadPreviewExport = () => load().then((c) => c.loadPreviewExport());
