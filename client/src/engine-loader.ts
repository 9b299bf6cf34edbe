/**
 * Where the desktop extension gets the engine, the preview renderer and the
 * export from, on first use. From source (tests, tsx) these are the modules
 * themselves. The build swaps this file for engine-loader-bundled.ts, which
 * takes them from the language server's bundle beside the extension
 * (dist/visitnotes.js), so the VSIX carries the engine once for the desktop.
 */
export const loadEngineModule = () => import('../../server/src/engine/index.ts');
export const loadPreviewRender = () => import('../../server/src/preview/render.ts');
export const loadPreviewExport = () => import('../../server/src/preview/export.ts');
