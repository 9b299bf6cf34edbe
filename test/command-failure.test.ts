/**
 * A failed command's message (client/src/command-failure.ts) never repeats the
 * text of an unexpected error: over the real JSON-RPC transport, an exception in
 * a server handler arrives with the raw text of whatever it was holding.
 */
import { test } from 'vitest';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { createMessageConnection, ResponseError, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';
import { CommandFailure, failureReason } from '../client/src/command-failure.ts';

const NOTE_LINE = 'Call 555-201-7788 about R.M. on Tuesday';

async function failingRequest(throwIt: () => never): Promise<unknown> {
  const [toServer, toClient] = [new PassThrough(), new PassThrough()];
  const server = createMessageConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  const client = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  server.onRequest('visitNotes/test', throwIt);
  server.listen();
  client.listen();
  try {
    await client.sendRequest('visitNotes/test', {});
    return undefined;
  } catch (err) {
    return err;
  } finally {
    client.dispose();
    server.dispose();
  }
}

test('an unexpected server error is named, never quoted', async () => {
  const err = await failingRequest(() => {
    throw new TypeError(`cannot read "${NOTE_LINE}"`);
  });
  assert.ok(err instanceof ResponseError, 'the transport delivers a ResponseError');
  assert.match((err as Error).message, /555-201-7788/, 'the raw text does travel: this is what must not be shown');
  const shown = failureReason(err);
  assert.doesNotMatch(shown, /555|R\.M\.|Tuesday/);
  assert.match(shown, /internal error/);
});

test("the server's own worded failures are shown as written", async () => {
  const err = await failingRequest(() => {
    throw new ResponseError(-32803, 'There is no goal here to rename.');
  });
  assert.equal(failureReason(err), 'There is no goal here to rename.');
});

test('cancelled requests, file system errors, the extension’s own failures, anything else', () => {
  assert.match(failureReason(new ResponseError(-32800, 'Request cancelled')), /cancelled/);
  const fsError = Object.assign(new Error(`/notes/${NOTE_LINE}.visit.md not found`), { code: 'FileNotFound', name: 'EntryNotFound (FileSystemError)' });
  assert.equal(failureReason(fsError), 'the file system refused it (FileNotFound)');
  assert.equal(failureReason(new CommandFailure('this document is not an open visit note')), 'this document is not an open visit note');
  assert.equal(failureReason(new RangeError(NOTE_LINE)), 'an unexpected error (RangeError)');
  assert.equal(failureReason(NOTE_LINE), 'an unexpected error (Error)');
  assert.equal(failureReason(undefined), 'an unexpected error (Error)');
});
