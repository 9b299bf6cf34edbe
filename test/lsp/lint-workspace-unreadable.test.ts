/**
 * Lint Workspace reports a note it cannot read as `visitnotes lint` does — one
 * error on line 1 with the CLI's own message — instead of skipping it silently
 * (issue 13). Here a binary file, a UTF-16 note and invalid UTF-8, all named like
 * notes, beside a readable note whose findings still come through.
 */
import { describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { cliFindings, serverOnWorkspace } from './faces.ts';

const FILES = {
  'readable.visit.md': '---\npatient: A.B.\ndate: 2026-01-10\n---\n\n## Story\nShe talks about the bakery.\n',
  'binary.visit.md': Buffer.from([0x23, 0x20, 0x00, 0x01, 0x02, 0x0a]),
  'utf16.visit.md': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('## Story\nHello\n', 'utf16le')]),
  'latin1.visit.md': Buffer.from([0x23, 0x23, 0x20, 0x53, 0xe9, 0x0a]),
};
const UNREADABLE = ['binary.visit.md', 'latin1.visit.md', 'utf16.visit.md'];

describe('Lint Workspace and notes it cannot read', () => {
  const workspace = serverOnWorkspace(FILES);

  test('each gets one error with the message the CLI gives; the readable note is linted', async () => {
    const { dir, client } = workspace;
    const { uris } = await client.request<{ uris: string[] }>('visitNotes/listNotes', {});
    const { results } = await client.request<{ results: { uri: string; diagnostics: Diagnostic[] }[] }>('visitNotes/lintWorkspace', { uris });
    const server = new Map(results.map((r) => [path.basename(fileURLToPath(r.uri)), r.diagnostics]));
    const cli = await cliFindings(dir);
    assert.deepEqual([...server.keys()].sort(), [...cli.keys()].sort());
    for (const name of UNREADABLE) {
      const diagnostics = server.get(name)!;
      assert.equal(diagnostics.length, 1, name);
      const [d] = diagnostics;
      assert.equal(d!.severity, 1, name);
      assert.deepEqual(d!.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
      // The CLI's one fatal message for the same file, word for word.
      assert.deepEqual(cli.get(name), [`null 2 1:1-1:1 ${d!.message}`], name);
    }
    assert.ok(server.get('readable.visit.md')!.length > 0, 'the readable note still gets its findings');
  });
});
