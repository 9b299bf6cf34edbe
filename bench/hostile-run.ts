/**
 * `npm run bench -- --hostile`: every hostile note of bench/hostile.ts against
 * 100 KB of ordinary prose, as time ratios (issue 16: a 100 KB note of any
 * content lints within about 3× the time of 100 KB of prose).
 *
 * - CLI: `visitnotes lint <note> --format json`, one process per run (CPU,
 *   wall, peak RSS), rounds rotating, medians.
 * - Engine in process: `lintText` CPU time (start-up excluded).
 * - Language server (the built server over stdio): open → first diagnostics,
 *   and a keystroke → diagnostics (median of 3).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { lintText } from '../server/src/engine/run-rules.ts';
import { fileUri, positionAt, tempWorkspace, TestClient } from '../test/lsp/client.ts';
import { writeHostile } from './hostile.ts';
import { fmtMs, log, machine, measureRounds, median, type Command } from './measure.ts';

interface HostileRow {
  name: string;
  kb: number;
  cli: { cpuMs: number; wallMs: number; rssMb: number };
  engineMs: number;
  markupLimit: number;
  server?: { openMs: number; keystrokeMs: number };
}

function engineCpu(text: string): { ms: number; markupLimit: number } {
  lintText(text);
  const times: number[] = [];
  let markupLimit = 0;
  for (let i = 0; i < 3; i++) {
    const t = process.cpuUsage();
    markupLimit = lintText(text).findings.filter((f) => f.ruleId === 'markup-limit').length;
    const d = process.cpuUsage(t);
    times.push((d.user + d.system) / 1000);
  }
  return { ms: median(times), markupLimit };
}

async function serverTimes(client: TestClient, dir: string, name: string, text: string): Promise<{ openMs: number; keystrokeMs: number }> {
  const uri = fileUri(path.join(dir, `${name.replace(/[^a-z0-9]+/gi, '-')}.visit.md`));
  const t0 = performance.now();
  await client.open(uri, text);
  await client.currentDiagnostics(uri, 300_000);
  const openMs = performance.now() - t0;
  const pos = positionAt(text, text.indexOf('## Story') + '## Story'.length);
  const times: number[] = [];
  for (let i = 0; i < 4; i++) {
    await new Promise((resolve) => setTimeout(resolve, 150));
    const change = i % 2 === 0 ? { range: { start: pos, end: pos }, text: 'x' } : { range: { start: pos, end: { line: pos.line, character: pos.character + 1 } }, text: '' };
    const version = client.version(uri) + 1;
    const since = client.published.length;
    const k0 = performance.now();
    const wait = client.waitForDiagnostics(uri, (p) => p.version === version, 300_000, since);
    await client.change(uri, [change]);
    await wait;
    if (i > 0) times.push(performance.now() - k0);
  }
  await client.close(uri);
  return { openMs, keystrokeMs: median(times) };
}

export async function runHostile(options: { root: string; runs: number; noBuild: boolean; json?: string }): Promise<void> {
  const { root } = options;
  const before = machine();
  if (!options.noBuild) spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
  const out = path.join(root, 'bench/corpus-hostile');
  const scratch = path.join(root, 'bench/results/build');
  mkdirSync(scratch, { recursive: true });
  const files = writeHostile(out);
  const cli = path.join(root, 'bin/visitnotes.js');
  const list: Command[] = [...files].map(([name, file]) => ({ id: name, label: name, argv: [process.execPath, cli, 'lint', file, '--no-ignore', '--format', 'json'], cwd: root, ok: [0, 1], notes: 1 }));
  const rows = await measureRounds(list, Math.max(3, options.runs), 0, scratch);
  const results: HostileRow[] = [];
  const ws = tempWorkspace('vn-hostile-');
  const client = await TestClient.start({ workspace: ws.dir });
  try {
    for (const [name, file] of files) {
      const text = readFileSync(file, 'utf8');
      const samples = rows.find((r) => r.command.id === name)!.samples;
      const engine = engineCpu(text);
      log(`server: ${name}`);
      results.push({
        name,
        kb: text.length / 1024,
        cli: { cpuMs: median(samples.map((s) => s.cpuMs)), wallMs: median(samples.map((s) => s.wallMs)), rssMb: median(samples.map((s) => s.rssMb)) },
        engineMs: engine.ms,
        markupLimit: engine.markupLimit,
        server: await serverTimes(client, ws.dir, name, text),
      });
    }
  } finally {
    await client.shutdown();
    ws.cleanup();
  }
  const prose = results.find((r) => r.name === 'prose')!;
  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
  const lines = [
    `Hostile notes (bench/hostile.ts) against 100 KB of prose; ${Math.max(3, options.runs)} CLI runs each, medians. Machine: ${before.cpus} CPUs, Node ${before.node}; load ${before.load} → ${machine().load}.`,
    '',
    '| note | size | CLI CPU (÷ prose) | CLI wall | CLI peak RSS | engine CPU (÷ prose) | server open (÷ prose) | server keystroke (÷ prose) | markup-limit |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of results) {
    const s = r.server!;
    lines.push(
      `| ${r.name} | ${r.kb.toFixed(0)} KB | ${fmtMs(r.cli.cpuMs)} (${ratio(r.cli.cpuMs, prose.cli.cpuMs)}) | ${fmtMs(r.cli.wallMs)} | ${r.cli.rssMb.toFixed(0)} MB | ${r.engineMs.toFixed(0)} ms (${ratio(r.engineMs, prose.engineMs)}) | ${fmtMs(s.openMs)} (${ratio(s.openMs, prose.server!.openMs)}) | ${fmtMs(s.keystrokeMs)} (${ratio(s.keystrokeMs, prose.server!.keystrokeMs)}) | ${r.markupLimit} |`,
    );
  }
  const worst = (pick: (r: HostileRow) => number) => Math.max(...results.map((r) => pick(r) / pick(prose) / Math.max(1, r.kb / prose.kb)));
  lines.push(
    '',
    `Worst ratio per 100 KB: CLI CPU ${worst((r) => r.cli.cpuMs).toFixed(2)}×, engine ${worst((r) => r.engineMs).toFixed(2)}×, server open ${worst((r) => r.server!.openMs).toFixed(2)}×, server keystroke ${worst((r) => r.server!.keystrokeMs).toFixed(2)}× (target about 3×).`,
    '',
  );
  process.stdout.write(lines.join('\n'));
  if (options.json) writeFileSync(options.json, JSON.stringify({ machine: before, results }, null, 2) + '\n');
}
