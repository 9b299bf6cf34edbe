/**
 * `npm run bench`: the goals of issue 12, each as a ratio measured in one run.
 *
 * - CLI against markdownlint-cli2 on 600 and on 2,000 generated notes, cold,
 *   each command its own process measured from outside (wall, CPU = user +
 *   sys, peak RSS); commands alternate round by round in a rotating order and
 *   medians are reported, so background load skews every command alike.
 * - The same findings: the CLI's JSON report with the fast parser equals the
 *   report with remark alone (VISITNOTES_PARSER=remark), byte for byte.
 * - The engine in process, one thread: per-note lint time and its ratio to a
 *   plain remark parse (bench/in-process.ts).
 * - One note, cold: the CLI against `node -e 0` and markdownlint-cli2.
 * - Language server: bench/lsp-bench.ts (first open, keystrokes, typical note).
 * - Incremental re-parse on the 20,000-line note (bench/incremental.ts).
 *
 *   npx tsx bench/run.ts [--runs 3] [--small] [--no-build] [--no-lsp] [--json FILE] [--only id,id] [--compare DIR]
 *   (--compare: the built checkout of an earlier version, measured in the same rounds)
 *   npx tsx bench/run.ts --hostile      hostile notes against 100 KB of prose (bench/hostile-run.ts)
 *
 * --small (CI smoke test): few notes, one run each; never asserts timings.
 * Corpora are generated when absent (git-ignored). See docs/performance.md.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { writeCorpus, type CorpusOptions } from './generate.ts';
import { measureIncremental, type IncrementalResult } from './incremental.ts';
import { corpusReader, measureInProcess, type InProcessResult } from './in-process.ts';
import { log, machine, measureRounds, type Command } from './measure.ts';
import { goalsTable, resultsTable, type Extra } from './report.ts';
import { markdownFiles } from './drivers/files.ts';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string' },
    small: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    'no-lsp': { type: 'boolean', default: false },
    hostile: { type: 'boolean', default: false },
    compare: { type: 'string' },
    json: { type: 'string' },
    only: { type: 'string' },
  },
});
const small = args.small!;
const runs = Math.max(1, Number(args.runs ?? (small ? 1 : 3)));
const large: CorpusOptions = small ? { count: 100, seed: 42, huge: 2000 } : { count: 2000, seed: 42, huge: 20000 };
const medium: CorpusOptions = small ? { count: 60, seed: 42, huge: 200 } : { count: 600, seed: 42, huge: 200 };
const corpus = path.join(root, small ? 'test-artifacts/bench-small' : 'bench/corpus');
const corpus600 = path.join(root, small ? 'test-artifacts/bench-small-600' : 'bench/corpus-600');
const buildDir = path.join(root, small ? 'test-artifacts/bench-small-build' : 'bench/results/build');
const notesDir = path.join(corpus, 'notes');
const hugeNote = path.join(corpus, 'huge', 'long.visit.md');
const oneNote = path.join(notesDir, 'p000', 'visit-00000.visit.md');

function ensureCorpus(dir: string, options: CorpusOptions): void {
  const marker = path.join(dir, 'corpus.json');
  if (existsSync(marker) && readFileSync(marker, 'utf8').trim() === JSON.stringify(options)) return;
  log(`generating ${options.count} notes (and one ${options.huge}-line note) in ${path.relative(root, dir)}`);
  writeCorpus(dir, options);
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
    entryPoints: { 'parse-floor': path.join(root, 'bench/drivers/parse-floor.ts'), 'engine-lint': path.join(root, 'bench/drivers/engine-lint.ts') },
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

function commands(): Command[] {
  const node = process.execPath;
  const mdl = path.join(root, 'node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs');
  const floor = path.join(buildDir, 'parse-floor.mjs');
  const engine = path.join(buildDir, 'engine-lint.mjs');
  const oneNoteCache = { VISITNOTES_COMPILE_CACHE: path.join(buildDir, 'compile-cache-one-note') };
  const installedBin = path.join(root, (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin.visitnotes!);
  const cli = (target: string, ...extra: string[]) => [node, path.join(root, 'bin/visitnotes.js'), 'lint', target, '--no-ignore', '--format', 'json', ...extra];
  const [n, m] = [large.count, medium.count];
  const list: Command[] = [
    { id: 'cli', label: `visitnotes lint, ${n} notes (auto threads)`, argv: cli(notesDir), cwd: root, ok: [0, 1], notes: n },
    { id: 'cli-1t', label: `visitnotes lint --threads off, ${n} notes`, argv: cli(notesDir, '--threads', 'off'), cwd: root, ok: [0, 1], notes: n },
    // markdownlint-cli2 runs from the corpus folder, so no config of this repository applies: default rules.
    { id: 'markdownlint-cli2', label: `markdownlint-cli2 (default rules), ${n} notes`, argv: [node, mdl, 'notes/**/*.md'], cwd: corpus, ok: [0, 1], notes: n },
    { id: 'cli-600', label: `visitnotes lint, ${m} notes (auto threads)`, argv: cli(path.join(corpus600, 'notes')), cwd: root, ok: [0, 1], notes: m },
    { id: 'markdownlint-cli2-600', label: `markdownlint-cli2 (default rules), ${m} notes`, argv: [node, mdl, 'notes/**/*.md'], cwd: corpus600, ok: [0, 1], notes: m },
    { id: 'cli-cache', label: `visitnotes lint --cache, warm (no note changed), ${n} notes`, argv: cli(notesDir, '--cache', '--cache-location', path.join(buildDir, 'lint-cache')), cwd: root, ok: [0, 1], notes: n, warmUp: true },
    { id: 'engine', label: 'engine only, one thread (bench/drivers/engine-lint.ts)', argv: [node, engine, notesDir], cwd: root, ok: [0], notes: n },
    { id: 'floor', label: 'parse-only floor: remark-parse + frontmatter + remark-gfm', argv: [node, floor, notesDir], cwd: root, ok: [0], notes: n },
    { id: 'floor-engine', label: "parse-only floor: the engine's parser", argv: [node, floor, notesDir, '--engine'], cwd: root, ok: [0], notes: n },
    { id: 'node', label: '`node -e 0` (Node start-up alone)', argv: [node, '-e', '0'], cwd: root, ok: [0], notes: 1, cold: true },
    // The command as installed (package.json's bin, dist/cli-run.cjs), with its code cache written by the warm-up.
    // Its own code cache folder: the default one may hold a cache another build or command wrote.
    { id: 'cli-one', label: 'visitnotes lint, one note, cold (the installed command)', argv: [node, installedBin, 'lint', oneNote, '--format', 'json'], cwd: root, ok: [0, 1], notes: 1, cold: true, warmUp: true, env: oneNoteCache },
    // This machine's NODE_EXTRA_CA_CERTS makes Node read a certificate file as it starts (about 40 ms
    // here); the same two commands without it show what Node costs where it is not set.
    ...(process.env.NODE_EXTRA_CA_CERTS
      ? [
          { id: 'node-no-ca', label: '`node -e 0` without NODE_EXTRA_CA_CERTS', argv: [node, '-e', '0'], cwd: root, ok: [0], notes: 1, cold: true, unsetEnv: ['NODE_EXTRA_CA_CERTS'] },
          { id: 'cli-one-no-ca', label: 'visitnotes lint, one note, cold, without NODE_EXTRA_CA_CERTS', argv: [node, installedBin, 'lint', oneNote, '--format', 'json'], cwd: root, ok: [0, 1], notes: 1, cold: true, env: oneNoteCache, unsetEnv: ['NODE_EXTRA_CA_CERTS'] },
        ]
      : []),
    { id: 'markdownlint-cli2-one', label: 'markdownlint-cli2, one note, cold', argv: [node, mdl, path.relative(corpus, oneNote)], cwd: corpus, ok: [0, 1], notes: 1, cold: true },
    { id: 'cli-huge', label: `visitnotes lint, the ${large.huge}-line note`, argv: cli(hugeNote), cwd: root, ok: [0, 1], notes: 1 },
  ];
  if (args.compare) {
    // A built checkout of an earlier version, measured in the same rounds (before/after).
    const before = (target: string, ...extra: string[]) => [node, path.join(path.resolve(args.compare!), 'bin/visitnotes.js'), 'lint', target, '--no-ignore', '--format', 'json', ...extra];
    list.push(
      { id: 'before', label: `earlier version (${args.compare}): lint, ${n} notes (auto threads)`, argv: before(notesDir), cwd: root, ok: [0, 1], notes: n },
      { id: 'before-600', label: `earlier version: lint, ${m} notes (auto threads)`, argv: before(path.join(corpus600, 'notes')), cwd: root, ok: [0, 1], notes: m },
      { id: 'before-one', label: 'earlier version: one note, cold', argv: before(oneNote), cwd: root, ok: [0, 1], notes: 1, cold: true },
    );
  }
  const only = args.only?.split(',');
  return only ? list.filter((c) => only.includes(c.id)) : list;
}

