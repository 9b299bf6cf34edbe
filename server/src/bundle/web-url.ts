/**
 * `node:url` as the browser bundles see it (scripts/bundle-options.mjs maps the
 * import here): the two functions the language server uses to turn `file:` URIs
 * into paths and back (lsp/documents.ts), for POSIX paths, which is what the
 * browser's `path` (path-browserify) works with. Other schemes are mapped by
 * the web server's own locations (lsp/web-locations.ts). Anything else of
 * `node:url` fails the browser build.
 */

export function fileURLToPath(url: string | URL): string {
  const u = typeof url === 'string' ? new URL(url) : url;
  if (u.protocol !== 'file:') throw new TypeError('The URL must be of scheme file');
  if (/%2f/i.test(u.pathname)) throw new TypeError('File URL path must not include encoded / characters');
  return decodeURIComponent(u.pathname);
}

export function pathToFileURL(file: string): URL {
  const url = new URL('file:///');
  // Each segment encoded as Node does for the characters URLs reserve.
  url.pathname = file
    .split('/')
    .map((s) => encodeURIComponent(s))
    .join('/');
  return url;
}
