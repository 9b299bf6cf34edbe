/** dist/lint-worker.js: the module piscina loads in each worker thread (see cli/lint/pool.ts). */
export { lintInWorker as default } from './core.ts';
