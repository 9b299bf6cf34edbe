/**
 * Where a document lives, as a path the engine's workspace code works with,
 * and back. The Node server reads `file:` URIs (documents.ts); the browser's
 * server maps the schemes of its workspace folders (`vscode-vfs:`, `vscode-remote:`,
 * ...) to POSIX paths (web-locations.ts). Nothing else in the server needs to
 * know which.
 */
import { pathToUri, uriToPath } from './documents.ts';

export interface Locations {
  /** The path a URI names; undefined for documents that are no file (untitled buffers). */
  toPath(uri: string): string | undefined;
  /** The URI the client knows a path by. */
  toUri(file: string): string;
  /** Told the workspace folders' URIs whenever they change. */
  foldersChanged?(uris: readonly string[]): void;
}

/** `file:` URIs, as the Node server and every desktop editor send them. */
export const FILE_LOCATIONS: Locations = { toPath: uriToPath, toUri: pathToUri };
