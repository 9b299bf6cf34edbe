/**
 * dist/api.js: what `import ... from 'visit-notes'` gives (the package's
 * `exports`). Only the public API; its types are generated from api/index.ts
 * into dist/api.d.ts.
 */
export { lintFiles, lintText, loadConfigFor } from './core.ts';
