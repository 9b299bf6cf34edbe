/**
 * `npm run bench`: the CLI against markdownlint-cli2 and against a parse-only
 * floor, on a generated corpus, each command a separate process measured from
 * outside (wall time, CPU time = user + sys, peak RSS). Commands alternate
 * round by round (the order rotates) and medians are reported, so a noisy
 * shared machine skews every command alike; compare the ratios, not the
 * absolute numbers, across machines.
 *
 *   npx tsx bench/run.ts [--runs 3] [--small] [--no-build] [--json FILE] [--only cli,markdownlint-cli2,...]
 *
 * --small (CI smoke test): 100 notes, one run each; never asserts timings.
 * The corpus is generated when absent (bench/corpus, git-ignored;
 * test-artifacts/bench-small for --small). See docs/performance.md.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { writeCorpus, type CorpusOptions } from './generate.ts';
import { measureIncremental, type IncrementalResult } from './incremental.ts';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string' },
    small: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    json: { type: 'string' },
    only: { type: 'string' },
  },
});
const small = args.small!;
const runs = Math.max(1, Number(args.runs ?? (small ? 1 : 3)));
const corpusOptions: CorpusOptions = small ? { count: 100, seed: 42, huge: 2000 } : { count: 2000, seed: 42, huge: 20000 };
const corpus = path.join(root, small ? 'test-artifacts/bench-small' : 'bench/corpus');
const buildDir = path.join(root, small ? 'test-artifacts/bench-small-build' : 'bench/results/build');
const notesDir = path.join(corpus, 'notes');
const hugeNote = path.join(corpus, 'huge', 'long.visit.md');
const oneNote = path.join(notesDir, 'p000', 'visit-00000.visit.md');

// ---------------------------------------------------------------- setup

function ensureCorpus(): void {
  const marker = path.join(corpus, 'corpus.json');
  const current = existsSync(marker) ? readFileSync(marker, 'utf8').trim() : '';
  if (current === JSON.stringify(corpusOptions)) return;
  log(`generating the corpus (${corpusOptions.count} notes, one ${corpusOptions.huge}-line note) in ${path.relative(root, corpus)}`);
  writeCorpus(corpus, corpusOptions);
}

/** The CLI bundle is rebuilt unless --no-build, so the numbers are this tree's. */
function ensureCli(): boolean {
  if (!args['no-build']) {
    const r = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) log('the build failed; measuring whatever dist/ holds');
  }
  return existsSync(path.join(root, 'bin/visitnotes.js')) && existsSync(path.join(root, 'dist/cli.js'));
}

/** The drivers are bundled like the CLI is, so no command pays for tsx or unbundled imports. */
async function bundleDrivers(): Promise<void> {
  mkdirSync(buildDir, { recursive: true });
  await build({
    entryPoints: {
      'parse-floor': path.join(root, 'bench/drivers/parse-floor.ts'),
      'engine-lint': path.join(root, 'bench/drivers/engine-lint.ts'),
    },
    outdir: buildDir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outExtension: { '.js': '.mjs' },
    logLevel: 'warning',
    banner: { js: "import { createRequire as __vnCreateRequire } from 'node:module'; const require = __vnCreateRequire(import.meta.url);" },
  });
}

// ---------------------------------------------------------------- measuring

interface Sample {
  wallMs: number;
  cpuMs: number;
  rssMb: number;
  exitCode: number | null;
}

interface Command {
  id: string;
  label: string;
  argv: string[];
  cwd: string;
  /** Exit codes that mean "ran fine" (linters exit 1 on findings). */
  ok: number[];
  /** Notes processed, for throughput. */
  notes: number;
  /** Cold single-note commands get more runs (they are short and noisy). */
  cold?: boolean;
  /** Run once, untimed, before the rounds (to fill a cache). */
  warmUp?: boolean;
}

const TIME = '/usr/bin/time';
const haveTime = existsSync(TIME);

function measure(cmd: Command): Promise<Sample> {
  return haveTime ? measureWithTime(cmd) : measureByPolling(cmd);
}