/** The CLI's JSON report with the fast parser and with remark alone must be the same bytes. */
function sameFindings(): { same: boolean; targets: string[] } {
  const targets = [path.join(corpus600, 'notes'), path.join(root, 'examples'), hugeNote];
  let same = true;
  for (const target of targets) {
    const report = (env: NodeJS.ProcessEnv) =>
      spawnSync(process.execPath, [path.join(root, 'bin/visitnotes.js'), 'lint', target, '--no-ignore', '--format', 'json'], { cwd: root, env, encoding: 'utf8', maxBuffer: 1 << 30 }).stdout;
    const fast = report(process.env);
    const remark = report({ ...process.env, VISITNOTES_PARSER: 'remark' });
    if (fast !== remark || !fast.startsWith('[')) {
      same = false;
      log(`the report differs between the fast parser and remark alone: ${target}`);
    }
  }
  return { same, targets: targets.map((t) => path.relative(root, t)) };
}

function lspBench(): Record<string, string> | undefined {
  if (args['no-lsp'] || small) return undefined;
  const out = path.join(buildDir, 'lsp.json');
  log('language server (bench/lsp-bench.ts --quick)');
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/lsp-bench.ts', '--quick', '--json', out], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  return r.status === 0 && existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as Record<string, string>) : undefined;
}

