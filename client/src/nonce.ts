/**
 * A fresh nonce for a webview's CSP: 16 random bytes, base64. Web Crypto, so the
 * same code runs in the desktop extension host (Node 20) and in the browser's.
 */
export function newNonce(): string {
  return btoa(String.fromCharCode(...globalThis.crypto.getRandomValues(new Uint8Array(16))));
}
