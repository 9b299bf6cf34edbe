/**
 * A cold run loads only what it uses (issue 12, goal 4): the glob library only for an
 * argument that must be expanded. Loading is observed, never timed.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import path from 'node:path';
import { collectTargets } from '../../server/src/cli/lint/files.ts';
import { CliConfigs } from '../../server/src/cli/lint/config.ts';
import { removeProject, tempProject } from './helpers.ts';

const loaded = vi.hoisted(() => ({ tinyglobby: 0 }));
vi.mock('tinyglobby', async (importOriginal) => {
  loaded.tinyglobby++;
  return await importOriginal();
});

const NOTE = '---\npatient: P1\n---\n\n## Story\n\nText.\n';
let dir: string;
beforeAll(() => {
  dir = tempProject({ 'a.visit.md': NOTE, 'notes/b.visit.md': NOTE });
});
afterAll(() => removeProject(dir));

const collect = (args: string[]) => collectTargets(args, { cwd: dir, configs: new CliConfigs(dir, undefined), noIgnore: false });

describe('the glob library', () => {
  it('is not loaded for files and folders named on the command line, and is for a glob', async () => {
    const plain = await collect(['a.visit.md', 'notes']);
    expect(plain.files).toEqual([path.join(dir, 'a.visit.md'), path.join(dir, 'notes/b.visit.md')]);
    expect(loaded.tinyglobby).toBe(0);

    const globbed = await collect(['**/*.visit.md']);
    expect(globbed.files).toEqual(plain.files);
    expect(loaded.tinyglobby).toBe(1);
  });
});
