/**
 * `node:crypto` as the browser bundles see it (scripts/bundle-options.mjs maps
 * the import here). Shared renderers hash their inline style for the CSP of a
 * standalone page (`createHash('sha256')…digest('base64')`), synchronously; the
 * browser's Web Crypto only digests asynchronously, so SHA-256 comes from
 * @noble/hashes; so does SHA-1, with which the visit index tells a note's
 * unchanged text from a changed one (engine/visits/index.ts; not for security).
 * Nothing else of Node's crypto is offered: another algorithm throws, and any
 * other import fails the browser build.
 */
import { sha1 } from '@noble/hashes/legacy.js';
import { sha256 } from '@noble/hashes/sha2.js';

type Encoding = 'base64' | 'hex';

export interface Hash {
  update(data: string | Uint8Array, encoding?: 'utf8'): Hash;
  digest(encoding: Encoding): string;
}

export function createHash(algorithm: string): Hash {
  if (algorithm !== 'sha256' && algorithm !== 'sha1') throw new Error(`crypto.createHash('${algorithm}') is not available in the browser build`);
  const state = (algorithm === 'sha1' ? sha1 : sha256).create();
  const hash: Hash = {
    update(data) {
      state.update(typeof data === 'string' ? new TextEncoder().encode(data) : data);
      return hash;
    },
    digest(encoding) {
      const bytes = state.digest();
      if (encoding === 'hex') return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
      return btoa(String.fromCharCode(...bytes));
    },
  };
  return hash;
}
