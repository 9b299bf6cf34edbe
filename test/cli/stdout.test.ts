/**
 * The built binary's standard output (cli/stdio.ts) as the programs that read it see it:
 * a terminal gets colour and a pipe does not; a reader that closes the pipe early is not
 * an error; a pipe another program left non-blocking still gets every byte, in order.
 */
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, CLEAN_NOTE, cleanEnv, ensureBuilt, removeProject, tempProject } from './helpers.ts';

// A note with findings, many times: a JSON report far larger than a pipe's buffer (64 KiB).
const NOTE_WITH_FINDINGS = '---\npatient: P1\ndate: 2026-01-05\n---\n\n## Story\n\nShe slept better this week.\n';
const COPIES = 400;
let dir: string;
let whole: string;
beforeAll(() => {
  ensureBuilt();
  dir = tempProject({ 'clean.visit.md': CLEAN_NOTE, ...Object.fromEntries(Array.from({ length: COPIES }, (_, i) => [`many/n${i}.visit.md`, NOTE_WITH_FINDINGS.replace('P1', `P${i}`)])) });
  const run = spawnSync(process.execPath, [BIN, 'lint', 'many', '--format', 'json'], { cwd: dir, env: cleanEnv(), encoding: 'utf8', maxBuffer: 64 << 20 });
  expect(run.status).toBe(1);
  whole = run.stdout;
  expect(whole.length).toBeGreaterThan(4 * 65536);
  expect(JSON.parse(whole)).toHaveLength(COPIES);
});
afterAll(() => removeProject(dir));

const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
const hasPython = spawnSync('python3', ['--version'], { encoding: 'utf8' }).status === 0;

describe('standard output', () => {
  it('a pipe gets no colour; a terminal does', { skip: !hasScript }, () => {
    const piped = spawnSync(process.execPath, [BIN, 'lint', 'many/n1.visit.md'], { cwd: dir, env: cleanEnv(), encoding: 'utf8' });
    expect(piped.stdout).toMatch(/problem/);
    expect(piped.stdout).not.toContain('\u001b[');
    // util-linux `script` runs the command on a pseudo-terminal.
    const command = [process.execPath, BIN, 'lint', 'many/n1.visit.md'].map((a) => `'${a}'`).join(' ');
    const tty = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: dir, env: cleanEnv({ TERM: 'xterm' }), encoding: 'utf8' });
    expect(tty.stdout).toMatch(/problem/);
    expect(tty.stdout).toContain('\u001b[');
  });

  it('a reader that stops early is not a failure: no error, the exit code of the findings', async () => {
    const child = spawn(process.execPath, [BIN, 'lint', 'many', '--format', 'json'], { cwd: dir, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(1);
  });

  it('a non-blocking pipe gets the whole report, in order', { skip: !hasPython }, () => {
    // Python leaves the pipe as it was made (Node would make the child's end blocking),
    // and reads only after a while, so the binary's writes fill the pipe and would block.
    const script = [
      'import os, subprocess, sys, time',
      'r, w = os.pipe()',
      'os.set_blocking(w, False)',
      `p = subprocess.Popen(sys.argv[1:], stdout=w, cwd=${JSON.stringify(dir)})`,
      'os.close(w)',
      'time.sleep(0.5)',
      'chunks = []',
      'while True:',
      '    b = os.read(r, 65536)',
      '    if not b: break',
      '    chunks.append(b)',
      'sys.stdout.buffer.write(b"".join(chunks))',
      'sys.exit(p.wait())',
    ].join('\n');
    const run = spawnSync('python3', ['-c', script, process.execPath, BIN, 'lint', 'many', '--format', 'json'], { env: cleanEnv(), encoding: 'utf8', maxBuffer: 64 << 20 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect(run.stdout).toBe(whole);
  });

  it("a clean note's JSON report holds it with no problems", () => {
    const run = spawnSync(process.execPath, [BIN, 'lint', path.join(dir, 'clean.visit.md'), '--format', 'json'], { cwd: dir, env: cleanEnv(), encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([expect.objectContaining({ errorCount: 0 })]);
  });
});
