/**
 * The browser builds (vscode.dev, github.dev): no Node built-in reaches them
 * (and the check that says so does fail when one does), and the language
 * server's worker bundle, run in a sandbox that has only what a web worker has
 * (no `process`, `require`, `Buffer`, `setImmediate`, nor a DOM), answers LSP
 * over postMessage with the engine's findings, as you type.
 */
import { test } from 'vitest';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { lintText, RECOMMENDED } from '../../server/src/engine/index.ts';
import { runCli } from '../cli/helpers.ts';
import { cliFindings, fromDiagnostics } from './faces.ts';
// @ts-expect-error: a plain .mjs build script without types
import { browserBuildOptions, nodeBuiltinPlaceholders, nodeBuiltinsIn, webServerOptions } from '../../scripts/bundle-options.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');
const VERSION = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version as string;
type Found = { output: string; module: string; importers: string[] }[];
const builtinsIn = nodeBuiltinsIn as (m: Metafile) => Found;

async function bundle(options: BuildOptions): Promise<{ code: string; metafile: Metafile }> {
  const r = await build({ ...options, write: false, sourcemap: false, logLevel: 'silent' });
  const js = r.outputFiles.find((f) => !f.path.endsWith('.map'));
  assert.ok(js && r.metafile);
  return { code: js.text, metafile: r.metafile };
}

const [extensionOptions] = (browserBuildOptions as (root: string) => BuildOptions[])(ROOT);
const serverOptions = (webServerOptions as (root: string) => BuildOptions)(ROOT);
const builds = Promise.all([bundle(extensionOptions!), bundle(serverOptions)]);

test('no Node built-in reaches the browser bundles', async () => {
  const [extension, server] = await builds;
  assert.deepEqual(builtinsIn(extension.metafile), []);
  assert.deepEqual(builtinsIn(server.metafile), []);
  // Shared modules do import Node (config discovery reads files): the placeholders were resolved, then dropped.
  assert.ok(Object.keys(server.metafile.inputs).some((i) => i.startsWith('node-builtin:')), 'the server entry imports modules that import Node');
});

test('the check names a Node built-in that browser code uses, and who imports it', async () => {
  const entry = (contents: string) => ({
    bundle: true,
    platform: 'browser' as const,
    format: 'iife' as const,
    metafile: true,
    plugins: [nodeBuiltinPlaceholders()],
    stdin: { contents, resolveDir: ROOT, sourcefile: 'entry.ts', loader: 'ts' as const },
  });
  const uses = await bundle(entry("import { homedir } from 'node:os'; export const where = homedir();"));
  assert.deepEqual(builtinsIn(uses.metafile).map((f) => [f.module, f.importers]), [['node:os', ['entry.ts']]]);
  const named = await bundle(entry("import { readFile } from 'fs'; export const read = () => readFile;"));
  assert.deepEqual(builtinsIn(named.metafile).map((f) => f.module), ['node:fs']);
  const unused = await bundle(entry("import { readFile } from 'node:fs'; export const where = 'a/b';"));
  assert.deepEqual(builtinsIn(unused.metafile), []);
  // `path` and `crypto` have browser implementations: used, they are bundled, not reported.
  const substituted = await bundle(
    entry("import path from 'node:path'; import { createHash } from 'crypto'; export const x = [path.dirname('/a/b.md'), createHash('sha256')];"),
  );
  assert.deepEqual(builtinsIn(substituted.metafile), []);
  const inputs = Object.keys(substituted.metafile.inputs).join(' ');
  assert.match(inputs, /path-browserify/);
  assert.match(inputs, /server\/src\/bundle\/web-crypto\.ts/);
});

test('the browser `crypto` hashes as Node does (SHA-256, SHA-1), and offers nothing else', async () => {
  const { createHash } = await import('../../server/src/bundle/web-crypto.ts');
  const node = await import('node:crypto');
  for (const text of ['', 'body { color: red }', 'Großmutter — “nerve pills” 🌙', 'x'.repeat(10_000)]) {
    assert.equal(createHash('sha256').update(text, 'utf8').digest('base64'), node.createHash('sha256').update(text, 'utf8').digest('base64'));
    assert.equal(createHash('sha256').update(text).digest('hex'), node.createHash('sha256').update(text).digest('hex'));
    assert.equal(createHash('sha1').update(text).digest('hex'), node.createHash('sha1').update(text).digest('hex'));
  }
  assert.throws(() => createHash('md5'), /not available in the browser build/);
});

