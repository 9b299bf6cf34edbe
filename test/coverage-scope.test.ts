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
/** Activation clocks, each imported only by its entry (the desktop and the browser build). */
const ONLY_IMPORTED_BY_THE_ENTRY: Record<string, string> = {
  'client/src/load-start.ts': 'client/src/extension.ts',
  'client/src/web/load-start.ts': 'client/src/web/extension.ts',
};

function modules(dir: string): string[] {
  return readdirSync(path.join(root, dir)).flatMap((name) => {
    const rel = `${dir}/${name}`;
    return statSync(path.join(root, rel)).isDirectory() ? modules(rel) : rel.endsWith('.ts') && !rel.endsWith('.d.ts') ? [rel] : [];
  });
}

test('coverage excludes exactly the client modules that need the extension host', () => {
  const excluded = picomatch(VSCODE_HOST_ONLY);
  const client = modules('client/src');
  const importsVscode = (rel: string) => /\bfrom\s+['"]vscode['"]/.test(readFileSync(path.join(root, rel), 'utf8'));
  const hostOnly = client.filter((rel) => importsVscode(rel) || rel in ONLY_IMPORTED_BY_THE_ENTRY).sort();
  assert.deepEqual(client.filter((rel) => excluded(rel)).sort(), hostOnly);
  for (const [rel, entry] of Object.entries(ONLY_IMPORTED_BY_THE_ENTRY)) {
    const importers = client.filter((other) => {
      const source = readFileSync(path.join(root, other), 'utf8');
      return [...source.matchAll(/from\s+['"](\.{1,2}\/[^'"]+)['"]/g)].some((m) => path.posix.join(path.posix.dirname(other), m[1]!) === rel);
    });
    assert.deepEqual(importers, [entry], `${rel} is imported only by ${entry}`);
  }
  assert.ok(client.some((rel) => !excluded(rel)), 'some client code is measured');
});
