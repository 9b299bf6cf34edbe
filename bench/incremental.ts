/**
 * One-character edits on a long note: full parse vs incremental re-parse
 * (engine/incremental.ts), and the diagnostics path (re-parse + lint) the
 * language server takes after a keystroke. Edits land at random places (seeded)
 * and chain, as typing does; each incremental result is checked against a full
 * parse of the same text at the end.
 *
 *   npx tsx bench/incremental.ts [--file bench/corpus/huge/long.visit.md] [--edits 50] [--full-runs 3] [--json]
 */
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { parseNote } from '../server/src/engine/parse.ts';
import { reparse } from '../server/src/engine/incremental.ts';
import { lintNote } from '../server/src/engine/run-rules.ts';
import { rng } from './generate.ts';

export interface IncrementalResult {
  file: string;
  lines: number;
  chars: number;
  edits: number;
  /** Full parse (parseNote) of the note, ms. */
  full: Stats;
  /** reparse() after a one-character edit, ms. */
  incremental: Stats;
  /** reparse() + lintNote(): what a keystroke costs before JSON-RPC, ms. */
  diagnostics: Stats;
  /** Edits where reparse() fell back to a full parse. */
  fullFallbacks: number;
  /** Characters re-parsed per edit (median). */
  reparsedChars: number;
  /** Whether the final incremental model equals a full parse of the final text. */
  sameAsFull: boolean;
}

export interface Stats {
  median: number;
  p95: number;
  max: number;
}

export function stats(xs: number[]): Stats {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? NaN;
  return { median: at(0.5), p95: at(0.95), max: s[s.length - 1] ?? NaN };
}

export function measureIncremental(file: string, edits: number, fullRuns: number, seed = 1): IncrementalResult {
  const original = readFileSync(file, 'utf8');
  const full: number[] = [];
  let previous = parseNote(original);
  for (let i = 0; i < fullRuns; i++) {
    const t = performance.now();
    previous = parseNote(original);
    full.push(performance.now() - t);
  }
  const random = rng(seed);
  const letters = 'etaoinshrdlu ';
  const incremental: number[] = [];
  const diagnostics: number[] = [];
  const reparsed: number[] = [];
  let fallbacks = 0;
  let text = original;
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(random() * text.length);
    text = text.slice(0, at) + letters[Math.floor(random() * letters.length)] + text.slice(at);
    const t0 = performance.now();
    const result = reparse(previous, text);
    const t1 = performance.now();
    lintNote(result.note);
    const t2 = performance.now();
    incremental.push(t1 - t0);
    diagnostics.push(t2 - t0);
    if (!result.incremental) fallbacks++;
    else if (result.reparsed) reparsed.push(result.reparsed.end - result.reparsed.start);
    previous = result.note;
  }
  const check = parseNote(text);
  const sameAsFull =
    isDeepStrictEqual(previous.tree, check.tree) &&
    isDeepStrictEqual(lintNote(previous), lintNote(check)) &&
    isDeepStrictEqual(previous.goalReferences, check.goalReferences) &&
    isDeepStrictEqual(previous.sections, check.sections);
  return {
    file,
    lines: previous.lines.lineCount,
    chars: text.length,
    edits,
    full: stats(full),
    incremental: stats(incremental),
    diagnostics: stats(diagnostics),
    fullFallbacks: fallbacks,
    reparsedChars: stats(reparsed).median,
    sameAsFull,
  };
}

if (process.argv[1] && /incremental\.[cm]?[jt]s$/.test(process.argv[1])) {
  const { values } = parseArgs({
    options: {
      file: { type: 'string', default: 'bench/corpus/huge/long.visit.md' },
      edits: { type: 'string', default: '50' },
      'full-runs': { type: 'string', default: '3' },
      seed: { type: 'string', default: '1' },
      json: { type: 'boolean', default: false },
    },
  });
  const r = measureIncremental(values.file!, Number(values.edits), Number(values['full-runs']), Number(values.seed));
  if (values.json) process.stdout.write(JSON.stringify(r) + '\n');
  else {
    const f = (s: Stats) => `median ${s.median.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms, max ${s.max.toFixed(1)} ms`;
    console.log(`${r.file}: ${r.lines} lines, ${r.chars} chars, ${r.edits} one-character edits`);
    console.log(`  full parse:               ${f(r.full)}`);
    console.log(`  incremental re-parse:     ${f(r.incremental)} (fell back ${r.fullFallbacks}×; median ${r.reparsedChars} chars re-parsed)`);
    console.log(`  re-parse + lint:          ${f(r.diagnostics)}`);
    console.log(`  same as a full parse:     ${r.sameAsFull}`);
  }
}