/** The server bundle in a sandbox with a web worker's globals only; LSP over postMessage. */
async function workerServer(answer: (method: string, params: unknown) => unknown = () => null) {
  const [, server] = await builds;
  const posted: Record<string, unknown>[] = [];
  const waiting: ((m: Record<string, unknown>) => boolean)[] = [];
  const scope: Record<string, unknown> = {
    console,
    setTimeout,
    clearTimeout,
    setInterval,
    clearInterval,
    queueMicrotask,
    TextEncoder,
    TextDecoder,
    URL,
    performance,
    addEventListener: () => {},
    postMessage: (message: unknown) => {
      // As structured clone would: plain data, this realm's objects.
      const m = JSON.parse(JSON.stringify(message)) as Record<string, unknown>;
      posted.push(m);
      // The server's own requests (the file requests of web-fs-protocol.ts, registrations): the client's answer.
      if (typeof m.method === 'string' && m.id !== undefined) {
        void Promise.resolve(answer(m.method, m.params)).then((result) => send({ id: m.id, result: result ?? null }));
      }
      for (let i = 0; i < waiting.length; i++) if (waiting[i]!(m)) waiting.splice(i--, 1);
    },
  };
  scope.self = scope;
  const context = vm.createContext(scope);
  vm.runInContext(server.code, context, { filename: 'dist/web/server.js' });
  for (const name of ['process', 'require', 'Buffer', 'setImmediate', 'document', 'window']) {
    assert.equal(vm.runInContext(`typeof ${name}`, context), 'undefined', `${name} is not a worker global`);
  }
  const innerJson = vm.runInContext('JSON', context) as JSON;
  const send = (message: object) => (scope.onmessage as (e: { data: unknown }) => void)({ data: innerJson.parse(JSON.stringify({ jsonrpc: '2.0', ...message })) });
  let id = 0;
  const request = <T>(method: string, params: unknown): Promise<T> => {
    const my = ++id;
    return new Promise<T>((resolve, reject) => {
      waiting.push((m) => {
        if (m.id !== my || 'method' in m) return false;
        if (m.error) reject(new Error(JSON.stringify(m.error)));
        else resolve(m.result as T);
        return true;
      });
      send({ id: my, method, params });
    });
  };
  const notify = (method: string, params: unknown) => send({ method, params });
  return { request, notify, posted };
}

const BAD = readFileSync(path.join(ROOT, 'test/vscode/workspace/bad.visit.md'), 'utf8');
const TYPICAL = readFileSync(path.join(ROOT, 'test/vscode/workspace-cold/typical.visit.md'), 'utf8');
interface Diag { code: string; message: string; range: { start: { line: number; character: number } }; data?: { fix?: unknown } }
interface Report { kind: string; resultId?: string; items?: Diag[] }

