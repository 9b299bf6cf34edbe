import { readFileSync } from 'node:fs';
import { parseNote } from '../server/src/engine/parse.ts';
import { reparse } from '../server/src/engine/incremental.ts';
import { lintNote } from '../server/src/engine/run-rules.ts';
const original = readFileSync('/work/wt/speed/bench/corpus/huge/long.visit.md', 'utf8');
let previous = parseNote(original);
let seed = 1; const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
let text = original; const r: number[] = [], l: number[] = [];
for (let i = 0; i < 150; i++) {
  const at = Math.floor(rnd() * text.length);
  text = text.slice(0, at) + 'e' + text.slice(at);
  const t0 = performance.now(); const res = reparse(previous, text, { reuse: true }); const t1 = performance.now();
  lintNote(res.note); const t2 = performance.now();
  r.push(t1 - t0); l.push(t2 - t1); previous = res.note;
}
const med = (x: number[]) => x.sort((a, b) => a - b)[x.length >> 1]!.toFixed(1);
console.log('reparse', med(r), 'lint', med(l));
