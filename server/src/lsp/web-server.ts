/**
 * The language server as it runs in the browser (a web worker beside
 * vscode.dev's or github.dev's extension host): the one server core
 * (server-core.ts) that the Node server runs too, over a connection the worker
 * entry (server/src/bundle/web-server.ts) creates over postMessage. Files are
 * read through the extension, which answers with `vscode.workspace.fs`
 * (web-file-system.ts), so config discovery, note discovery and the visit
 * index are the engine's own, as on the desktop. Nothing here may import Node:
 * the build fails if a Node built-in reaches the browser bundle
 * (scripts/bundle-options.mjs).
 */
import type { Connection } from 'vscode-languageserver';
import { lintText, RECOMMENDED } from '../engine/index.ts';
import { startServerCore } from './server-core.ts';
import type { ServerHost } from './server-host.ts';
import { ClientFileSystem } from './web-file-system.ts';
import type { PrefetchedReads } from './web-fs-protocol.ts';
import { WebLocations } from './web-locations.ts';

/** Set by the browser build (scripts/bundle-options.mjs); absent when this module runs unbundled. */
declare const VISITNOTES_VERSION: string | undefined;

/**
 * A short note the worker lints once right after `initialize`, while the client is
 * still registering its features and opening documents: the engine builds its
 * vocabulary and medication lexicon on first use, so the first real note does not
 * wait for that. Nothing is reported from it.
 */
const WARM_UP = `---
patient: A.B.
date: 2026-01-01
---
## Story
She walks to work and likes the quiet.
## Goals
- [G1] Sleep through the night.
## Medication meaning
### Sertraline 50 mg daily
- Change: start
- Rationale: So she can sleep through the night [G1].
- Meaning: Hopes it helps.
## Countertransference
I noticed I wanted to reassure her.
`;

/** Whether the client said it answers the file requests (web-fs-protocol.ts), and what it read ahead. */
function fileAccessOf(options: unknown): { offered: boolean; prefetched: PrefetchedReads } {
  const section = options && typeof options === 'object' ? (options as { visitNotes?: { fileAccess?: unknown; prefetched?: unknown } }).visitNotes : undefined;
  const prefetched = section?.prefetched && typeof section.prefetched === 'object' ? (section.prefetched as PrefetchedReads) : {};
  return { offered: section?.fileAccess === true, prefetched };
}

export function webHost(connection: Connection): ServerHost {
  const locations = new WebLocations();
  const fs = new ClientFileSystem(connection, locations);
  return {
    serverInfo: {
      name: 'visitnotes-language-server (web)',
      ...(typeof VISITNOTES_VERSION === 'string' ? { version: VISITNOTES_VERSION } : {}),
    },
    fs,
    configAccess: fs.configAccess,
    locations,
    workspaceSymbols: true,
    defaultFolder: () => '/',
    initialize: (params) => {
      const access = fileAccessOf(params.initializationOptions);
      fs.enable(access.offered, access.prefetched);
    },
    initialized: () => {
      fs.initialized();
      setTimeout(() => lintText(WARM_UP, { config: RECOMMENDED }), 0);
    },
  };
}

export function startWebServer(connection: Connection): Connection {
  startServerCore(connection, webHost(connection));
  return connection;
}
