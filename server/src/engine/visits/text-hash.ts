/**
 * A note's text as SHA-1 (hex), with which the visit index tells an unchanged note
 * from a changed one (not for security).
 *
 * Node's crypto is taken on first use, not imported: loading it costs ~6 ms of every
 * cold CLI run, whose lint never hashes here (its summaries come with their model).
 * The browser bundles have no `process`: there @noble/hashes computes the same digest
 * (as server/src/bundle/web-crypto.ts does for the browser's `node:crypto`).
 */
import { sha1 } from '@noble/hashes/legacy.js';
import { bytesToHex } from '@noble/hashes/utils.js';

type NodeCrypto = typeof import('node:crypto');

export function textHash(text: string): string {
  const crypto = globalThis.process?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined;
  return crypto ? crypto.createHash('sha1').update(text).digest('hex') : portableTextHash(text);
}

/** The same digest without Node (exported for the test that they agree). */
export function portableTextHash(text: string): string {
  return bytesToHex(sha1(new TextEncoder().encode(text)));
}
