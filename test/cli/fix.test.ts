/**
 * `--fix`, `--fix-dry-run` and `--stdin --fix` through the real binary, plus the
 * atomic writer itself. What a fix inserts comes from `required-section` (a note
 * missing `## Goals` gets the heading before `## Medication meaning`).
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { chmodSync, chownSync, lstatSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { writeFixed } from '../../server/src/cli/lint/write.ts';
import { encodeFixed, decodeNote } from '../../server/src/node/read-note.ts';
import { CLEAN_NOTE, ensureBuilt, isolatingConfig, MISSING_GOALS, removeProject, runCli, tempProject } from './helpers.ts';

const FIXED = MISSING_GOALS.replace('## Medication meaning', '## Goals\n\n## Medication meaning');
const BOM = '\ufeff';
const OLD = new Date('2020-01-02T03:04:05Z');

const projects: string[] = [];
function project(files: Record<string, string | Buffer>): string {
  const dir = tempProject({ '.visitnotes.yaml': isolatingConfig(), ...files });
  projects.push(dir);
  for (const name of Object.keys(files)) utimesSync(path.join(dir, name), OLD, OLD);
  return dir;
}
const read = (dir: string, name: string) => readFileSync(path.join(dir, name));
const leftovers = (dir: string) => readdirSync(dir).filter((n) => n.includes('visitnotes-tmp'));

beforeAll(() => ensureBuilt());
afterAll(() => projects.forEach(removeProject));

describe('--fix', { concurrent: true }, () => {
  test('fixes what it can, reports what remains, and leaves clean files byte-identical and untouched', async () => {
    const dir = project({ 'a.visit.md': MISSING_GOALS, 'clean.visit.md': CLEAN_NOTE, 'bin.visit.md': Buffer.from([0, 1, 2]) });
    const cleanBefore = read(dir, 'clean.visit.md');
    const r = (await runCli(['lint', '--fix', '-f', 'json'], { cwd: dir }));
    assert.equal(r.stderr, '');
    assert.equal(r.code, 1, 'the binary file remains an error');
    assert.equal(read(dir, 'a.visit.md').toString('utf8'), FIXED);
    const results = JSON.parse(r.stdout);
    assert.deepEqual(
      results.map((x: { filePath: string; errorCount: number }) => [path.basename(x.filePath), x.errorCount]),
      [['a.visit.md', 0], ['bin.visit.md', 1], ['clean.visit.md', 0]],
    );
    assert.ok(read(dir, 'clean.visit.md').equals(cleanBefore));
    assert.equal(statSync(path.join(dir, 'clean.visit.md')).mtimeMs, OLD.getTime(), 'a file with nothing to fix is never written');
    assert.ok(read(dir, 'bin.visit.md').equals(Buffer.from([0, 1, 2])));
    assert.deepEqual(leftovers(dir), []);
    // Running again changes nothing.
    const again = (await runCli(['lint', '--fix', 'a.visit.md'], { cwd: dir }));
    assert.equal(again.code, 0);
    assert.equal(again.stdout, '');
  });

  test('keeps CRLF line endings, a BOM and the file mode', async () => {
    const crlf = MISSING_GOALS.replace(/\n/g, '\r\n');
    const dir = project({ 'crlf.visit.md': crlf, 'bom.visit.md': BOM + MISSING_GOALS, 'both.visit.md': BOM + crlf });
    chmodSync(path.join(dir, 'crlf.visit.md'), 0o640);
    const r = (await runCli(['lint', '--fix'], { cwd: dir }));
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const fixedCrlf = read(dir, 'crlf.visit.md').toString('utf8');
    assert.equal(fixedCrlf, FIXED.replace(/\n/g, '\r\n'));
    assert.doesNotMatch(fixedCrlf, /[^\r]\n/, 'no bare LF introduced');
    assert.equal(statSync(path.join(dir, 'crlf.visit.md')).mode & 0o777, 0o640);
    assert.equal(read(dir, 'bom.visit.md').toString('utf8'), BOM + FIXED);
    assert.equal(read(dir, 'both.visit.md').toString('utf8'), BOM + FIXED.replace(/\n/g, '\r\n'));
  });

  test('writes through a symbolic link, keeping the link', async () => {
    const dir = project({ 'real.visit.md': MISSING_GOALS });
    symlinkSync(path.join(dir, 'real.visit.md'), path.join(dir, 'link.visit.md'));
    const r = (await runCli(['lint', '--fix', 'link.visit.md'], { cwd: dir }));
    assert.equal(r.code, 0);
    assert.ok(lstatSync(path.join(dir, 'link.visit.md')).isSymbolicLink());
    assert.equal(read(dir, 'real.visit.md').toString('utf8'), FIXED);
  });

  test('--fix-dry-run reports what would remain and writes nothing', async () => {
    const dir = project({ 'a.visit.md': MISSING_GOALS });
    const before = read(dir, 'a.visit.md');
    const r = (await runCli(['lint', '--fix-dry-run', '-f', 'json'], { cwd: dir }));
    assert.equal(r.code, 0);
    assert.deepEqual(JSON.parse(r.stdout)[0].messages, []);
    assert.ok(read(dir, 'a.visit.md').equals(before));
    assert.equal(statSync(path.join(dir, 'a.visit.md')).mtimeMs, OLD.getTime());
  });

  test('--fix-dry-run lists the suggestions safe to print under their finding; --fix never applies them', async () => {
    const prose = [
      '---', 'patient: A.R.', 'date: 2026-10-05', '---', '',
      '## Goals', '- [G1] Sing with Maria Lopez at the choir.', '',
      '## Medication meaning',
      'Discussed raising fluoxetine to 40 mg for ongoing low mood, she agreed.', '',
      '### Trazodone 50 mg', '- Rationale: Insomnia.', '- Meaning: Unsure.', '',
    ].join('\n');
    const dir = tempProject({ '.visitnotes.yaml': isolatingConfig({}, ['prose-medication', 'rationale-goal-link']), 'p.visit.md': prose });
    projects.push(dir);
    const dry = await runCli(['lint', '--fix-dry-run', '--no-color'], { cwd: dir });
    assert.equal(dry.code, 0);
    const lines = dry.stdout.split('\n');
    const at = lines.findIndex((l) => l.includes('Fluoxetine is discussed here'));
    assert.equal(lines[at + 1], '         suggestion: Turn into an entry: ### Fluoxetine 40 mg (Change: increase)');
    // Suggestions whose titles quote the note (a goal's wording) are not printed.
    assert.ok(dry.stdout.includes('rationale-goal-link'));
    assert.ok(!dry.stdout.includes('Maria') && !dry.stdout.includes('Link goal'));
    // Plain lint and JSON stay as they were.
    assert.ok(!(await runCli(['lint', '--no-color'], { cwd: dir })).stdout.includes('suggestion:'));
    assert.equal(JSON.parse((await runCli(['lint', '--fix-dry-run', '-f', 'json'], { cwd: dir })).stdout)[0].messages[0].suggestions, undefined);
    const fix = await runCli(['lint', '--fix'], { cwd: dir });
    assert.equal(fix.code, 0);
    assert.equal(read(dir, 'p.visit.md').toString('utf8'), prose);
  });

  test('--stdin --fix prints the fixed note on stdout and the report on stderr', async () => {
    const dir = project({});
    const r = (await runCli(['lint', '--stdin', '--stdin-filename', 'new.visit.md', '--fix', '-f', 'json'], { cwd: dir, input: BOM + MISSING_GOALS }));
    assert.equal(r.code, 0);
    assert.equal(r.stdout, BOM + FIXED);
    assert.deepEqual(JSON.parse(r.stderr), [{ filePath: path.join(dir, 'new.visit.md'), messages: [], errorCount: 0, warningCount: 0, infoCount: 0 }]);
    const unchanged = (await runCli(['lint', '--stdin', '--fix'], { cwd: dir, input: CLEAN_NOTE }));
    assert.equal(unchanged.stdout, CLEAN_NOTE);
    assert.equal(unchanged.stderr, '');
    // Input that cannot be decoded comes back exactly as it was, never empty.
    const binary = await runCli(['lint', '--stdin', '--fix', '-f', 'json'], { cwd: dir, input: Buffer.from([0x61, 0x00, 0x62]) });
    assert.equal(binary.code, 1);
    assert.equal(binary.stdout, 'a\u0000b');
    assert.equal(JSON.parse(binary.stderr)[0].messages[0].fatal, true);
  });
});

describe('the atomic writer', { concurrent: true }, () => {
  test('refuses to write when the file changed since it was read, and leaves no temp file', async () => {
    const dir = project({ 'n.visit.md': 'new content\n' });
    const file = path.join(dir, 'n.visit.md');
    const outcome = await writeFixed(file, Buffer.from('what we read earlier\n'), Buffer.from('fixed\n'), { roots: [dir] });
    assert.equal(outcome, 'changed-on-disk');
    assert.equal(readFileSync(file, 'utf8'), 'new content\n');
    assert.deepEqual(leftovers(dir), []);
    assert.equal(await writeFixed(file, Buffer.from('new content\n'), Buffer.from('fixed\n'), { roots: [dir] }), 'written');
    assert.equal(readFileSync(file, 'utf8'), 'fixed\n');
  });

  test('encodeFixed: BOM back on, CRLF kept only in CRLF-only files', async () => {
    const decoded = decodeNote(Buffer.from(`${BOM}a\r\nb\r\n`));
    assert.ok(decoded.ok);
    assert.equal(encodeFixed(decoded, 'a\r\nnew\nb\r\n'), `${BOM}a\r\nnew\r\nb\r\n`);
    const mixed = decodeNote(Buffer.from('a\r\nb\n'));
    assert.ok(mixed.ok);
    assert.equal(encodeFixed(mixed, 'a\r\nnew\nb\n'), 'a\r\nnew\nb\n');
  });
});


describe('--fix respects what the file system says', { concurrent: true }, () => {
  const fatal = (stdout: string, name: string) =>
    (JSON.parse(stdout) as { filePath: string; messages: { fatal?: boolean; message: string }[] }[])
      .find((r) => r.filePath.endsWith(name))!
      .messages.filter((m) => m.fatal)
      .map((m) => m.message);

  test('a symlink leaving the linted folder is reported, and its target is not written', async () => {
    const elsewhere = mkdtempSync(path.join(os.tmpdir(), 'vn-elsewhere-'));
    projects.push(elsewhere);
    writeFileSync(path.join(elsewhere, 'target.txt'), MISSING_GOALS);
    const dir = project({});
    symlinkSync(path.join(elsewhere, 'target.txt'), path.join(dir, 'linked.visit.md'));
    const r = await runCli(['lint', '--fix', '-f', 'json', 'linked.visit.md'], { cwd: dir });
    assert.equal(r.code, 1);
    assert.match(fatal(r.stdout, 'linked.visit.md').join(), /symbolic link to a file outside the folder being linted/);
    assert.equal(readFileSync(path.join(elsewhere, 'target.txt'), 'utf8'), MISSING_GOALS);
    assert.ok(lstatSync(path.join(dir, 'linked.visit.md')).isSymbolicLink());
    assert.deepEqual(leftovers(elsewhere), []);
  });

  test('a symlink inside the linted folder is written through, and stays a link', async () => {
    const dir = project({ 'real/note.visit.md': MISSING_GOALS });
    symlinkSync(path.join(dir, 'real/note.visit.md'), path.join(dir, 'alias.visit.md'));
    const r = await runCli(['lint', '--fix', '-f', 'json', 'alias.visit.md'], { cwd: dir });
    assert.equal(r.code, 0, r.stdout);
    assert.equal(readFileSync(path.join(dir, 'real/note.visit.md'), 'utf8'), FIXED);
    assert.ok(lstatSync(path.join(dir, 'alias.visit.md')).isSymbolicLink());
  });

  test('a read-only note is not written, even by root, and says so', async () => {
    const dir = project({ 'ro.visit.md': MISSING_GOALS });
    chmodSync(path.join(dir, 'ro.visit.md'), 0o444);
    const r = await runCli(['lint', '--fix', '-f', 'json'], { cwd: dir });
    assert.equal(r.code, 1);
    assert.match(fatal(r.stdout, 'ro.visit.md').join(), /Read-only file; fixes were not written/);
    assert.equal(read(dir, 'ro.visit.md').toString('utf8'), MISSING_GOALS);
    assert.equal(statSync(path.join(dir, 'ro.visit.md')).mode & 0o777, 0o444);
  });

  // Needs root to chown.
  test.skipIf(process.getuid?.() !== 0)('owner and group are kept when root fixes someone else\'s note', async () => {
    const dir = project({ 'theirs.visit.md': MISSING_GOALS });
    const file = path.join(dir, 'theirs.visit.md');
    chownSync(file, 65534, 65534);
    const r = await runCli(['lint', '--fix', '-f', 'json'], { cwd: dir });
    assert.equal(r.code, 0, r.stdout);
    assert.equal(readFileSync(file, 'utf8'), FIXED);
    const st = statSync(file);
    assert.deepEqual([st.uid, st.gid], [65534, 65534]);
  });

  test('temporary files of a killed --fix are removed by the next run, and said so; a live run\'s are kept', async () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    const stale = `.a.visit.md.${dead}-0123abcd.visitnotes-tmp`;
    const live = `.a.visit.md.${process.pid}-89abcdef.visitnotes-tmp`;
    const dir = project({ 'a.visit.md': CLEAN_NOTE, [stale]: 'partial note text', [`sub/${stale}`]: 'partial' });
    writeFileSync(path.join(dir, live), 'in progress');
    const r = await runCli(['lint', '-f', 'json'], { cwd: dir });
    assert.equal(r.code, 0);
    assert.match(r.stderr, /removed 2 temporary files left by an interrupted --fix/);
    assert.deepEqual(leftovers(dir), [live]);
    assert.deepEqual(leftovers(path.join(dir, 'sub')), []);
  });

  test('a link named like a note that points at a device is reported, not skipped', async () => {
    const dir = project({});
    symlinkSync('/dev/zero', path.join(dir, 'zero.visit.md'));
    const r = await runCli(['lint', '-f', 'json'], { cwd: dir });
    assert.equal(r.code, 1);
    assert.match(fatal(r.stdout, 'zero.visit.md').join(), /Not a regular file/);
  });
});
