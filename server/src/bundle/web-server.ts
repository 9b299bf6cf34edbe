/**
 * The language server in a web worker. The browser build embeds this script's
 * bundle in the extension's (dist/web/extension.js), which starts it as a
 * worker; LSP messages travel over the worker's postMessage.
 */
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser.js';
import { startWebServer } from '../lsp/web-server.ts';

/** The worker's global scope, as far as the message reader and writer need it. */
type WorkerScope = ConstructorParameters<typeof BrowserMessageReader>[0];
declare const self: WorkerScope;

startWebServer(createConnection(new BrowserMessageReader(self), new BrowserMessageWriter(self)));