/** GNU time: user and sys of the process and all its threads, max RSS. Wall from here. */
async function measureWithTime(cmd: Command): Promise<Sample> {
  const out = path.join(buildDir, 'time.txt');
  const start = process.hrtime.bigint();
  const exitCode = await run(TIME, ['-f', '%U %S %M', '-o', out, ...cmd.argv], cmd.cwd);
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  const last = readFileSync(out, 'utf8').trim().split('\n').pop()!;
  const [user, sys, rssKb] = last.split(' ').map(Number) as [number, number, number];
  return { wallMs, cpuMs: (user + sys) * 1000, rssMb: rssKb / 1024, exitCode };
}

/**
 * Without /usr/bin/time: poll /proc/<pid> every 5 ms for CPU ticks and the
 * high-water RSS (VmHWM). The last sample before exit undercounts CPU by at
 * most one interval.
 */
async function measureByPolling(cmd: Command): Promise<Sample> {
  const [exe, ...rest] = cmd.argv as [string, ...string[]];
  const start = process.hrtime.bigint();
  const child = spawn(exe, rest, { cwd: cmd.cwd, stdio: ['ignore', 'ignore', 'ignore'] });
  const tick = 1000 / 100; // USER_HZ is 100 on Linux
  let cpuMs = 0;
  let rssMb = 0;
  const poll = setInterval(() => {
    try {
      const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      cpuMs = (Number(fields[11]) + Number(fields[12])) * tick;
      const hwm = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (hwm) rssMb = Math.max(rssMb, Number(hwm[1]) / 1024);
    } catch {
      // exited between samples
    }
  }, 5);
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  clearInterval(poll);
  return { wallMs: Number(process.hrtime.bigint() - start) / 1e6, cpuMs, rssMb, exitCode };
}

function run(exe: string, argv: string[], cwd: string): Promise<number | null> {
  return new Promise((resolve, reject) => {
    // Output goes nowhere: formatting and printing findings is part of the work,
    // the terminal is not.
    const child = spawn(exe, argv, { cwd, stdio: ['ignore', 'ignore', 'ignore'] });
    child.on('error', reject);
    child.on('close', (code) => resolve(code));
  });
}

// ---------------------------------------------------------------- commands

function commands(haveCli: boolean): Command[] {
  const node = process.execPath;
  const mdl = path.join(root, 'node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs');
  const floor = path.join(buildDir, 'parse-floor.mjs');
  const engine = path.join(buildDir, 'engine-lint.mjs');
  const n = corpusOptions.count;
  // Until the CLI exists, the engine driver stands in for it.
  const cli = (target: string, ...extra: string[]) =>
    haveCli ? [node, path.join(root, 'bin/visitnotes.js'), 'lint', target, '--no-ignore', '--format', 'json', ...extra] : [node, engine, target];
  const list: Command[] = [
    { id: 'cli', label: 'visitnotes lint (auto threads)', argv: cli(notesDir), cwd: root, ok: [0, 1], notes: n },
    { id: 'cli-1t', label: 'visitnotes lint --threads off', argv: cli(notesDir, ...(haveCli ? ['--threads', 'off'] : [])), cwd: root, ok: [0, 1], notes: n },
    // markdownlint-cli2 runs from the corpus folder, so no config of this repository applies: default rules.
    // The cache is filled once before the rounds (see main), so every timed run finds it warm.
    ...(haveCli ? [{ id: 'cli-cache', label: 'visitnotes lint --cache, warm (no note changed)', argv: cli(notesDir, '--cache', '--cache-location', path.join(buildDir, 'lint-cache')), cwd: root, ok: [0, 1], notes: n, warmUp: true }] : []),
    { id: 'markdownlint-cli2', label: 'markdownlint-cli2 (default rules)', argv: [node, mdl, 'notes/**/*.md'], cwd: corpus, ok: [0, 1], notes: n },
    { id: 'engine', label: 'engine only, one thread (bench/drivers/engine-lint.ts)', argv: [node, engine, notesDir], cwd: root, ok: [0], notes: n },
    { id: 'floor', label: 'parse-only floor: remark-parse + frontmatter + remark-gfm', argv: [node, floor, notesDir], cwd: root, ok: [0], notes: n },
    { id: 'floor-engine', label: "parse-only floor: the engine's parser", argv: [node, floor, notesDir, '--engine'], cwd: root, ok: [0], notes: n },
    { id: 'cli-one', label: 'visitnotes lint, one note, cold', argv: cli(oneNote), cwd: root, ok: [0, 1], notes: 1, cold: true },
    { id: 'markdownlint-cli2-one', label: 'markdownlint-cli2, one note, cold', argv: [node, mdl, path.relative(corpus, oneNote)], cwd: corpus, ok: [0, 1], notes: 1, cold: true },
    { id: 'cli-huge', label: `visitnotes lint, the ${corpusOptions.huge}-line note`, argv: cli(hugeNote), cwd: root, ok: [0, 1], notes: 1 },
  ];
  const only = args.only?.split(',');
  return only ? list.filter((c) => only.includes(c.id)) : list;
}

