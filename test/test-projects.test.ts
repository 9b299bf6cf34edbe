/**
 * The vitest projects (vitest.config.ts) split the suites by folder: every test
 * file outside test/vscode/ (mocha, inside VS Code) runs in exactly one project,
 * so none is silently left out or run twice, and the projects CI and
 * CONTRIBUTING.md name exist.
 */
import { test } from 'vitest';
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { PROJECTS } from '../vitest.config.ts';

const root = path.resolve(import.meta.dirname, '..');

function testFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir)).flatMap((name) => {
    const rel = `${dir}/${name}`;
    if (rel === 'test/vscode' || rel === 'test/fixtures') return [];
    return statSync(path.join(root, rel)).isDirectory() ? testFiles(rel) : rel.endsWith('.test.ts') ? [rel] : [];
  });
}

test('every test file outside test/vscode/ belongs to exactly one project', () => {
  const projects = PROJECTS.map((p) => ({ name: p.test.name, matches: picomatch(p.test.include) }));
  const files = testFiles('test');
  assert.ok(files.length > 50, `found only ${files.length} test files`);
  for (const file of files) {
    assert.deepEqual(projects.filter((p) => p.matches(file)).length, 1, `${file}: in ${projects.filter((p) => p.matches(file)).map((p) => p.name).join(', ') || 'no project'}`);
  }
  assert.ok(!projects.some((p) => p.matches('test/vscode/suite/commands.test.ts')), 'the in-host mocha suites stay out');
});

test('the projects named in CONTRIBUTING.md exist', () => {
  const names = PROJECTS.map((p) => p.test.name);
  for (const name of ['engine', 'cli', 'lsp', 'extension-unit', 'visits', 'bench']) assert.ok(names.includes(name), name);
  assert.equal(new Set(names).size, names.length, 'project names are unique');
});
