/**
 * The CLI walks folders and probes for config files synchronously
 * (nodeFileSystemSync, nodeConfigFileAccessSync); the language server does the
 * same asynchronously. Both must see the same files and give the same reasons,
 * and the synchronous reads must never block on a FIFO.
 */
import { afterAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { nodeConfigFileAccess, nodeConfigFileAccessSync, readRegularFileSync } from '../../server/src/engine/index.ts';
import { readRegularFile } from '../../server/src/engine/config/files.ts';
import { nodeFileSystem, nodeFileSystemSync } from '../../server/src/node/file-system.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'visitnotes-sync-fs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const at = (name: string) => path.join(dir, name);

writeFileSync(at('.visitnotes.yaml'), 'preset: recommended\n');
writeFileSync(at('binary.yaml'), Buffer.from([0x61, 0x00, 0x62]));
writeFileSync(at('big.yaml'), '');
truncateSync(at('big.yaml'), 300 * 1024);
mkdirSync(at('folder'));
mkdirSync(at('repo/.git'), { recursive: true });
writeFileSync(at('folder/note.visit.md'), '## Story\n');
execFileSync('mkfifo', [at('pipe.yaml')]);
symlinkSync('/dev/zero', at('zero.yaml'));
symlinkSync(at('loop-b'), at('loop-a'));
symlinkSync(at('loop-a'), at('loop-b'));
symlinkSync(at('nowhere'), at('dangling.yaml'));

/** The outcome of a read, comparable across the two readers. */
async function outcome(read: () => Promise<string | undefined> | string | undefined): Promise<string> {
  try {
    const text = await read();
    return text === undefined ? 'absent' : `text:${text}`;
  } catch (err) {
    return `${(err as Error).name}:${(err as Error).message}`;
  }
}

const names = ['.visitnotes.yaml', 'binary.yaml', 'big.yaml', 'folder', 'pipe.yaml', 'zero.yaml', 'loop-a', 'dangling.yaml', 'missing.yaml', '.visitnotes.yaml/below'];

describe('readRegularFileSync', () => {
  for (const name of names) {
    test(`${name}: the same outcome as readRegularFile`, async () => {
      const sync = await outcome(() => readRegularFileSync(at(name)));
      assert.equal(sync, await outcome(() => readRegularFile(at(name))));
      if (name === '.visitnotes.yaml') assert.equal(sync, 'text:preset: recommended\n');
      else if (name === 'missing.yaml' || name === 'dangling.yaml' || name.endsWith('/below')) assert.equal(sync, 'absent');
      else assert.match(sync, /^UnreadableFile:/);
    });
  }
});

describe('the synchronous file accesses', () => {
  test('config access: the same reads, real paths and repository roots', async () => {
    for (const name of names) {
      assert.equal(await outcome(() => nodeConfigFileAccessSync.readFile(at(name))), await outcome(() => nodeConfigFileAccess.readFile(at(name))), name);
      assert.equal(await nodeConfigFileAccessSync.realpath(at(name)), await nodeConfigFileAccess.realpath(at(name)), name);
    }
    for (const d of [dir, at('repo'), at('folder'), at('missing'), at('.visitnotes.yaml')]) {
      assert.equal(await nodeConfigFileAccessSync.isRepositoryRoot(d), await nodeConfigFileAccess.isRepositoryRoot(d), d);
    }
    assert.equal(await nodeConfigFileAccessSync.isRepositoryRoot(at('repo')), true);
  });

  test('note file system: the same folder listings, kinds and reads', async () => {
    const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : 1);
    assert.deepEqual((await nodeFileSystemSync.readDirectory(dir)).sort(byName), (await nodeFileSystem.readDirectory(dir)).sort(byName));
    const listingError = (fs: typeof nodeFileSystem) => fs.readDirectory(at('missing')).then(() => 'listed', (e: NodeJS.ErrnoException) => e.code);
    assert.equal(await listingError(nodeFileSystemSync), await listingError(nodeFileSystem));
    assert.equal(await listingError(nodeFileSystemSync), 'ENOENT', 'the walk reports the code');
    for (const name of names) {
      assert.equal(await nodeFileSystemSync.stat(at(name)), await nodeFileSystem.stat(at(name)), name);
      assert.equal(await outcome(() => nodeFileSystemSync.readFile(at(name))), await outcome(() => nodeFileSystem.readFile(at(name))), name);
    }
  });
});
