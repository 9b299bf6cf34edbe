/**
 * The Visit Notes language server on Node: the one server core
 * (server-core.ts) over Node's file system and `file:` URIs, with the
 * watchdog that tries large notes in a worker thread first (watchdog.ts).
 * The browser's server is the same core over `workspace.fs` (web-server.ts).
 *
 * `startServer()` with no argument creates the connection from argv
 * (`--stdio`, `--node-ipc`, `--socket=N`, `--pipe=NAME`), as
 * vscode-languageserver's `createConnection` does.
 */
import process from 'node:process';
import { ProposedFeatures, createConnection, type Connection } from 'vscode-languageserver/node.js';
import pkg from '../../../package.json' with { type: 'json' };
import { nodeConfigFileAccess } from '../engine/index.ts';
import { readNote } from '../node/read-note.ts';
import { nodeFileSystem } from '../node/file-system.ts';
import { FILE_LOCATIONS } from './locations.ts';
import { startServerCore } from './server-core.ts';
import type { ServerHost } from './server-host.ts';
import { ServerWatchdog } from './watchdog.ts';

export function nodeHost(): ServerHost {
  const { realpath, isRepositoryRoot } = nodeConfigFileAccess;
  return {
    serverInfo: { name: 'visitnotes-language-server', version: pkg.version },
    fs: nodeFileSystem,
    configAccess: { realpath, isRepositoryRoot },
    locations: FILE_LOCATIONS,
    watchdog: new ServerWatchdog(),
    workspaceSymbols: true,
    defaultFolder: () => process.cwd(),
    readNote,
  };
}

export function startServer(connection: Connection = createConnection(ProposedFeatures.all)): Connection {
  startServerCore(connection, nodeHost());
  return connection;
}
