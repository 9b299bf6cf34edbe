/**
 * The one server core (lsp/server-core.ts) in this process, as the browser's
 * worker runs it: `startWebServer` over an in-memory connection, files answered
 * from memory as the extension answers them with `workspace.fs`. The same
 * checks as the worker bundle's (web-server.test.ts), here counted by coverage,
 * plus a config change seen through a watched-file event.
 */
import { test } from 'vitest';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { createConnection } from 'vscode-languageserver/node.js';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type Diagnostic } from 'vscode-languageserver-protocol/node.js';
import { startWebServer } from '../../server/src/lsp/web-server.ts';
import { WebLocations } from '../../server/src/lsp/web-locations.ts';
import { cliFindings, fromDiagnostics } from './faces.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const WORKSPACE = path.join(ROOT, 'test/vscode/workspace-web-config');
const ORIGIN = 'vscode-vfs://github';
const FOLDER = '/clinic/notes-repo';
const FOLDER_URI = `${ORIGIN}${FOLDER}`;

function memoryFiles(): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else files.set(`${FOLDER}/${path.relative(WORKSPACE, full).split(path.sep).join('/')}`, readFileSync(full, 'utf8'));
    }
  };
  walk(WORKSPACE);
  return files;
}

/** The extension's answers (client/src/web/file-access.ts) over a map of files. */
function answerFrom(files: Map<string, string>) {
  const pathOf = (uri: string) => decodeURIComponent(uri.slice(ORIGIN.length));
  const isDir = (p: string) => [...files.keys()].some((f) => f.startsWith(`${p.replace(/\/$/, '')}/`));
  return (method: string, params: { uri: string; limit?: number }): unknown => {
    const p = pathOf(params.uri);
    if (method === 'visitNotes/fs/stat') return files.has(p) ? { kind: 'file' } : isDir(p) ? { kind: 'directory' } : null;
    if (method === 'visitNotes/fs/readFile') {
      const text = files.get(p);
      if (text === undefined) return isDir(p) ? { kind: 'directory' } : { kind: 'absent' };
      return { kind: 'file', size: text.length, text };
    }
    if (method === 'visitNotes/fs/readDirectory') {
      if (!isDir(p)) return { error: 'ENOENT' };
      const entries = new Map<string, string>();
      for (const f of files.keys()) {
        if (!f.startsWith(`${p}/`)) continue;
        const [name, ...rest] = f.slice(p.length + 1).split('/');
        entries.set(name!, rest.length ? 'directory' : 'file');
      }
      return { entries: [...entries] };
    }
    return null;
  };
}

function startInProcess(files: Map<string, string>) {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  startWebServer(createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient)));
  const client = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  const answer = answerFrom(files);
  for (const method of ['visitNotes/fs/readFile', 'visitNotes/fs/readDirectory', 'visitNotes/fs/stat']) {
    client.onRequest(method, (params: { uri: string }) => answer(method, params));
  }
  client.listen();
  return client;
}

interface Report {
  kind: string;
  items?: Diagnostic[];
}

test('the server core in process: config, include/ignore/.gitignore and history through the client; a config change re-lints', async () => {
  const files = memoryFiles();
  const client = startInProcess(files);
  try {
    await client.sendRequest('initialize', {
      processId: null,
      rootUri: FOLDER_URI,
      workspaceFolders: [{ uri: FOLDER_URI, name: 'notes-repo' }],
      initializationOptions: { visitNotes: { fileAccess: true } },
      capabilities: { textDocument: { diagnostic: {}, completion: { completionItem: { snippetSupport: true } } }, workspace: { workspaceFolders: true } },
    });
    await client.sendNotification('initialized', {});
    const cli = await cliFindings(WORKSPACE);

    const listed = await client.sendRequest<{ uris: string[] }>('visitNotes/listNotes', {});
    assert.deepEqual(listed.uris, [`${FOLDER_URI}/notes/2026-01-10.md`, `${FOLDER_URI}/notes/2026-02-07.md`]);
    const linted = await client.sendRequest<{ results: { uri: string; diagnostics: Diagnostic[] }[] }>('visitNotes/lintWorkspace', { uris: listed.uris });
    assert.deepEqual(Object.fromEntries(linted.results.map((r) => [r.uri.slice(FOLDER_URI.length + 1), fromDiagnostics(r.diagnostics)])), Object.fromEntries(cli));

    const feb = `${FOLDER_URI}/notes/2026-02-07.md`;
    const text = files.get(`${FOLDER}/notes/2026-02-07.md`)!;
    await client.sendNotification('textDocument/didOpen', { textDocument: { uri: feb, languageId: 'markdown', version: 1, text } });
    const pull = () => client.sendRequest<Report>('textDocument/diagnostic', { textDocument: { uri: feb } });
    assert.deepEqual(fromDiagnostics((await pull()).items ?? []), cli.get('notes/2026-02-07.md'));

    // The hover on G1 shows its history; the timeline has both visits; New Note gets the folder's templates.
    const lines = text.split('\n');
    const goal = lines.findIndex((l) => l.startsWith('- [G1]'));
    const hover = await client.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri: feb }, position: { line: goal, character: 4 } });
    assert.match(hover?.contents.value ?? '', /2026-01-10/);
    const timeline = await client.sendRequest<{ visits: number } | null>('visitNotes/timeline', { uri: feb, cspSource: 'vscode-webview:', nonce: 'bm9uY2Utbm9uY2U=' });
    assert.equal(timeline?.visits, 2);
    const templates = await client.sendRequest<{ defaultTemplate: string }>('visitNotes/newNoteTemplates', { uri: `${FOLDER_URI}/notes/new.visit.md` });
    assert.equal(templates.defaultTemplate, 'follow-up');
    const symbols = await client.sendRequest<{ name: string }[]>('workspace/symbol', { query: 'bakery' });
    assert.ok(symbols.length >= 2, symbols.map((s) => s.name).join(' | '));

    // The shared config turns goal-continuity off: the watched-file event re-reads it.
    files.set(`${FOLDER}/shared/clinic.yaml`, 'rules:\n  story-clinical-jargon: off\n  goal-continuity: off\n');
    await client.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: `${FOLDER_URI}/shared/clinic.yaml`, type: 2 }] });
    let codes: string[] = [];
    for (let i = 0; i < 100; i++) {
      codes = ((await pull()).items ?? []).map((d) => String(d.code));
      if (!codes.includes('goal-continuity')) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.deepEqual(codes, []);
  } finally {
    client.dispose();
  }
});

test('web locations: a workspace scheme to paths and back, folders bound what is read', () => {
  const l = new WebLocations();
  l.foldersChanged([`${FOLDER_URI}/`, 'vscode-remote://host:8080/home/a']);
  assert.equal(l.toPath(`${FOLDER_URI}/notes/a%20b.md`), `${FOLDER}/notes/a b.md`);
  assert.equal(l.toUri(`${FOLDER}/notes/a b.md`), `${FOLDER_URI}/notes/a%20b.md`);
  assert.equal(l.toUri('/home/a/x.md'), 'vscode-remote://host:8080/home/a/x.md');
  assert.ok(l.inWorkspace(`${FOLDER}/notes/x.md`) && l.inWorkspace('/home/a'));
  assert.ok(!l.inWorkspace('/clinic') && !l.inWorkspace('/home/ab/x.md'));
  assert.equal(l.toPath('untitled:Untitled-1'), undefined);
});
