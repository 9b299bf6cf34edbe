/**
 * Measuring commands from outside, each its own process: wall time (here), CPU
 * time (user + sys of every thread) and peak RSS (from GNU time, or by polling
 * /proc without it). Shared by bench/run.ts and bench/hostile-run.ts.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Sample {
  wallMs: number;
  cpuMs: number;
  rssMb: number;
  exitCode: number | null;
}

export interface Command {
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
  env?: Record<string, string>;
  /** Variables removed from this command's environment (e.g. NODE_EXTRA_CA_CERTS: see cold-start.ts). */
  unsetEnv?: string[];
}

/** The environment a command runs in. */
function envOf(cmd: Pick<Command, 'env' | 'unsetEnv'>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...cmd.env };
  for (const name of cmd.unsetEnv ?? []) delete env[name];
  return env;
}

const TIME = '/usr/bin/time';
export const haveTime = existsSync(TIME);

export function measure(cmd: Command, scratch: string): Promise<Sample> {
  return haveTime ? measureWithTime(cmd, scratch) : measureByPolling(cmd);
}

/** GNU time: user and sys of the process and all its threads, max RSS. Wall from here. */
async function measureWithTime(cmd: Command, scratch: string): Promise<Sample> {
  const out = path.join(scratch, 'time.txt');
  const start = process.hrtime.bigint();
  const exitCode = await run(TIME, ['-f', '%U %S %M', '-o', out, ...cmd.argv], cmd.cwd, envOf(cmd));
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
  const child = spawn(exe, rest, { cwd: cmd.cwd, stdio: ['ignore', 'ignore', 'ignore'], env: envOf(cmd) });
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

/** Runs a command with its output going nowhere (formatting and printing is work; the terminal is not). */
export function run(exe: string, argv: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(exe, argv, { cwd, stdio: ['ignore', 'ignore', 'ignore'], env });
    child.on('error', reject);
    child.on('close', (code) => resolve(code));
  });
}

export interface Row {
  command: Command;
  samples: Sample[];
}

/**
 * Runs every command `runs` times (cold single-note ones `coldRuns` times), in
 * rounds whose order rotates, so no command always runs right after the same
 * one and background load skews every command alike.
 */
export async function measureRounds(list: Command[], runs: number, coldRuns: number, scratch: string): Promise<Row[]> {
  const rows: Row[] = list.map((command) => ({ command, samples: [] }));
  for (const c of list) if (c.warmUp) await measure(c, scratch);
  const rounds = list.some((c) => c.cold) ? Math.max(runs, coldRuns) : runs;
  for (let round = 0; round < rounds; round++) {
    const order = rows.map((_, i) => rows[(i + round) % rows.length]!);
    for (const row of order) {
      if (round >= (row.command.cold ? coldRuns : runs)) continue;
      const sample = await measure(row.command, scratch);
      if (sample.exitCode === null || !row.command.ok.includes(sample.exitCode)) {
        throw new Error(`${row.command.id} exited with ${sample.exitCode}: ${row.command.argv.join(' ')}`);
      }
      row.samples.push(sample);
      log(`round ${round + 1}/${rounds} ${row.command.id}: ${fmtMs(sample.wallMs)} wall, ${fmtMs(sample.cpuMs)} CPU, ${sample.rssMb.toFixed(0)} MB`);
    }
  }
  return rows;
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

export function fmtMs(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
}

export function machine(): Record<string, string> {
  const cpus = os.cpus();
  return {
    cpus: `${typeof os.availableParallelism === 'function' ? os.availableParallelism() : cpus.length} (${cpus[0]?.model ?? 'unknown'})`,
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(0)} GB`,
    load: os.loadavg().map((x) => x.toFixed(1)).join(' '),
  };
}

export function log(line: string): void {
  process.stderr.write(`bench: ${line}\n`);
}
