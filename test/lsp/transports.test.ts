/**
 * The server starts over every transport editors use: Node IPC (how the VS Code
 * client starts it), stdio through the `visitnotes-language-server` bin, and
 * stdio by default when no transport is named.
 */
import { test } from 'vitest';
import assert from 'node:assert/strict';
import { fork, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import {
  createProtocolConnection,
  IPCMessageReader,
  IPCMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node.js';
import { ensureServerBuilt, ROOT, SERVER } from './client.ts';
import { PROBLEMS } from './notes.ts';

async function roundTrip(connection: ProtocolConnection, child: ChildProcess): Promise<void> {
  const published = new Promise<PublishDiagnosticsParams>((resolve) => connection.onNotification('textDocument/publishDiagnostics', resolve));
  connection.listen();
  try {
    const init = await connection.sendRequest<InitializeResult>('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
    assert.equal(init.serverInfo?.name, 'visitnotes-language-server');
    await connection.sendNotification('initialized', {});
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: 'file:///tmp/transport.visit.md', languageId: 'markdown', version: 1, text: PROBLEMS },
    });
    const p = await published;
    assert.ok(p.diagnostics.length > 0);
    await connection.sendRequest('shutdown', null);
    await connection.sendNotification('exit', null);
  } finally {
    await new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve();
      }, 3000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    connection.dispose();
  }
}

test('--node-ipc: the transport the VS Code client uses', async () => {
  ensureServerBuilt();
  const child = fork(SERVER, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
  await roundTrip(createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child)), child);
  assert.equal(child.exitCode, 0);
});

test('the visitnotes-language-server bin, with stdio by default', async () => {
  ensureServerBuilt();
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/visitnotes-language-server.js')], { stdio: ['pipe', 'pipe', 'ignore'] });
  await roundTrip(createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!)), child);
  assert.equal(child.exitCode, 0);
});

test('--help and --version print and exit without starting a server', () => {
  ensureServerBuilt();
  const help = spawnSync(process.execPath, [SERVER, '--help'], { encoding: 'utf8', timeout: 10_000 });
  assert.equal(help.status, 0);
  assert.match(help.stdout, /--stdio/);
  const version = spawnSync(process.execPath, [SERVER, '--version'], { encoding: 'utf8', timeout: 10_000 });
  assert.match(version.stdout.trim(), /^\d+\.\d+\.\d+/);
});
