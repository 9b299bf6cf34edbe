/**
 * For the tests of the install routes: a copy of this repository as a git
 * clone would have it (tracked and not-ignored files, no node_modules, no
 * dist/), npm run offline with an empty cache (so nothing can come from the
 * registry or from a cache), and small runners.
 */
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { copyFileSync, lstatSync, mkdirSync, mkdtempSync, readlinkSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * Copies the working tree's tracked and untracked-but-not-ignored files into
 * `<dir>/repo`, and links `<dir>/node_modules` to this checkout's, so builds in
 * the copy resolve their dev dependencies one folder up, as after `npm install`
 * (which needs the registry; these tests must not). Returns the copy's path.
 */
export function copyRepository(dir: string): string {
  const repo = path.join(dir, 'repo');
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' });
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  for (const rel of new Set(listed.stdout.split('\0').filter(Boolean))) {
    const from = path.join(ROOT, rel);
    let st;
    try {
      st = lstatSync(from);
    } catch {
      continue; // tracked but deleted in the working tree
    }
    const to = path.join(repo, rel);
    mkdirSync(path.dirname(to), { recursive: true });
    if (st.isSymbolicLink()) symlinkSync(readlinkSync(from), to);
    else if (st.isFile()) copyFileSync(from, to);
  }
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  return repo;
}

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** npm's environment for these tests: offline, a fresh empty cache, no lifecycle variables of an outer `npm test`. */
export function npmEnv(cache: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k) && !['NO_COLOR', 'FORCE_COLOR', 'VISITNOTES_DEBUG', 'CI', 'GITHUB_ACTIONS'].includes(k)) env[k] = v;
  return {
    ...env,
    npm_config_cache: cache,
    npm_config_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    npm_config_loglevel: 'error',
    ...extra,
  };
}

export function npm(args: string[], cwd: string, env: NodeJS.ProcessEnv): SpawnSyncReturns<string> {
  const r = spawnSync('npm', args, { cwd, env, encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0) throw new Error(`npm ${args.join(' ')} exited with ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return r;
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function run(cmd: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; input?: string }): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: options.cwd, env: options.env });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
    child.stdin.end(options.input ?? '');
  });
}

/** Sends `initialize` over stdio to a language server command and resolves with its result; then shuts it down. */
export function lspInitialize(cmd: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<{ capabilities?: object; serverInfo?: { name?: string } }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: options.cwd, env: options.env });
    const send = (msg: object) => {
      const body = JSON.stringify({ jsonrpc: '2.0', ...msg });
      child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    };
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error('no answer to initialize within 20 s'));
    }, 20_000);
    let buffer = Buffer.alloc(0);
    child.stdout.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const text = buffer.toString('latin1');
        const m = /Content-Length: (\d+)\r\n\r\n/.exec(text);
        if (!m) return;
        const start = m.index + m[0].length;
        const length = Number(m[1]);
        if (buffer.length < start + length) return;
        const message = JSON.parse(buffer.subarray(start, start + length).toString('utf8'));
        buffer = buffer.subarray(start + length);
        if (message.id === 1) {
          clearTimeout(timer);
          send({ method: 'initialized', params: {} });
          send({ id: 2, method: 'shutdown' });
          send({ method: 'exit' });
          child.on('close', () => resolve(message.result));
        }
      }
    });
    child.on('error', reject);
    send({ id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
  });
}
