/**
 * The language server's keystroke path in process, on the note
 * bench/lsp-bench.ts uses (generateNote(42, 20,000 lines)): TextDocument.update,
 * the cache's text comparison, re-parse with `reuse`, lint, diagnostics.
 * Alternately inserts and deletes one character in the Story, as lsp-bench does.
 * CPU time per keystroke (process.cpuUsage, so other jobs on the machine count
 * less than in wall time).
 *
 *   npx tsx bench/keystroke.ts [--edits 100] [--lines 20000] [--library]   (--library: vscode-languageserver-textdocument's documents instead of the server's)
 *   node --cpu-prof --import tsx bench/keystroke.ts   (a profile of the same path)
 */
import { parseArgs } from 'node:util';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { generateNote } from './generate.ts';
import { commonPrefix, commonSuffix, lintNote, parseWithConfig, parseOptionsFor, reparseNote, RECOMMENDED } from '../server/src/engine/index.ts';
import { toDiagnostic } from '../server/src/lsp/to-diagnostic.ts';
import { noteTextDocuments } from '../server/src/lsp/text-document.ts';
import { stats } from './incremental.ts';

const { values } = parseArgs({
  options: {
    edits: { type: 'string', default: '100' },
    warmup: { type: 'string', default: '20' },
    lines: { type: 'string', default: '20000' },
    library: { type: 'boolean', default: false },
  },
});
const edits = Number(values.edits);
const warmup = Number(values.warmup);
const text0 = generateNote(42, { lines: Number(values.lines) });
const config = RECOMMENDED;
const options = { ...parseOptionsFor(config), minLength: 0, reuse: true };
const uri = 'file:///bench/huge.visit.md';

const documents = values.library ? TextDocument : noteTextDocuments();
let doc = documents.create(uri, 'visitnotes', 1, text0);
const c0 = process.cpuUsage();
const t0 = performance.now();
let note = parseWithConfig(doc.getText(), config);
const firstDiagnostics = lintNote(note, config).map((f) => toDiagnostic(f, note, uri, doc.version));
const open = { wall: performance.now() - t0, cpu: cpuMs(process.cpuUsage(c0)) };

const anchor = text0.indexOf('## Story') + '## Story\n'.length + 10;
const pos = doc.positionAt(anchor);
const phases = { update: [] as number[], diff: [] as number[], reparse: [] as number[], lint: [] as number[], convert: [] as number[], total: [] as number[] };
for (let i = 0; i < warmup + edits; i++) {
  const change =
    i % 2 === 0
      ? { range: { start: pos, end: pos }, text: 'x' }
      : { range: { start: pos, end: { line: pos.line, character: pos.character + 1 } }, text: '' };
  const c = process.cpuUsage();
  const ta = cpuMs(process.cpuUsage(c));
  const old = doc.getText();
  doc = documents.update(doc, [change], doc.version + 1);
  const text = doc.getText();
  const tb = cpuMs(process.cpuUsage(c));
  const prefix = commonPrefix(old, text);
  const suffix = commonSuffix(old, text, prefix);
  const tc = cpuMs(process.cpuUsage(c));
  note = reparseNote(note, text, { ...options, diff: { old, prefix, suffix } });
  const td = cpuMs(process.cpuUsage(c));
  const findings = lintNote(note, config);
  const te = cpuMs(process.cpuUsage(c));
  findings.map((f) => toDiagnostic(f, note, uri, doc.version));
  const tf = cpuMs(process.cpuUsage(c));
  if (i >= warmup) {
    phases.update.push(tb - ta);
    phases.diff.push(tc - tb);
    phases.reparse.push(td - tc);
    phases.lint.push(te - td);
    phases.convert.push(tf - te);
    phases.total.push(tf - ta);
  }
}

function cpuMs(u: NodeJS.CpuUsage): number {
  return (u.user + u.system) / 1000;
}
const f = (xs: number[]) => {
  const s = stats(xs);
  return `p50 ${s.median.toFixed(1)}  p95 ${s.p95.toFixed(1)}  max ${s.max.toFixed(1)}`;
};
console.log(`${text0.split('\n').length} lines, ${text0.length} chars; first parse + lint ${open.cpu.toFixed(0)} ms CPU (${open.wall.toFixed(0)} ms wall), ${firstDiagnostics.length} diagnostics`);
console.log(`${edits} keystrokes (CPU ms):`);
for (const [k, v] of Object.entries(phases)) console.log(`  ${k.padEnd(8)} ${f(v)}`);
if (process.env.KEYSTROKE_TRACE) console.log(phases.update.map((x) => x.toFixed(1)).join(' '));
