/**
 * A cold run loads only what it uses (issue 12, goal 4): the glob library only for an
 * argument that must be expanded, `node:crypto` only when a run hashes (--cache, earlier
 * visits) or needs random names (--fix, --cache), perf_hooks never. Loading is observed, never timed.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { collectTargets } from '../../server/src/cli/lint/files.ts';
import { CliConfigs } from '../../server/src/cli/lint/config.ts';
import { historyHash } from '../../server/src/cli/lint/keys.ts';
import type { VisitHistory, VisitSummary } from '../../server/src/engine/index.ts';
import { BIN, cleanEnv, ensureBuilt, removeProject, tempProject } from './helpers.ts';

const loaded = vi.hoisted(() => ({ tinyglobby: 0 }));
vi.mock('tinyglobby', async (importOriginal) => {
  loaded.tinyglobby++;
  return await importOriginal();
});

const NOTE = '---\npatient: P1\n---\n\n## Story\n\nText.\n';
let dir: string;
beforeAll(() => {
  ensureBuilt();
  const visit = (date: string) => NOTE.replace('patient: P1', `patient: P2\ndate: ${date}`);
  dir = tempProject({ 'a.visit.md': NOTE, 'notes/b.visit.md': NOTE, 'visits/1.visit.md': visit('2026-01-05'), 'visits/2.visit.md': visit('2026-02-02') });
});
afterAll(() => removeProject(dir));

const collect = (args: string[]) => collectTargets(args, { cwd: dir, configs: new CliConfigs(dir, undefined), noIgnore: false });

describe('the glob library', () => {
  it('is not loaded for files and folders named on the command line, and is for a glob', async () => {
    const plain = await collect(['a.visit.md', 'notes', 'visits']);
    expect(plain.files).toEqual(['a.visit.md', 'notes/b.visit.md', 'visits/1.visit.md', 'visits/2.visit.md'].map((f) => path.join(dir, f)));
    expect(loaded.tinyglobby).toBe(0);

    const globbed = await collect(['**/*.visit.md']);
    expect(globbed.files).toEqual(plain.files);
    expect(loaded.tinyglobby).toBe(1);
  });
});

/** The built-in modules a run of the built CLI loaded (`process.moduleLoadList`), with its exit code. */
function builtinsLoadedBy(args: string[]): { code: number | null; builtins: string[] } {
  const hook = path.join(dir, 'module-list.cjs');
  const out = path.join(dir, 'module-list.json');
  writeFileSync(hook, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify(process.moduleLoadList)));\n`);
  const run = spawnSync(process.execPath, ['--require', hook, BIN, ...args], { cwd: dir, env: cleanEnv(), encoding: 'utf8' });
  const list = JSON.parse(readFileSync(out, 'utf8')) as string[];
  return { code: run.status, builtins: list.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice('NativeModule '.length)) };
}

describe('node:crypto', () => {
  it('is not loaded by the lint of a note, and is by --cache and by a history to digest', () => {
    const plain = builtinsLoadedBy(['lint', 'a.visit.md', '--format', 'json']);
    expect([0, 1]).toContain(plain.code);
    expect(plain.builtins).toContain('path');
    expect(plain.builtins).not.toContain('crypto');
    // Durations come from process.hrtime: the global `performance` would load perf_hooks.
    expect(plain.builtins).not.toContain('perf_hooks');

    const cached = builtinsLoadedBy(['lint', 'a.visit.md', '--cache', '--format', 'json']);
    expect([0, 1]).toContain(cached.code);
    expect(cached.builtins).toContain('crypto');

    const course = builtinsLoadedBy(['lint', 'visits', '--format', 'json']);
    expect([0, 1]).toContain(course.code);
    expect(course.builtins).toContain('crypto');
  });
});

describe('historyHash', () => {
  it('keys a history without earlier visits by its JSON, and digests one with them', () => {
    const alone: VisitHistory = { key: 'patient:p2', date: '2026-02-02', previous: [] };
    expect(historyHash(undefined)).toBe('none');
    expect(historyHash(alone)).toBe('["patient:p2","2026-02-02",null,null,[]]');
    expect(historyHash({ ...alone, date: '2026-02-03' })).not.toBe(historyHash(alone));
    const earlier = { path: '/notes/1.visit.md', key: 'patient:p2', date: '2026-01-05' } as VisitSummary;
    const course = historyHash({ ...alone, previous: [earlier] });
    expect(course).toMatch(/^[0-9a-f]{64}$/);
    expect(historyHash({ ...alone, previous: [{ ...earlier, date: '2026-01-06' }] })).not.toBe(course);
  });
});
