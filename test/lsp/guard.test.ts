/**
 * No handler's exception leaves the language server with the text it held
 * (server/src/lsp/guard.ts): vscode-jsonrpc would answer "Request … failed with
 * message: <raw text>" and log failed notifications likewise.
 */
import { afterAll, test } from 'vitest';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { createConnection, ResponseError } from 'vscode-languageserver/node.js';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type LogMessageParams } from 'vscode-languageserver-protocol/node.js';
import { contentFreeError, guardConnection } from '../../server/src/lsp/guard.ts';
import { TestClient } from './client.ts';

const NOTE_LINE = 'Call 555-201-7788 about R.M. on Tuesday';
const clients: TestClient[] = [];
afterAll(async () => {
  for (const c of clients) await c.shutdown();
});

/** A guarded server connection in this process and a client speaking to it over streams. */
function pair() {
  const [up, down] = [new PassThrough(), new PassThrough()];
  const server = guardConnection(createConnection(new StreamMessageReader(up), new StreamMessageWriter(down)));
  const client = createProtocolConnection(new StreamMessageReader(down), new StreamMessageWriter(up));
  const logs: string[] = [];
  client.onNotification('window/logMessage', (p: LogMessageParams) => void logs.push(p.message));
  return { server, client, logs };
}

test('thrown, rejected and notification errors leave the server as their kind, with frames in the log', async () => {
  const { server, client, logs } = pair();
  server.onHover(() => {
    throw new TypeError(`cannot hover "${NOTE_LINE}"`);
  });
  server.onRequest('visitNotes/test', async () => {
    await Promise.resolve();
    throw new RangeError(NOTE_LINE);
  });
  server.onRequest('visitNotes/worded', () => {
    throw new ResponseError(-32803, 'There is no goal here.');
  });
  server.onNotification('visitNotes/note', () => {
    throw new Error(NOTE_LINE);
  });
  server.listen();
  client.listen();
  const failure = (p: Promise<unknown>) => p.then(() => assert.fail('the request should fail'), (e: unknown) => e as ResponseError<void>);

  const hover = await failure(client.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///n.visit.md' }, position: { line: 0, character: 0 } }));
  assert.equal(hover.message, 'Visit Notes language server: internal error (TypeError)');
  assert.equal(hover.code, -32603);
  const custom = await failure(client.sendRequest('visitNotes/test', {}));
  assert.equal(custom.message, 'Visit Notes language server: internal error (RangeError)');
  const worded = await failure(client.sendRequest('visitNotes/worded', {}));
  assert.equal(worded.message, 'There is no goal here.');
  await client.sendNotification('visitNotes/note', {});
  await client.sendRequest('shutdown').catch(() => undefined); // a round trip: the notification was handled
  await new Promise((r) => setTimeout(r, 20));

  const all = logs.join('\n');
  assert.doesNotMatch(all, /555|R\.M\.|Tuesday/);
  assert.match(all, /a handler failed \(TypeError\)\n\s+at /, 'frames are logged for whoever debugs it');
  assert.match(all, /internal error \(Error\)/, 'the failed notification is logged by its kind');
  client.dispose();
  server.dispose();
});

test('contentFreeError keeps worded ResponseErrors and names anything else', () => {
  const worded = new ResponseError(-32602, '"x" is not a goal ID');
  assert.equal(contentFreeError(worded), worded);
  assert.equal(contentFreeError(NOTE_LINE).message, 'Visit Notes language server: internal error (Error)');
  assert.equal(contentFreeError(Object.assign(new Error('x'), { name: NOTE_LINE })).message, 'Visit Notes language server: internal error (Error)');
});

test('the built server answers a request its handler cannot serve without the raw error text', async () => {
  const c = await TestClient.start();
  clients.push(c);
  const logs: string[] = [];
  c.connection.onNotification('window/logMessage', (p: LogMessageParams) => void logs.push(p.message));
  // `textDocument: null` makes the hover handler throw a TypeError whose raw text names what it read.
  const err = await c.request('textDocument/hover', { textDocument: null, position: { line: 0, character: 0 } }).then(
    () => assert.fail('the request should fail'),
    (e: unknown) => e as ResponseError<void>,
  );
  assert.equal(err.message, 'Visit Notes language server: internal error (TypeError)');
  assert.ok(c.alive, 'the server keeps running');
});
