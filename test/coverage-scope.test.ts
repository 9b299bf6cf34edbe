/**
 * Coverage leaves out only the client modules that cannot run outside VS Code's
 * extension host (vitest.config.ts, VSCODE_HOST_ONLY; listed in CONTRIBUTING.md):
 * exactly those that import `vscode`, plus the activation clock that only
 * extension.ts imports. Anything else a module could move into the list would
 * quietly drop out of the coverage numbers.
 */
import { test } from 'vitest';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { VSCODE_HOST_ONLY } from '../vitest.config.ts';

const root = path.resolve(import.meta.dirname, '..');
const ONLY_IMPORTED_BY_THE_ENTRY = ['client/src/load-start.ts'];

function modules(dir: string): string[] {
  return readdirSync(path.join(root, dir)).flatMap((name) => {
    const rel = `${dir}/${name}`;
    return statSync(path.join(root, rel)).isDirectory() ? modules(rel) : rel.endsWith('.ts') ? [rel] : [];
  });
}

test('coverage excludes exactly the client modules that need the extension host', () => {
  const excluded = picomatch(VSCODE_HOST_ONLY);
  const client = modules('client/src');
  const importsVscode = (rel: string) => /\bfrom\s+['"]vscode['"]/.test(readFileSync(path.join(root, rel), 'utf8'));
  const hostOnly = client.filter((rel) => importsVscode(rel) || ONLY_IMPORTED_BY_THE_ENTRY.includes(rel)).sort();
  assert.deepEqual(client.filter((rel) => excluded(rel)).sort(), hostOnly);
  for (const rel of ONLY_IMPORTED_BY_THE_ENTRY) {
    const base = path.basename(rel, '.ts');
    const importers = client.filter((other) => new RegExp(`from\\s+['"][./]+${base}\\.ts['"]`).test(readFileSync(path.join(root, other), 'utf8')));
    assert.deepEqual(importers, ['client/src/extension.ts'], `${rel} is imported only by the extension entry`);
  }
  assert.ok(client.some((rel) => !excluded(rel)), 'some client code is measured');
});
