/**
 * Shared by the CLI tests: they spawn the REAL built binary (`node bin/visitnotes.js`)
 * in temporary folders. `ensureBuilt()` rebuilds dist/ when it is missing or older
 * than any source, under a lock, since test files may run in parallel.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RULES } from '../../server/src/engine/index.ts';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const BIN = path.join(ROOT, 'bin/visitnotes.js');
const CLI = path.join(ROOT, 'dist/cli.js');

function newestMtime(p: string): number {
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, name)));
  return newest;
}

function stale(): boolean {
  try {
    const built = statSync(CLI).mtimeMs;
    const sources = Math.max(
      newestMtime(path.join(ROOT, 'server/src')),
      newestMtime(path.join(ROOT, 'scripts/build.mjs')),
      newestMtime(path.join(ROOT, 'package.json')),
    );
    return sources > built;
  } catch {
    return true;
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Builds dist/ once if it is missing or older than the sources. */
export function ensureBuilt(): void {
  if (!stale()) return;
  const lock = path.join(os.tmpdir(), 'visitnotes-cli-test-build.lock');
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Someone else is building; a lock older than 2 minutes is abandoned.
      try {
        if (Date.now() - statSync(lock).mtimeMs > 120_000) rmSync(lock, { recursive: true, force: true });
      } catch {
        /* gone already */
      }
      if (Date.now() > deadline) throw new Error('timed out waiting for another test to build dist/');
      sleep(100);
    }
  }
  try {
    if (!stale()) return;
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`build failed:\n${r.stdout}\n${r.stderr}`);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Environment without anything that changes output (colour, debug). */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ['NO_COLOR', 'FORCE_COLOR', 'VISITNOTES_DEBUG', 'TERM', 'CI', 'GITHUB_ACTIONS']) delete env[k];
  return { ...env, ...extra };
}

export function runCli(
  args: string[],
  options: { cwd: string; env?: Record<string, string>; input?: string | Buffer; bin?: string } = { cwd: ROOT },
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [options.bin ?? BIN, ...args], { cwd: options.cwd, env: cleanEnv(options.env) });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
    child.stdin.on('error', () => {}); // the CLI may exit without reading stdin
    child.stdin.end(options.input ?? '');
  });
}

/** A fresh temporary folder with the given files (paths relative to it). */
export function tempProject(files: Record<string, string | Buffer> = {}): string {
  // realpath: on macOS /tmp is a symlink, and the CLI reports real absolute paths.
  const dir = path.resolve(mkdtempSync(path.join(os.tmpdir(), 'visitnotes-cli-')));
  writeFiles(dir, files);
  return dir;
}

export function writeFiles(dir: string, files: Record<string, string | Buffer>): void {
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(dir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
}

export function removeProject(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * A config that turns off every rule except `required-section` (and those in
 * `keep`), so these tests depend only on rules whose behaviour is settled.
 */
export function isolatingConfig(overrides: Record<string, string> = {}, keep: string[] = ['required-section']): string {
  const lines = ['rules:'];
  for (const rule of RULES) {
    const setting = overrides[rule.id] ?? (keep.includes(rule.id) ? undefined : 'off');
    if (setting) lines.push(`  ${rule.id}: ${setting}`);
  }
  return `${lines.join('\n')}\n`;
}

/** A complete note (all five sections). */
export const CLEAN_NOTE = `---
patient: J.K.
date: 2026-10-02
---

## Story
She moved back in with her mother after the lease ended.

## Relationships
- Mother: close, sometimes tense about chores.

## Goals
- [G1] Find work she can walk to.

## Medication meaning
### Bupropion 150 mg daily
- Change: continue
- Rationale: Energy to look for work [G1].
- Meaning: Feels like "my own decision" this time.

## Countertransference
I noticed I wanted her to be further along than she is.
`;

/** The same note without `## Goals`: one required-section error at `## Medication meaning` (line 11). */
export const MISSING_GOALS = `---
patient: J.K.
date: 2026-10-02
---

## Story
She moved back in with her mother after the lease ended.

## Relationships
- Mother: close, sometimes tense about chores.

## Medication meaning
### Bupropion 150 mg daily
- Change: continue
- Rationale: Energy to look for work.
- Meaning: Feels like "my own decision" this time.

## Countertransference
I noticed I wanted her to be further along than she is.
`;

export const MISSING_GOALS_LINE = 12;
export const MISSING_GOALS_MESSAGE = 'Missing required section "Goals" (template "follow-up").';