test('the worker bundle speaks LSP over postMessage: diagnostics as you type, completion, hover, quick fix, outline', async () => {
  const server = await workerServer();
  const init = await server.request<{ capabilities: Record<string, unknown>; serverInfo: { version?: string } }>('initialize', {
    processId: null,
    rootUri: null,
    capabilities: { textDocument: { diagnostic: {}, completion: { completionItem: { snippetSupport: true } } }, workspace: { workspaceEdit: { documentChanges: true } } },
  });
  assert.equal(init.serverInfo.version, VERSION);
  for (const c of ['diagnosticProvider', 'completionProvider', 'hoverProvider', 'codeActionProvider', 'documentSymbolProvider']) assert.ok(init.capabilities[c], c);
  server.notify('initialized', {});

  const uri = 'vscode-vfs://github/clinic/notes/2026-11-18.visit.md';
  server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'visitnote', version: 1, text: BAD } });
  const first = await server.request<Report>('textDocument/diagnostic', { textDocument: { uri } });
  const rules = (r: Report) => (r.items ?? []).map((d) => d.code).sort();
  // The engine's own findings under the built-in config: the same rules, none lost on the way.
  assert.deepEqual(rules(first), lintText(BAD, { config: RECOMMENDED }).findings.map((f) => f.ruleId).sort());
  assert.ok(rules(first).includes('required-section') && rules(first).includes('undefined-goal'), rules(first).join(', '));
  assert.deepEqual(await server.request<Report>('textDocument/diagnostic', { textDocument: { uri }, previousResultId: first.resultId }), {
    kind: 'unchanged',
    resultId: first.resultId,
  });

  // Typing: the Countertransference section appears at the end; its finding goes, the others stay.
  const lines = BAD.split('\n');
  const end = { line: lines.length - 1, character: lines.at(-1)!.length };
  const added = '\n## Countertransference\nI felt protective of him and noticed I wanted to be the one who made the drive easier.\n';
  server.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: end, end }, text: added }] });
  const second = await server.request<Report>('textDocument/diagnostic', { textDocument: { uri }, previousResultId: first.resultId });
  assert.equal(second.kind, 'full');
  assert.notEqual(second.resultId, first.resultId);
  assert.deepEqual(rules(second), lintText(BAD + added, { config: RECOMMENDED }).findings.map((f) => f.ruleId).sort());
  const missing = (r: Report) => (r.items ?? []).filter((d) => d.code === 'required-section').map((d) => d.message).join(' ');
  assert.match(missing(first), /Countertransference/);
  assert.doesNotMatch(missing(second), /Countertransference/);

  // Completion after `[` in a rationale: the note's goals.
  const rationale = lines.findIndex((l) => l.startsWith('- Rationale:'));
  const at = lines[rationale]!.indexOf('[G1]') + 1;
  const completion = await server.request<{ items: { label: string }[] }>('textDocument/completion', { textDocument: { uri }, position: { line: rationale, character: at } });
  const labels = completion.items.map((i) => i.label).join(' ');
  assert.match(labels, /G1/);
  assert.match(labels, /G2/);

  // Hover on the reference: the goal it points at.
  const hover = await server.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: { line: rationale, character: at + 1 } });
  assert.match(hover.contents.value, /Drive up to visit his son/);

  // A quick fix for a finding that has one.
  const fixable = second.items!.find((d) => d.data?.fix);
  assert.ok(fixable, `a fixable finding among ${rules(second).join(', ')}`);
  const actions = await server.request<{ title: string; edit?: unknown }[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: fixable.range,
    context: { diagnostics: [fixable], only: ['quickfix'] },
  });
  assert.ok(actions.some((a) => a.edit), actions.map((a) => a.title).join(' | '));

  // The outline: the note's sections.
  const symbols = await server.request<{ name: string }[]>('textDocument/documentSymbol', { textDocument: { uri } });
  assert.deepEqual(symbols.map((s) => s.name).filter((n) => /Story|Goals|Countertransference/.test(n)), ['Story', 'Goals', 'Countertransference']);
});

test('the worker bundle decodes character references without a DOM, and lints a typical note', async () => {
  const server = await workerServer();
  await server.request('initialize', { processId: null, rootUri: null, capabilities: { textDocument: { diagnostic: {} } } });
  const uri = 'file:///notes/typical.visit.md';
  // `&amp;` and `&eacute;` go through micromark's named-reference decoder (its `browser` build needs `document`).
  const text = TYPICAL.replace('likes the quiet.', 'likes the quiet &amp; the caf&eacute; next door.');
  server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'visitnote', version: 1, text } });
  const report = await server.request<Report>('textDocument/diagnostic', { textDocument: { uri } });
  assert.deepEqual((report.items ?? []).map((d) => d.code).sort(), lintText(text, { config: RECOMMENDED }).findings.map((f) => f.ruleId).sort());
  assert.ok((report.items ?? []).length > 0, 'the typical note has findings (a symptom-only rationale)');
  assert.ok(!server.posted.some((m) => JSON.stringify(m).includes('document is not defined')));
});

/**
 * Issue 14, stage 2: the worker reads the workspace through the client
 * (web-fs-protocol.ts), here an in-memory copy of test/vscode/workspace-web-config
 * served as github.dev serves a repository (`vscode-vfs:`). Config discovery
 * (`extends`, a rule turned off), `include`/`ignore`, a nested `.gitignore` and
 * the visit index give the findings `visitnotes lint` gives on disk.
 */
const CONFIG_WORKSPACE = path.join(ROOT, 'test/vscode/workspace-web-config');
const ORIGIN = 'vscode-vfs://github';
const FOLDER = '/clinic/notes-repo';

function memoryWorkspace(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else files.set(`${FOLDER}/${path.relative(dir, full).split(path.sep).join('/')}`, readFileSync(full, 'utf8'));
    }
  };
  walk(dir);
  return files;
}

