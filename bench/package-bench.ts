/**
 * The npm package's numbers (docs/performance.md, "The npm package"): tarball size
 * and files, `npm install` of the tarball into an empty folder (offline, empty
 * cache), and the cold start of one note's lint through `npx` and through the
 * installed bin, against `node -e 0` on the same machine.
 *
 * usage: npx tsx bench/package-bench.ts [--runs N] [--installs N]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exampleNote } from '../server/src/cli/init/example-note.ts';
import { copyRepository, npm, npmEnv, tempDir } from '../test/package/helpers.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const runs = arg('--runs', 9);
const installs = arg('--installs', 3);

const work = tempDir('visitnotes-package-bench-');
try {
  const repo = copyRepository(work);
  const env = npmEnv(path.join(work, 'cache'));
  const packed = JSON.parse(npm(['pack', '--json', '--pack-destination', work], repo, env).stdout.replace(/^[^[]*/, ''))[0];
  const tarball = path.join(work, packed.filename);

  const installTimes: number[] = [];
  let app = '';
  for (let i = 0; i < installs; i++) {
    app = path.join(work, `app${i}`);
    mkdirSync(app);
    writeFileSync(path.join(app, 'package.json'), '{ "name": "app", "private": true }\n');
    const fresh = npmEnv(path.join(work, `cache${i}`));
    const start = performance.now();
    npm(['install', '--no-save', tarball], app, fresh);
    installTimes.push(performance.now() - start);
  }
  writeFileSync(path.join(app, 'note.visit.md'), exampleNote('follow-up'));

  const commands: [string, string, string[]][] = [
    ['node -e 0 (Node start-up alone)', process.execPath, ['-e', '0']],
    ['visitnotes --version (bin)', path.join(app, 'node_modules/.bin/visitnotes'), ['--version']],
    ['visitnotes lint note (bin)', path.join(app, 'node_modules/.bin/visitnotes'), ['lint', 'note.visit.md']],
    ['npx visitnotes --version (npx start-up)', 'npx', ['--offline', 'visitnotes', '--version']],
    ['npx visitnotes lint note', 'npx', ['--offline', 'visitnotes', 'lint', 'note.visit.md']],
  ];
  const times = new Map<string, { wall: number[]; cpu: number[] }>(commands.map(([name]) => [name, { wall: [], cpu: [] }]));
  const timeFile = path.join(work, 'time.txt');
  for (let round = 0; round < runs; round++) {
    // Rotate the order each round, so background load skews every command alike.
    for (let k = 0; k < commands.length; k++) {
      const [name, cmd, args] = commands[(round + k) % commands.length]!;
      const start = performance.now();
      const r = spawnSync('/usr/bin/time', ['-o', timeFile, '-f', '%U %S', cmd, ...args], { cwd: app, env, encoding: 'utf8' });
      const wall = performance.now() - start;
      if (r.status !== 0) throw new Error(`${name} exited with ${r.status}: ${r.stderr}`);
      const [user, sys] = readFileSync(timeFile, 'utf8').trim().split(/\s+/).map(Number);
      times.get(name)!.wall.push(wall);
      times.get(name)!.cpu.push(((user ?? 0) + (sys ?? 0)) * 1000);
    }
  }

  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const ms = (x: number) => `${Math.round(x)} ms`;
  const load = os.loadavg().map((x) => x.toFixed(1)).join(', ');
  console.log(`Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model}), load average ${load}\n`);
  console.log(`| measurement | value |\n|---|---|`);
  console.log(`| tarball | ${(packed.size / 1024).toFixed(0)} KB, ${packed.entryCount} files (${(packed.unpackedSize / 1024).toFixed(0)} KB unpacked) |`);
  console.log(`| npm install of the tarball, empty folder, offline, empty cache | ${installTimes.map(ms).join(', ')} |`);
  console.log(`\n| command (cwd: the installed folder) | wall median (min–max) | CPU user+sys median |\n|---|---|---|`);
  for (const [name] of commands) {
    const t = times.get(name)!;
    console.log(`| ${name} | ${ms(median(t.wall))} (${ms(Math.min(...t.wall))}–${ms(Math.max(...t.wall))}) | ${ms(median(t.cpu))} |`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
