/**
 * `--fix` never loses someone else's edit. fix.test.ts proves the other write
 * properties through the binary (mode 0640 and CRLF kept, untouched files
 * byte-identical with their mtime, atomic writer refusing a changed file); this
 * file drives the whole lint pipeline in-process, with its test seam, to change a
 * note between the moment it was read and the moment its fixes would be written.
 */
import { afterAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { chmodSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CHANGED_ON_DISK, runLint, type LintRunOptions } from '../../server/src/cli/lint/run-lint.ts';
import type { Io } from '../../server/src/cli/io.ts';
import { CLEAN_NOTE, isolatingConfig, MISSING_GOALS, removeProject, tempProject } from './helpers.ts';

const FIXED = MISSING_GOALS.replace('## Medication meaning', '## Goals\n\n## Medication meaning');
const OLD = new Date('2020-01-02T03:04:05Z');
const projects: string[] = [];
afterAll(() => projects.forEach(removeProject));

function project(files: Record<string, string>): string {
  const dir = tempProject({ '.visitnotes.yaml': isolatingConfig(), ...files });
  projects.push(dir);
  for (const name of Object.keys(files)) utimesSync(path.join(dir, name), OLD, OLD);
  return dir;
}

function io(cwd: string): Io & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (d) => void (out += String(d)) },
    stderr: { write: (d) => void (err += String(d)) },
    cwd,
    env: {},
    isTTY: false,
    readStdin: async () => Buffer.alloc(0),
    out: () => out,
    err: () => err,
  };
}

function options(extra: Partial<LintRunOptions>): LintRunOptions {
  return {
    patterns: [],
    format: 'json',
    maxWarnings: undefined,
    quiet: false,
    fix: true,
    fixDryRun: false,
    configFile: undefined,
    noIgnore: false,
    stdin: false,
    stdinFilename: undefined,
    printConfig: undefined,
    color: false,
    outputFile: undefined,
    threads: 1,
    cache: false,
    ...extra,
  };
}

const leftovers = (dir: string) => readdirSync(dir).filter((n) => n.includes('visitnotes-tmp'));

describe('--fix and concurrent edits', { concurrent: true }, () => {
  test('a note edited between read and write is not overwritten, and says so', async () => {
    const dir = project({ 'a.visit.md': MISSING_GOALS, 'b.visit.md': MISSING_GOALS });
    const edited = `${MISSING_GOALS}\nAdded in the editor while visitnotes ran.\n`;
    const cli = io(dir);
    const code = await runLint(
      options({
        hooks: {
          beforeWrite: (file) => {
            if (path.basename(file) === 'a.visit.md') writeFileSync(file, edited);
          },
        },
      }),
      cli,
    );
    assert.equal(code, 1);
    assert.equal(readFileSync(path.join(dir, 'a.visit.md'), 'utf8'), edited, 'the edit survives');
    assert.equal(readFileSync(path.join(dir, 'b.visit.md'), 'utf8'), FIXED, 'other files are still fixed');
    assert.deepEqual(leftovers(dir), []);
    const results = JSON.parse(cli.out());
    const a = results.find((r: { filePath: string }) => r.filePath.endsWith('a.visit.md'));
    assert.deepEqual(
      a.messages.map((m: { ruleId: string | null; message: string; fatal?: boolean }) => [m.ruleId, m.fatal ?? false]),
      [
        [null, true],
        ['required-section', false],
      ],
      'the fatal message, and the findings of the file as it was read',
    );
    assert.equal(a.messages[0].message, CHANGED_ON_DISK);
  });

  test('mode, line endings and untouched files, through the pipeline with worker-sized runs', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 60; i++) files[`n${i}.visit.md`] = i % 2 ? CLEAN_NOTE : MISSING_GOALS.replace(/\n/g, '\r\n');
    const dir = project(files);
    chmodSync(path.join(dir, 'n0.visit.md'), 0o640);
    const cli = io(dir);
    assert.equal(await runLint(options({ threads: 2, debug: true }), cli), 0, cli.err());
    assert.match(cli.err(), /linted in 2 worker threads/);
    assert.equal(statSync(path.join(dir, 'n0.visit.md')).mode & 0o777, 0o640);
    assert.equal(readFileSync(path.join(dir, 'n0.visit.md'), 'utf8'), FIXED.replace(/\n/g, '\r\n'));
    assert.equal(readFileSync(path.join(dir, 'n1.visit.md'), 'utf8'), CLEAN_NOTE);
    assert.equal(statSync(path.join(dir, 'n1.visit.md')).mtimeMs, OLD.getTime(), 'clean files are never written');
    assert.deepEqual(leftovers(dir), []);
  });

  test('--fix with --cache: fixed files are linted afresh next time', async () => {
    const dir = project({ 'a.visit.md': MISSING_GOALS, 'clean.visit.md': CLEAN_NOTE });
    const first = io(dir);
    assert.equal(await runLint(options({ cache: true }), first), 0);
    const again = io(dir);
    assert.equal(await runLint(options({ fix: false, cache: true, debug: true }), again), 0);
    assert.match(again.err(), /2 files: 1 from the cache, 1 linted/);
    assert.equal(again.out(), first.out());
    // A cached result with something to fix is not reused by --fix.
    writeFileSync(path.join(dir, 'a.visit.md'), MISSING_GOALS);
    const lintOnly = io(dir);
    await runLint(options({ fix: false, cache: true }), lintOnly);
    const fixing = io(dir);
    assert.equal(await runLint(options({ cache: true, debug: true }), fixing), 0);
    assert.equal(readFileSync(path.join(dir, 'a.visit.md'), 'utf8'), FIXED);
  });
});
