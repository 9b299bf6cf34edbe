/**
 * The engine in one process, one thread: per typical note, the time to read,
 * parse, build the model and run every rule (`lintText`, recommended config),
 * against a plain remark parse of the same notes (unified + remark-parse +
 * remark-frontmatter + remark-gfm) measured in the same process. Rounds
 * alternate the two, and the ratio of medians is reported, so it holds on any
 * machine; the smoke test (test/bench-smoke.test.ts) asserts only that ratio.
 *
 *   npx tsx bench/in-process.ts [--notes 300] [--rounds 7]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import { lintText } from '../server/src/engine/run-rules.ts';
import { generateNote } from './generate.ts';

export interface InProcessResult {
  notes: number;
  rounds: number;
  /** Median over rounds, ms per note (CPU time of this thread's process). */
  lintMsPerNote: number;
  remarkMsPerNote: number;
  /** lint ÷ remark, median of the per-round ratios. */
  ratio: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** CPU time of `fn` (user + system), ms: less disturbed by other processes than wall time. */
function cpu(fn: () => void): number {
  const t = process.cpuUsage();
  fn();
  const d = process.cpuUsage(t);
  return (d.user + d.system) / 1000;
}

/**
 * `read` returns each note's text (from disk, so reading is part of the lint
 * time); `count` notes, `rounds` alternating rounds after one warm-up round.
 */
export function measureInProcess(read: (i: number) => string, count: number, rounds: number): InProcessResult {
  const remark = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm);
  const lintAll = () => {
    for (let i = 0; i < count; i++) lintText(read(i));
  };
  const remarkAll = () => {
    for (let i = 0; i < count; i++) remark.parse(read(i));
  };
  lintAll();
  remarkAll();
  const lint: number[] = [];
  const parse: number[] = [];
  const ratios: number[] = [];
  for (let r = 0; r < rounds; r++) {
    // Alternate which goes first, so a change in load hits both alike.
    let l: number;
    let p: number;
    if (r % 2) {
      p = cpu(remarkAll);
      l = cpu(lintAll);
    } else {
      l = cpu(lintAll);
      p = cpu(remarkAll);
    }
    parse.push(p);
    lint.push(l);
    ratios.push(l / p);
  }
  return { notes: count, rounds, lintMsPerNote: median(lint) / count, remarkMsPerNote: median(parse) / count, ratio: median(ratios) };
}

/** Notes from files (read on every pass) or, without files, generated corpus notes (seed 42). */
export function corpusReader(files: string[] | undefined, count: number): (i: number) => string {
  if (files) return (i) => readFileSync(files[i % files.length]!, 'utf8');
  const texts = Array.from({ length: count }, (_, i) => generateNote(42 * 100003 + i));
  return (i) => texts[i]!;
}

if (process.argv[1] && /in-process\.[cm]?[jt]s$/.test(process.argv[1])) {
  const { values } = parseArgs({ options: { notes: { type: 'string', default: '300' }, rounds: { type: 'string', default: '7' } } });
  const count = Number(values.notes);
  const r = measureInProcess(corpusReader(undefined, count), count, Number(values.rounds));
  console.log(`${r.notes} notes, ${r.rounds} rounds: lint ${r.lintMsPerNote.toFixed(3)} ms/note, remark parse ${r.remarkMsPerNote.toFixed(3)} ms/note, ratio ${r.ratio.toFixed(3)}`);
}