/** The extension's answers (client/src/web/file-access.ts), over a map of files; counts the requests. */
function memoryFileAccess(files: Map<string, string>) {
  const asked: string[] = [];
  const pathOf = (uri: string) => decodeURIComponent(uri.slice(ORIGIN.length));
  const isDir = (p: string) => [...files.keys()].some((f) => f.startsWith(`${p.replace(/\/$/, '')}/`));
  const answer = (method: string, params: unknown) => {
    const { uri, limit } = params as { uri: string; limit?: number };
    if (!method.startsWith('visitNotes/fs/')) return null;
    asked.push(method);
    const p = pathOf(uri);
    if (method === 'visitNotes/fs/stat') return files.has(p) ? { kind: 'file' } : isDir(p) ? { kind: 'directory' } : null;
    if (method === 'visitNotes/fs/readFile') {
      const text = files.get(p);
      if (text === undefined) return isDir(p) ? { kind: 'directory' } : { kind: 'absent' };
      const size = new TextEncoder().encode(text).length;
      return size > limit! ? { kind: 'file', size } : { kind: 'file', size, text };
    }
    if (!isDir(p)) return { error: 'ENOENT' };
    const prefix = `${p.replace(/\/$/, '')}/`;
    const entries = new Map<string, string>();
    for (const f of files.keys()) {
      if (!f.startsWith(prefix)) continue;
      const [name, ...rest] = f.slice(prefix.length).split('/');
      entries.set(name!, rest.length ? 'directory' : 'file');
    }
    return { entries: [...entries] };
  };
  return { answer, asked };
}

test('in the browser, config discovery, include/ignore/.gitignore and the visit index read the workspace through the client, as the CLI reads the disk', async () => {
  const files = memoryWorkspace(CONFIG_WORKSPACE);
  const access = memoryFileAccess(files);
  const server = await workerServer(access.answer);
  const folderUri = `${ORIGIN}${FOLDER}`;
  await server.request('initialize', {
    processId: null,
    rootUri: folderUri,
    workspaceFolders: [{ uri: folderUri, name: 'notes-repo' }],
    initializationOptions: { visitNotes: { fileAccess: true } },
    capabilities: { textDocument: { diagnostic: {} }, workspace: { diagnostics: { refreshSupport: true }, workspaceFolders: true } },
  });
  server.notify('initialized', {});

  const cli = await cliFindings(CONFIG_WORKSPACE);
  assert.deepEqual([...cli.keys()].sort(), ['notes/2026-01-10.md', 'notes/2026-02-07.md'], 'the CLI: drafts ignored by config, archive by the nested .gitignore');
  assert.ok(cli.get('notes/2026-02-07.md')!.some((f) => f.startsWith('goal-continuity ')), 'February: goal-continuity');
  assert.ok(!cli.get('notes/2026-02-07.md')!.some((f) => f.startsWith('story-clinical-jargon ')), 'the extended file turns the rule off');

  // Lint Workspace: the same notes, the same findings.
  const listed = await server.request<{ uris: string[] }>('visitNotes/listNotes', {});
  assert.deepEqual(listed.uris, [`${folderUri}/notes/2026-01-10.md`, `${folderUri}/notes/2026-02-07.md`]);
  const linted = await server.request<{ results: { uri: string; diagnostics: Diag[] }[] }>('visitNotes/lintWorkspace', { uris: listed.uris });
  const byNote = new Map(linted.results.map((r) => [r.uri.slice(folderUri.length + 1), fromDiagnostics(r.diagnostics as never)]));
  assert.deepEqual(Object.fromEntries(byNote), Object.fromEntries(cli));

  // February opened as Markdown (it is a note by `include`): its pulled diagnostics, history included.
  const feb = `${folderUri}/notes/2026-02-07.md`;
  server.notify('textDocument/didOpen', { textDocument: { uri: feb, languageId: 'markdown', version: 1, text: files.get(`${FOLDER}/notes/2026-02-07.md`) } });
  const report = await server.request<Report>('textDocument/diagnostic', { textDocument: { uri: feb } });
  assert.deepEqual(fromDiagnostics((report.items ?? []) as never), cli.get('notes/2026-02-07.md'));
  // Another Markdown file is no note: nothing for it.
  const readme = `${folderUri}/README.md`;
  server.notify('textDocument/didOpen', { textDocument: { uri: readme, languageId: 'markdown', version: 1, text: files.get(`${FOLDER}/README.md`) } });
  assert.deepEqual((await server.request<Report>('textDocument/diagnostic', { textDocument: { uri: readme } })).items, []);
  assert.ok(access.asked.includes('visitNotes/fs/readDirectory') && access.asked.includes('visitNotes/fs/readFile'), access.asked.join(' '));
});

