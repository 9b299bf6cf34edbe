/**
 * Where the desktop extension gets the engine from, on first use (its early
 * diagnostics). From source (tests, tsx) these are the modules
 * themselves. The build swaps this file for engine-loader-bundled.ts, which
 * takes them from the language server's bundle beside the extension
 * (dist/visitnotes.js), so the VSIX carries the engine once for the desktop.
 */
export const loadEngineModule = () => import('../../server/src/engine/index.ts');
export const loadDiagnosticConversion = () => import('../../server/src/lsp/to-diagnostic.ts');
