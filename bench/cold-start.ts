/**
 * Goal 4 of issue 12: one typical note, whole process, cold. Alternating rounds of
 * `node -e 0`, this checkout's built CLI and (with --compare) an earlier build, each its
 * own process, on one example note; medians of CPU (user + sys) and wall.
 *
 *   npm run build && npx tsx bench/cold-start.ts [--runs 15] [--note examples/clean-follow-up.visit.md] [--compare DIR]
 *   (DIR: a built checkout of an earlier version, e.g. a copy of bin/, dist/ and package.json)
 *
 * Lighter than bench/run.ts (no corpus to generate); never asserts timings.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { fmtMs, machine, measureRounds, median, type Command } from './measure.ts';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const { values: args } = parseArgs({
  options: { runs: { type: 'string', default: '15' }, note: { type: 'string', default: 'examples/clean-follow-up.visit.md' }, compare: { type: 'string' } },
});
const node = process.execPath;
const note = path.resolve(root, args.note);
// The command as installed: the file package.json's "bin" names (dist/cli-run.cjs; earlier builds bin/visitnotes.js).
const binOf = (dir: string): string => {
  const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { bin?: Record<string, string> };
  return path.join(dir, pkg.bin?.visitnotes ?? 'bin/visitnotes.js');
};
const lint = (dir: string): string[] => [node, binOf(dir), 'lint', note, '--format', 'json'];
const scratch = mkdtempSync(path.join(os.tmpdir(), 'visitnotes-cold-'));
// Each build its own code cache folder: a build's cache replaces another build's in a shared
// one (compile-cache.ts), so alternating builds would otherwise compile from scratch every run.
const cacheOf = (id: string): Record<string, string> => ({ VISITNOTES_COMPILE_CACHE: path.join(scratch, `cache-${id}`) });
const list: Command[] = [
  { id: 'node', label: '`node -e 0`', argv: [node, '-e', '0'], cwd: root, ok: [0], notes: 1, cold: true },
  { id: 'cli-one', label: 'visitnotes lint, one note (this build)', argv: lint(root), cwd: root, ok: [0, 1], notes: 1, cold: true, warmUp: true, env: cacheOf('this') },
  ...(args.compare
    ? [{ id: 'before-one', label: `visitnotes lint, one note (${args.compare})`, argv: lint(path.resolve(args.compare)), cwd: root, ok: [0, 1], notes: 1, cold: true, warmUp: true, env: cacheOf('before') }]
    : []),
  // A machine that sets NODE_EXTRA_CA_CERTS (this one does) makes Node read that certificate
  // file as it starts, in every process: about 40 ms here. Without it, for comparison.
  ...(process.env.NODE_EXTRA_CA_CERTS
    ? [
        { id: 'node-no-ca', label: '`node -e 0` without NODE_EXTRA_CA_CERTS', argv: [node, '-e', '0'], cwd: root, ok: [0], notes: 1, cold: true, unsetEnv: ['NODE_EXTRA_CA_CERTS'] },
        { id: 'cli-one-no-ca', label: 'visitnotes lint, one note (this build), without NODE_EXTRA_CA_CERTS', argv: lint(root), cwd: root, ok: [0, 1], notes: 1, cold: true, env: cacheOf('this'), unsetEnv: ['NODE_EXTRA_CA_CERTS'] },
      ]
    : []),
];
const runs = Number(args.runs);
try {
  const rows = await measureRounds(list, runs, runs, scratch);
  console.log(`machine: ${JSON.stringify(machine())}`);
  console.log(`note: ${path.relative(root, note)}, ${runs} alternating runs each, medians`);
  for (const row of rows) {
    const cpu = median(row.samples.map((s) => s.cpuMs));
    const wall = median(row.samples.map((s) => s.wallMs));
    console.log(`${row.command.label}: ${fmtMs(cpu)} CPU, ${fmtMs(wall)} wall`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
