/**
 * `visitnotes export`: the same rendering as the preview, standalone, with the
 * private section left out unless --include-private. Runs the CLI in-process.
 */
import { test } from 'vitest';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run, type Io } from '../server/src/cli/main.ts';
import { lintText } from '../server/src/engine/index.ts';
import { renderNoteHtml } from '../server/src/preview/render.ts';
import { exportNoteHtml } from '../server/src/preview/export.ts';

const root = path.resolve(import.meta.dirname, '..');

function io(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const text = (t: string | Uint8Array) => (typeof t === 'string' ? t : Buffer.from(t).toString('utf8'));
  const value: Io = {
    stdout: { write: (t) => void out.push(text(t)) },
    stderr: { write: (t) => void err.push(text(t)) },
    cwd,
    env: {},
    isTTY: false,
    readStdin: async () => Buffer.alloc(0),
  };
  return { io: value, out: () => out.join(''), err: () => err.join('') };
}

function workspace(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vn-export-'));
  copyFileSync(path.join(root, 'examples/clean-follow-up.visit.md'), path.join(dir, 'note.visit.md'));
  return dir;
}

test('export -o writes the standalone rendering, Countertransference left out', async () => {
  const dir = workspace();
  const t = io(dir);
  const code = await run(['export', 'note.visit.md', '-o', 'note.html'], t.io);
  assert.equal(code, 0, t.err());
  const html = readFileSync(path.join(dir, 'note.html'), 'utf8');
  assert.match(html, /^<!DOCTYPE html>/);
  assert.match(html, /Content-Security-Policy" content="default-src &#39;none&#39;/);
  assert.doesNotMatch(html, /<script/);
  assert.match(html, /class="vn-map"/);
  assert.match(html, /R\.M\./);
  assert.doesNotMatch(html, /frustration with the slow pace/);
  assert.match(t.err(), /left out/);
  assert.equal(t.out(), '');
});

test('export --include-private keeps the section, marked private; stdout by default', async () => {
  const dir = workspace();
  const t = io(dir);
  const code = await run(['export', 'note.visit.md', '--include-private'], t.io);
  assert.equal(code, 0);
  assert.match(t.out(), /frustration with the slow pace/);
  assert.match(t.out(), /vn-private-badge/);
});

test('export renders exactly what the preview renderer renders (standalone)', async () => {
  const dir = workspace();
  const t = io(dir);
  await run(['export', 'note.visit.md'], t.io);
  const text = readFileSync(path.join(dir, 'note.visit.md'), 'utf8');
  const { note, findings } = lintText(text);
  assert.equal(t.out(), renderNoteHtml(note, findings, { includePrivate: false, standalone: true, template: 'follow-up' }));
  assert.equal(t.out(), exportNoteHtml(text));
});

test('export: bad usage and unreadable files exit 2', async () => {
  const dir = workspace();
  const none = io(dir);
  assert.equal(await run(['export'], none.io), 2);
  const two = io(dir);
  assert.equal(await run(['export', 'a.visit.md', 'b.visit.md'], two.io), 2);
  const missing = io(dir);
  assert.equal(await run(['export', 'missing.visit.md'], missing.io), 2);
  assert.match(missing.err(), /missing.visit.md: No such file/);
});

test('export escapes hostile note text', async () => {
  const dir = workspace();
  writeFileSync(path.join(dir, 'x.visit.md'), '---\npatient: "<script>alert(1)</script>"\ndate: 2026-01-02\n---\n\n## Story\n<img src=x onerror=alert(1)>\n');
  const t = io(dir);
  assert.equal(await run(['export', 'x.visit.md'], t.io), 0);
  assert.doesNotMatch(t.out(), /<script>alert|<img/);
  assert.match(t.out(), /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
});
