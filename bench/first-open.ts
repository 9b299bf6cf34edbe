/**
 * Goal 3 of issue 12, the hardest case: the 20,000-line note opened as a fresh
 * server's very first note (its watchdog's worker thread starts with it), to its
 * first diagnostics. Alternating rounds of this build's dist/server.js and, with
 * --compare, an earlier build's, each a new server process; medians and ranges.
 *
 *   npm run build && npx tsx bench/first-open.ts [--runs 7] [--compare DIR]
 *   (DIR: a built checkout of an earlier version)
 *
 * Each build keeps its own compile cache (VISITNOTES_COMPILE_CACHE in a scratch
 * folder), warmed by one unmeasured round, as a user's would be after the first
 * session. Never asserts timings.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateNote } from './generate.ts';
import { fileUri, ROOT, tempWorkspace, TestClient } from '../test/lsp/client.ts';
import { machine, median } from './measure.ts';

const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '7' }, compare: { type: 'string' } } });
const huge = generateNote(42, { lines: 20_000 });
const scratch = mkdtempSync(path.join(os.tmpdir(), 'visitnotes-first-open-'));
const builds = [{ label: 'this build', dir: ROOT }, ...(args.compare ? [{ label: args.compare, dir: path.resolve(args.compare) }] : [])];

/** One fresh server: the milliseconds from didOpen of the huge note to its first diagnostics. */
async function firstOpen(dir: string, cache: string): Promise<number> {
  const ws = tempWorkspace('vn-first-open-');
  const client = await TestClient.start({ workspace: ws.dir, server: path.join(dir, 'dist/server.js'), env: { VISITNOTES_COMPILE_CACHE: cache } });
  try {
    const uri = fileUri(path.join(ws.dir, 'huge.visit.md'));
    const t0 = performance.now();
    await client.open(uri, huge);
    await client.currentDiagnostics(uri, 300_000);
    return performance.now() - t0;
  } finally {
    client.child.kill();
    ws.cleanup();
  }
}

try {
  const samples = builds.map(() => [] as number[]);
  for (const [i, b] of builds.entries()) await firstOpen(b.dir, path.join(scratch, `cache-${i}`));
  for (let round = 0; round < Number(args.runs); round++) {
    for (const [i, b] of builds.entries()) {
      const t = await firstOpen(b.dir, path.join(scratch, `cache-${i}`));
      samples[i]!.push(t);
      console.log(`round ${round + 1} ${b.label}: ${t.toFixed(0)} ms (load ${os.loadavg()[0]!.toFixed(1)})`);
    }
  }
  console.log(`machine: ${JSON.stringify(machine())}`);
  for (const [i, b] of builds.entries()) {
    const s = samples[i]!;
    console.log(`${b.label}: first open of the ${huge.split('\n').length}-line note, fresh server: median ${median(s).toFixed(0)} ms (${Math.min(...s).toFixed(0)}–${Math.max(...s).toFixed(0)}, n=${s.length})`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