async function main(): Promise<void> {
  if (args.hostile) {
    const { runHostile } = await import('./hostile-run.ts');
    await runHostile({ root, runs, noBuild: args['no-build']!, ...(args.json ? { json: args.json } : {}) });
    return;
  }
  const before = machine();
  ensureCorpus(corpus, large);
  ensureCorpus(corpus600, medium);
  if (!ensureCli()) throw new Error('bin/visitnotes.js or dist/cli.js is missing; run `npm run build`');
  await bundleDrivers();
  const rows = await measureRounds(commands(), runs, small ? 1 : 7, buildDir);
  const extra: Extra = {};
  if (!args.only) {
    log('same findings with the fast parser and with remark alone');
    extra.findings = sameFindings();
    if (!extra.findings.same) process.exitCode = 1;
    log('engine in process (bench/in-process.ts)');
    const files = markdownFiles(notesDir).slice(0, small ? 60 : 600);
    extra.inProcess = measureInProcess(corpusReader(files, files.length), files.length, small ? 1 : 7) satisfies InProcessResult;
    log('incremental re-parse on the long note');
    extra.incremental = measureIncremental(hugeNote, small ? 10 : 50, small ? 1 : 3) satisfies IncrementalResult;
    if (!extra.incremental.sameAsFull) throw new Error('incremental re-parse differs from a full parse');
    extra.lsp = lspBench();
  }
  const after = machine();
  const out = [
    `Visit Notes benchmark${small ? ' (--small: a smoke test, not a measurement)' : ''}: ${large.count} and ${medium.count} generated notes, ${runs} run(s) per command (cold single-note: ${small ? 1 : 7}), medians.`,
    `Machine: ${before.cpus} CPUs, Node ${before.node}, ${before.os}, ${before.memory}; load average ${before.load} before, ${after.load} after.`,
    '',
    resultsTable(rows),
    '',
    goalsTable(rows, extra),
    '',
  ].join('\n');
  process.stdout.write(out);
  if (args.json) writeFileSync(args.json, JSON.stringify({ machine: { before, after }, corpora: { large, medium }, runs, rows, extra }, null, 2) + '\n');
}

main().catch((err) => {
  process.stderr.write(`bench: ${(err as Error).stack ?? err}\n`);
  process.exitCode = 1;
});
