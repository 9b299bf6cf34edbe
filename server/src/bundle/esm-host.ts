/**
 * dist/cli.cjs runs as a vm.Script (compile-cache.ts), which has no import() on Node 20.
 * Its loader, dist/cli-run.cjs (an ordinary CommonJS module, which has import()), lends it one here (runCli), so that code a plain
 * `lint` never runs can stay out of the CLI's bundle and come from dist/visitnotes.js
 * when a command needs it (lsp-from-esm.ts).
 */
type ImportModule = (url: string) => Promise<unknown>;

let importer: ImportModule | undefined;

export function setImportModule(f: ImportModule | undefined): void {
  importer = f;
}

/** Imports an ES module by URL through the loader's import(); fails clearly without one. */
export function importModule(url: string): Promise<unknown> {
  if (!importer) return Promise.reject(new Error('dist/cli.cjs was loaded without an ES module importer (run it through dist/cli-run.cjs)'));
  return importer(url);
}
