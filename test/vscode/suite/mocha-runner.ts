/**
 * Runs compiled mocha test files inside the VS Code extension host. Each entry
 * module (index.ts, cold-start.ts) exports `run()`, which VS Code calls when
 * started with `extensionTestsPath`; its promise decides the exit code.
 */
import path from 'node:path';

// mocha stays external (resolved from the repository's node_modules). Its entry is
// ESM re-exporting a CommonJS build: require() gives the namespace (Node ≥ 20.19).
const mochaModule = require('mocha') as { default?: typeof import('mocha') } & typeof import('mocha');
const Mocha = mochaModule.default ?? mochaModule;

export function runMocha(dir: string, files: string[], timeout = 30000): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout, reporter: 'spec' });
  for (const f of files) mocha.addFile(path.join(dir, f));
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} test(s) failed`)) : resolve()));
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}
