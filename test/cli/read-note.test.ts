/**
 * The CLI reads its notes with readNoteSync; the language server and the other
 * commands with readNote. Both must give the same answer, reason for reason,
 * for every kind of file a repository may hold — and never block on a FIFO.
 */
import { afterAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MAX_NOTE_BYTES } from '../../server/src/engine/index.ts';
import { readNote, readNoteSync } from '../../server/src/node/read-note.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'visitnotes-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const at = (name: string) => path.join(dir, name);

function files(): Record<string, string> {
  writeFileSync(at('plain.visit.md'), '## Story\nShe came back.\n');
  writeFileSync(at('bom.visit.md'), '\ufeff## Story\nCRLF\r\n');
  writeFileSync(at('binary.visit.md'), Buffer.from([0x23, 0x00, 0x41]));
  writeFileSync(at('utf16.visit.md'), Buffer.from('\ufeff## Story\n', 'utf16le'));
  writeFileSync(at('latin1.visit.md'), Buffer.from([0x23, 0x20, 0xe9, 0x0a]));
  writeFileSync(at('huge.visit.md'), '');
  truncateSync(at('huge.visit.md'), MAX_NOTE_BYTES + 1);
  mkdirSync(at('folder.visit.md'));
  execFileSync('mkfifo', [at('pipe.visit.md')]);
  symlinkSync(at('nowhere.visit.md'), at('dangling.visit.md'));
  symlinkSync(at('loop-b.visit.md'), at('loop-a.visit.md'));
  symlinkSync(at('loop-a.visit.md'), at('loop-b.visit.md'));
  symlinkSync('/dev/zero', at('device.visit.md'));
  return {
    plain: 'ok',
    bom: 'ok',
    binary: 'Binary file',
    utf16: 'UTF-16',
    latin1: 'Not valid UTF-8',
    huge: 'MB',
    folder: 'Is a folder',
    pipe: 'Not a regular file',
    dangling: 'broken symbolic link',
    'loop-a': 'loops',
    device: 'Not a regular file',
    missing: 'No such file',
  };
}

describe('readNoteSync and readNote', () => {
  const expected = files();
  for (const [name, want] of Object.entries(expected)) {
    test(`${name}: the same result both ways`, async () => {
      const file = at(`${name}.visit.md`);
      const sync = readNoteSync(file);
      const async_ = await readNote(file);
      assert.deepEqual(sync, async_);
      if (want === 'ok') {
        assert.ok(sync.ok);
        assert.ok(!sync.text.startsWith('\ufeff'), 'the BOM is stripped');
        assert.equal(sync.bom, name === 'bom');
      } else {
        assert.ok(!sync.ok);
        assert.ok(sync.reason.includes(want), `${name}: ${sync.reason}`);
        assert.equal(sync.gone, name === 'missing' ? true : undefined, 'only a missing file is "gone"');
      }
    });
  }
});

test('readNoteSync keeps the bytes only when asked (--fix and --cache need them)', () => {
  const file = at('bom.visit.md');
  const kept = readNoteSync(file);
  const dropped = readNoteSync(file, { keepBytes: false });
  assert.ok(kept.ok && dropped.ok);
  assert.deepEqual(kept.bytes, Buffer.from('\ufeff## Story\nCRLF\r\n'));
  assert.ok(!('bytes' in dropped));
  assert.deepEqual({ ...kept, bytes: undefined }, { ...dropped, bytes: undefined });
});