test('in the browser, an unreadable config is worded as on disk, and a client without file access gets the built-in config', async () => {
  const files = memoryWorkspace(CONFIG_WORKSPACE);
  // The config extends a file that is not there.
  files.set(`${FOLDER}/.visitnotes.yaml`, 'extends: ./shared/missing.yaml\n');
  const server = await workerServer(memoryFileAccess(files).answer);
  const folderUri = `${ORIGIN}${FOLDER}`;
  await server.request('initialize', {
    processId: null,
    rootUri: folderUri,
    initializationOptions: { visitNotes: { fileAccess: true } },
    capabilities: { textDocument: { diagnostic: {} } },
  });
  server.notify('initialized', {});
  const uri = `${folderUri}/notes/2026-03-01.visit.md`;
  server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'visitnote', version: 1, text: BAD } });
  await server.request<Report>('textDocument/diagnostic', { textDocument: { uri } });
  const published = () =>
    server.posted.filter((m) => m.method === 'textDocument/publishDiagnostics').map((m) => m.params as { uri: string; diagnostics: Diag[] });
  for (let i = 0; i < 50 && !published().some((p) => p.uri.endsWith('/.visitnotes.yaml')); i++) await new Promise((r) => setTimeout(r, 20));
  const onConfig = published().find((p) => p.uri === `${folderUri}/.visitnotes.yaml`);
  assert.ok(onConfig, 'the problem is shown on the config file');
  const cli = await runCli(['lint', '--format', 'json', 'notes/2026-01-10.md'], { cwd: writeProject(files) });
  // `…/.visitnotes.yaml:1:10: extends: cannot find the file to extend (…)`: the same words on the config's diagnostic.
  const cliMessage = /\.visitnotes\.yaml:\d+:\d+: (.*)$/m.exec(cli.stderr)?.[1];
  assert.match(cliMessage ?? '', /^extends: cannot find the file to extend/, cli.stderr);
  assert.ok(onConfig.diagnostics[0]!.message.startsWith(cliMessage!), `${onConfig.diagnostics[0]!.message} vs ${cli.stderr}`);
  assert.equal(onConfig.diagnostics[0]!.range.start.line, 0);

  // Another LSP client that does not answer file requests: the built-in config, and no request is sent.
  const plain = await workerServer(() => {
    throw new Error('no file request may reach a client without fileAccess');
  });
  await plain.request('initialize', { processId: null, rootUri: folderUri, capabilities: { textDocument: { diagnostic: {} } } });
  plain.notify('initialized', {});
  plain.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'visitnote', version: 1, text: BAD } });
  const report = await plain.request<Report>('textDocument/diagnostic', { textDocument: { uri } });
  assert.deepEqual((report.items ?? []).map((d) => d.code).sort(), lintText(BAD, { config: RECOMMENDED }).findings.map((f) => f.ruleId).sort());
  assert.ok(!plain.posted.some((m) => typeof m.method === 'string' && m.method.startsWith('visitNotes/fs/')));
});

/** The files on disk, for the CLI to compare with. */
function writeProject(files: Map<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'vn-web-'));
  for (const [p, text] of files) {
    const full = path.join(dir, p.slice(FOLDER.length + 1));
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
  return dir;
}

test('in the browser, config files the extension read ahead (with initialize) answer the first lookup without a request', async () => {
  const files = new Map([[`${FOLDER}/.visitnotes.yaml`, 'rules:\n  undefined-goal: off\n']]);
  const access = memoryFileAccess(files);
  const server = await workerServer(access.answer);
  const folderUri = `${ORIGIN}${FOLDER}`;
  const prefetched = {
    [`${folderUri}/.visitnotes.yaml`]: { kind: 'file', size: 30, text: 'rules:\n  undefined-goal: off\n' },
    [`${folderUri}/.visitnotes.yml`]: { kind: 'absent' },
    [`${folderUri}/.visitnotes.json`]: { kind: 'absent' },
  };
  await server.request('initialize', {
    processId: null,
    rootUri: folderUri,
    initializationOptions: { visitNotes: { fileAccess: true, prefetched } },
    capabilities: { textDocument: { diagnostic: {} } },
  });
  server.notify('initialized', {});
  const uri = `${folderUri}/2026-11-18.visit.md`;
  server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'visitnote', version: 1, text: BAD } });
  const report = await server.request<Report>('textDocument/diagnostic', { textDocument: { uri } });
  const codes = (report.items ?? []).map((d) => d.code);
  assert.ok(codes.includes('required-section') && !codes.includes('undefined-goal'), codes.join(', '));
  const reads = server.posted.filter((m) => m.method === 'visitNotes/fs/readFile').map((m) => (m.params as { uri: string }).uri);
  assert.ok(!reads.some((u) => u.startsWith(`${folderUri}/.visitnotes.`)), `no request for a file read ahead: ${reads.join(' ')}`);
});