// ---------------------------------------------------------------- report

interface Row {
  command: Command;
  samples: Sample[];
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

function fmtMs(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
}

function table(rows: Row[]): string {
  const lines = [
    '| command | wall (median, min–max) | CPU user+sys | peak RSS | notes/s (wall) |',
    '|---|---|---|---|---|',
  ];
  for (const { command, samples } of rows) {
    const walls = samples.map((s) => s.wallMs);
    const wall = median(walls);
    const range = samples.length > 1 ? ` (${fmtMs(Math.min(...walls))}–${fmtMs(Math.max(...walls))})` : '';
    lines.push(
      `| ${command.label} | ${fmtMs(wall)}${range} | ${fmtMs(median(samples.map((s) => s.cpuMs)))} | ${median(samples.map((s) => s.rssMb)).toFixed(0)} MB | ${command.notes > 1 ? (command.notes / (wall / 1000)).toFixed(0) : '—'} |`,
    );
  }
  return lines.join('\n');
}

function ratios(rows: Row[], incremental: IncrementalResult | undefined): string {
  const get = (id: string) => rows.find((r) => r.command.id === id);
  const wall = (id: string) => (get(id) ? median(get(id)!.samples.map((s) => s.wallMs)) : NaN);
  const cpu = (id: string) => (get(id) ? median(get(id)!.samples.map((s) => s.cpuMs)) : NaN);
  const lines = ['| ratio | value | target |', '|---|---|---|'];
  const add = (what: string, value: number, target: string, met: boolean | undefined, unit = '×') => {
    if (!Number.isFinite(value)) return;
    lines.push(`| ${what} | ${value.toFixed(2)}${unit} | ${target}${met === undefined ? '' : met ? ' ✓' : ' ✗'} |`);
  };
  const speedup = wall('markdownlint-cli2') / wall('cli');
  add('CLI throughput ÷ markdownlint-cli2 throughput (wall, same notes)', speedup, '≥ 4×', speedup >= 4);
  add('CLI throughput ÷ markdownlint-cli2, one thread (--threads off)', wall('markdownlint-cli2') / wall('cli-1t'), '—', undefined);
  const floorRatio = cpu('cli-1t') / cpu('floor');
  add('CLI CPU, one thread ÷ parse-only floor CPU (remark-gfm)', floorRatio, '≤ 1.3×', floorRatio <= 1.3);
  add('CLI CPU, one thread ÷ floor with the engine parser', cpu('cli-1t') / cpu('floor-engine'), '—', undefined);
  add('engine CPU ÷ parse-only floor CPU (remark-gfm)', cpu('engine') / cpu('floor'), '—', undefined);
  add('engine parser ÷ remark-gfm parser (floor CPU)', cpu('floor-engine') / cpu('floor'), '—', undefined);
  add('CLI CPU, auto threads ÷ one thread (pool overhead)', cpu('cli') / cpu('cli-1t'), '—', undefined);
  add('CLI --cache warm throughput ÷ markdownlint-cli2', wall('markdownlint-cli2') / wall('cli-cache'), '—', undefined);
  const cold = wall('cli-one');
  if (Number.isFinite(cold)) lines.push(`| one note, cold: CLI wall | ${fmtMs(cold)} (markdownlint-cli2: ${fmtMs(wall('markdownlint-cli2-one'))}) | ≤ 250 ms${cold <= 250 ? ' ✓' : ' ✗'} |`);
  if (incremental) {
    const i = incremental;
    lines.push(
      `| ${i.lines}-line note, one-character edit: incremental re-parse | median ${fmtMs(i.incremental.median)}, p95 ${fmtMs(i.incremental.p95)} (full parse ${fmtMs(i.full.median)}) | — |`,
      `| same, re-parse + lint (diagnostics before JSON-RPC) | median ${fmtMs(i.diagnostics.median)}, p95 ${fmtMs(i.diagnostics.p95)} | p95 < 250 ms${i.diagnostics.p95 < 250 ? ' ✓' : ' ✗'} |`,
    );
  }
  return lines.join('\n');
}

function machine(): Record<string, string> {
  const cpus = os.cpus();
  return {
    cpus: `${typeof os.availableParallelism === 'function' ? os.availableParallelism() : cpus.length} (${cpus[0]?.model ?? 'unknown'})`,
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(0)} GB`,
    load: os.loadavg().map((x) => x.toFixed(1)).join(' '),
  };
}

function log(line: string): void {
  process.stderr.write(`bench: ${line}\n`);
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  const before = machine();
  ensureCorpus();
  const haveCli = ensureCli();
  if (!haveCli) log('bin/visitnotes.js or dist/cli.js is missing: the engine driver stands in for the CLI');
  await bundleDrivers();
  const list = commands(haveCli);
  const rows: Row[] = list.map((command) => ({ command, samples: [] }));
  for (const c of list) {
    if (!c.warmUp) continue;
    rmSync(path.join(buildDir, 'lint-cache'), { force: true });
    await measure(c);
  }
  const coldRuns = Math.max(runs, small ? 1 : 7);
  const rounds = list.some((c) => c.cold) ? coldRuns : runs;
  for (let round = 0; round < rounds; round++) {
    // Rotate the order each round so no command always runs right after the same one.
    const order = rows.map((_, i) => rows[(i + round) % rows.length]!);
    for (const row of order) {
      if (round >= (row.command.cold ? coldRuns : runs)) continue;
      const sample = await measure(row.command);
      if (sample.exitCode === null || !row.command.ok.includes(sample.exitCode)) {
        throw new Error(`${row.command.id} exited with ${sample.exitCode}: ${row.command.argv.join(' ')}`);
      }
      row.samples.push(sample);
      log(`round ${round + 1}/${rounds} ${row.command.id}: ${fmtMs(sample.wallMs)} wall, ${fmtMs(sample.cpuMs)} CPU, ${sample.rssMb.toFixed(0)} MB`);
    }
  }
  let incremental: IncrementalResult | undefined;
  if (!args.only || args.only.split(',').includes('incremental')) {
    log('incremental re-parse on the long note');
    incremental = measureIncremental(hugeNote, small ? 10 : 50, small ? 1 : 3);
    if (!incremental.sameAsFull) throw new Error('incremental re-parse differs from a full parse');
  }
  const after = machine();
  const out = [
    `Visit Notes benchmark${small ? ' (--small: a smoke test, not a measurement)' : ''}: ${corpusOptions.count} generated notes (${dirSizeMb(notesDir).toFixed(1)} MB), ${runs} run(s) per command (cold single-note: ${coldRuns}), medians.`,
    `Machine: ${before.cpus} CPUs, Node ${before.node}, ${before.os}, ${before.memory}; load average ${before.load} before, ${after.load} after. CPU and RSS from ${haveTime ? '/usr/bin/time' : 'polling /proc'}.`,
    '',
    table(rows),
    '',
    ratios(rows, incremental),
    '',
  ].join('\n');
  process.stdout.write(out);
  if (args.json) {
    writeFileSync(
      args.json,
      JSON.stringify({ machine: { before, after }, corpus: corpusOptions, runs, rows: rows.map((r) => ({ id: r.command.id, label: r.command.label, argv: r.command.argv, samples: r.samples })), incremental }, null, 2) + '\n',
    );
  }
}

function dirSizeMb(dir: string): number {
  let bytes = 0;
  const walk = (d: string) => {
    for (const name of readdirSyncSafe(d)) {
      const full = path.join(d, name);
      const st = statSync(full);
      if (st.isDirectory()) walk(full);
      else bytes += st.size;
    }
  };
  walk(dir);
  return bytes / 2 ** 20;
}

function readdirSyncSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

main().catch((err) => {
  process.stderr.write(`bench: ${(err as Error).stack ?? err}\n`);
  process.exitCode = 1;
});
