/**
 * A small LSP client for protocol-level tests and the benchmark: spawns the
 * BUILT server (`node dist/server.js --stdio`), speaks JSON-RPC over its stdio,
 * answers the server's own requests (registration, configuration, refresh),
 * and lets tests await `publishDiagnostics` and `showMessage`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type ShowMessageParams,
  type TextDocumentContentChangeEvent,
  type TextEdit,
} from 'vscode-languageserver-protocol/node.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const SERVER = path.join(ROOT, 'dist/server.js');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    const st = statSync(full);
    newest = Math.max(newest, st.isDirectory() ? newestMtime(full) : st.mtimeMs);
  }
  return newest;
}

/**
 * Builds dist/server.js when it is missing or older than any server source.
 * Uses scripts/build.mjs; if that fails (another entry mid-edit), builds the
 * server entry alone with the same settings. A file lock keeps parallel test
 * files from building at once.
 */
export function ensureServerBuilt(): void {
  const stale = () => !existsSync(SERVER) || statSync(SERVER).mtimeMs < Math.max(newestMtime(path.join(ROOT, 'server/src')), statSync(path.join(ROOT, 'package.json')).mtimeMs);
  if (!stale()) return;
  const script = `
    const { existsSync, statSync } = await import('node:fs');
    const { spawnSync } = await import('node:child_process');
    const r = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'pipe' });
    if (r.status !== 0) {
      const { build } = await import('esbuild');
      await build({
        bundle: true, platform: 'node', target: 'node20', sourcemap: 'linked', logLevel: 'error', legalComments: 'none',
        entryPoints: { server: 'server/src/lsp/entry.ts' }, outdir: 'dist', format: 'esm', splitting: true,
        chunkNames: 'chunks/[name]-[hash]', outExtension: { '.js': '.js' },
        banner: { js: "import { createRequire as __vnCreateRequire } from 'node:module'; const require = __vnCreateRequire(import.meta.url);" },
      });
      process.stderr.write('note: scripts/build.mjs failed; built the language server entry alone\\n');
    }
  `;
  const r = spawnSync('flock', [path.join(os.tmpdir(), 'visitnotes-build.lock'), process.execPath, '--input-type=module', '-e', script], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (r.status !== 0 || !existsSync(SERVER)) throw new Error('could not build dist/server.js');
}

export interface StartOptions {
  /** Workspace folder (default: none). */
  workspace?: string;
  /** Declare pull-diagnostics support (default false: the server pushes). */
  pull?: boolean;
  initializationOptions?: unknown;
  /** Answers to `workspace/configuration` for section `visitNotes`. */
  settings?: Record<string, unknown>;
  capabilities?: ClientCapabilities;
  /** Extra environment variables for the server process. */
  env?: Record<string, string>;
  /** The server module to run (default: the repository's dist/server.js). */
  server?: string;
}

type Waiter<T> = { match: (x: T) => boolean; resolve: (x: T) => void };

export class TestClient {
  readonly published: PublishDiagnosticsParams[] = [];
  readonly messages: ShowMessageParams[] = [];
  readonly serverRequests: { method: string; params: unknown }[] = [];
  private diagWaiters: Waiter<PublishDiagnosticsParams>[] = [];
  private messageWaiters: Waiter<ShowMessageParams>[] = [];
  private versions = new Map<string, number>();
  initializeResult!: InitializeResult;
  settings: Record<string, unknown>;

  private constructor(
    readonly connection: ProtocolConnection,
    readonly child: ChildProcess,
    options: StartOptions,
  ) {
    this.settings = options.settings ?? {};
  }

  static async start(options: StartOptions = {}): Promise<TestClient> {
    ensureServerBuilt();
    const child = spawn(process.execPath, [...(process.env.VN_SERVER_FLAGS ?? '').split(' ').filter(Boolean), options.server ?? SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], cwd: options.workspace ?? ROOT, env: { ...process.env, ...options.env } });
    child.stderr!.on('data', () => {});
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new TestClient(connection, child, options);
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      client.published.push(p);
      client.diagWaiters = client.diagWaiters.filter((w) => (w.match(p) ? (w.resolve(p), false) : true));
    });
    connection.onNotification('window/showMessage', (p: ShowMessageParams) => {
      client.messages.push(p);
      client.messageWaiters = client.messageWaiters.filter((w) => (w.match(p) ? (w.resolve(p), false) : true));
    });
    connection.onNotification('window/logMessage', () => {});
    // Every server→client request (registration, configuration, refresh) is recorded and answered.
    const onAnyRequest = connection.onRequest.bind(connection) as unknown as (handler: (method: string, params: unknown) => unknown) => void;
    onAnyRequest((method: string, params: unknown) => {
      client.serverRequests.push({ method, params });
      if (method === 'workspace/configuration') {
        const items = (params as { items: { section?: string }[] }).items;
        return items.map((i) => (i.section === 'visitNotes' ? client.settings : null));
      }
      return null;
    });
    connection.listen();
    const folder = options.workspace;
    const capabilities: ClientCapabilities = options.capabilities ?? {
      textDocument: {
        synchronization: { dynamicRegistration: false },
        completion: { completionItem: { snippetSupport: true, labelDetailsSupport: true } },
        publishDiagnostics: { relatedInformation: true, tagSupport: { valueSet: [1, 2] }, codeDescriptionSupport: true, dataSupport: true, versionSupport: true },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } }, dataSupport: true, isPreferredSupport: true },
        rename: { prepareSupport: true },
        ...(options.pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
      },
      workspace: {
        workspaceFolders: true,
        configuration: true,
        didChangeWatchedFiles: { dynamicRegistration: true },
        didChangeConfiguration: { dynamicRegistration: true },
        workspaceEdit: { documentChanges: true },
        ...(options.pull ? { diagnostics: { refreshSupport: true } } : {}),
        inlayHint: { refreshSupport: true },
        semanticTokens: { refreshSupport: true },
      },
    };
    client.initializeResult = await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: folder ? pathToFileURL(folder).href : null,
      workspaceFolders: folder ? [{ uri: pathToFileURL(folder).href, name: path.basename(folder) }] : null,
      capabilities,
      initializationOptions: options.initializationOptions,
    });
    await connection.sendNotification('initialized', {});
    return client;
  }

  get pid(): number {
    return this.child.pid!;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  async open(uri: string, text: string, languageId = 'markdown', version = 1): Promise<void> {
    this.versions.set(uri, version);
    await this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  /** Sends changes; returns the new version. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    await this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  version(uri: string): number {
    return this.versions.get(uri) ?? 0;
  }

  async close(uri: string): Promise<void> {
    this.versions.delete(uri);
    await this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  /** The next publish for `uri` that satisfies `match` (already received ones count when `since` is given). */
  waitForDiagnostics(uri: string, match: (p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 10_000, since?: number): Promise<PublishDiagnosticsParams> {
    if (since !== undefined) {
      const hit = this.published.slice(since).find((p) => p.uri === uri && match(p));
      if (hit) return Promise.resolve(hit);
    }
    return withTimeout(
      new Promise((resolve) => this.diagWaiters.push({ match: (p) => p.uri === uri && match(p), resolve })),
      timeoutMs,
      `diagnostics for ${uri}`,
    );
  }

  /** Diagnostics published for `uri`'s current version. */
  currentDiagnostics(uri: string, timeoutMs?: number): Promise<PublishDiagnosticsParams> {
    const version = this.version(uri);
    return this.waitForDiagnostics(uri, (p) => p.version === version, timeoutMs, 0);
  }

  waitForMessage(match: (m: ShowMessageParams) => boolean = () => true, timeoutMs = 10_000): Promise<ShowMessageParams> {
    const hit = this.messages.find(match);
    if (hit) return Promise.resolve(hit);
    return withTimeout(new Promise((resolve) => this.messageWaiters.push({ match, resolve })), timeoutMs, 'showMessage');
  }

  async shutdown(): Promise<void> {
    if (!this.alive) return;
    try {
      await withTimeout(this.request('shutdown', null), 3000, 'shutdown');
      await this.notify('exit', null);
    } catch {
      // fall through to kill
    }
    await new Promise<void>((resolve) => {
      if (!this.alive) return resolve();
      const timer = setTimeout(() => {
        this.child.kill('SIGKILL');
        resolve();
      }, 3000);
      this.child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    this.connection.dispose();
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

// ---------------------------------------------------------------------------
// Text helpers, independent of the engine so they check its positions.

/** LSP position (UTF-16) of `offset`, counting \r\n, \r and \n as line breaks. */
export function positionAt(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const c = text[i];
    if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: offset - lineStart };
}

export function offsetAt(text: string, pos: { line: number; character: number }): number {
  let line = 0;
  let i = 0;
  while (line < pos.line && i < text.length) {
    const c = text[i];
    i++;
    if (c === '\n' || (c === '\r' && text[i] !== '\n')) line++;
  }
  return Math.min(i + pos.character, text.length);
}

/** Position of the first occurrence of `needle` (+ `delta` characters). */
export function positionOf(text: string, needle: string, delta = 0, from = 0): { line: number; character: number } {
  const i = text.indexOf(needle, from);
  if (i < 0) throw new Error(`"${needle}" not found`);
  return positionAt(text, i + delta);
}

/** Applies LSP text edits (non-overlapping) to `text`. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const resolved = edits
    .map((e) => ({ start: offsetAt(text, e.range.start), end: offsetAt(text, e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of resolved) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/** A fresh temporary workspace folder (removed by the returned cleanup). */
export function tempWorkspace(prefix = 'vn-lsp-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function fileUri(file: string): string {
  return pathToFileURL(file).href;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
