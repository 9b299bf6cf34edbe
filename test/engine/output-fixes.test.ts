/**
 * The engine's outputFixes over an injected writer (an in-memory one here, as a
 * web face would pass): notes written one at a time in order, a refusal or a
 * throw leaves that note unwritten with a message naming the error code only,
 * and the other notes are still written. Also: the module imports nothing.
 */
import { describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cannotWrite, outputFixes, type FixToWrite } from '../../server/src/engine/index.ts';

describe('outputFixes', () => {
  test('writes every fixed note through the writer, in order', async () => {
    const disk = new Map([['/n/a.visit.md', 'old a'], ['/n/b.visit.md', 'old b']]);
    const order: string[] = [];
    const outcomes = await outputFixes(
      [{ file: '/n/b.visit.md', text: 'new b' }, { file: '/n/a.visit.md', text: 'new a' }],
      async ({ file, text }) => {
        order.push(file);
        disk.set(file, text);
        return true;
      },
    );
    assert.deepEqual(order, ['/n/b.visit.md', '/n/a.visit.md']);
    assert.deepEqual(outcomes, [{ file: '/n/b.visit.md', written: true }, { file: '/n/a.visit.md', written: true }]);
    assert.equal(disk.get('/n/a.visit.md'), 'new a');
  });

  test('a refusing or throwing writer leaves that note as it was and the others are written', async () => {
    const disk = new Map([['/a', '1'], ['/b', '2'], ['/c', '3']]);
    const fixes: FixToWrite<{ refuse?: string; code?: string }>[] = [
      { file: '/a', text: 'A', data: { refuse: 'Read-only file; fixes were not written.' } },
      { file: '/b', text: 'B', data: { code: 'EACCES' } },
      { file: '/c', text: 'C', data: {} },
    ];
    const outcomes = await outputFixes(fixes, async ({ file, text, data }) => {
      if (data?.refuse) return data.refuse;
      if (data?.code) throw Object.assign(new Error('permission denied: /b holds MRN 12345'), { code: data.code });
      disk.set(file, text);
      return true;
    });
    assert.deepEqual(outcomes, [
      { file: '/a', written: false, message: 'Read-only file; fixes were not written.' },
      { file: '/b', written: false, message: cannotWrite('EACCES') },
      { file: '/c', written: true },
    ]);
    assert.equal(cannotWrite('EACCES'), 'Cannot write the fixes to this file (EACCES); nothing was changed.');
    assert.deepEqual([...disk.values()], ['1', '2', 'C']);
    // The error's text (which could hold note text or an identifier) is never repeated.
    assert.ok(!JSON.stringify(outcomes).includes('12345'));
  });

  test('an error without a code is named by its type', async () => {
    const [outcome] = await outputFixes([{ file: '/a', text: 'x' }], async () => {
      throw new TypeError('boom');
    });
    assert.deepEqual(outcome, { file: '/a', written: false, message: cannotWrite('TypeError') });
  });

  test('imports nothing (no Node, LSP or VS Code)', () => {
    const source = readFileSync(path.resolve(__dirname, '../../server/src/engine/workspace/output-fixes.ts'), 'utf8');
    assert.doesNotMatch(source, /^import /m);
  });
});
