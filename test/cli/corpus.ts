/**
 * Generated corpora for the scale tests (threads, cache, shards): realistic notes
 * from the benchmark generator, re-assigned to a few patients with spread-out
 * dates so the cross-visit rules have histories to compare against. One patient
 * has many visits (a big group), and a few notes test how groups are told apart
 * before parsing (quoted or differently cased pseudonyms, no patient, no date,
 * folder grouping).
 */
import { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateNote } from '../../bench/generate.ts';
import { ROOT, tempProject } from './helpers.ts';

export function corpusFiles(count: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    const patient = i % 3 === 0 ? 'P0' : `P${1 + (i % 7)}`;
    const month = String(1 + ((i * 5) % 12)).padStart(2, '0');
    const day = String(1 + ((i * 11) % 28)).padStart(2, '0');
    let text = generateNote(7000 + i)
      .replace(/^patient: .*$/m, `patient: ${patient}`)
      .replace(/^date: .*$/m, `date: 2026-${month}-${day}`);
    if (i % 17 === 5) text = text.replace(/^patient: (.*)$/m, 'patient: "$1"'); // quoted: same patient
    if (i % 19 === 7) text = text.replace(/^patient: P(.*)$/m, 'patient: p$1'); // case: same patient
    if (i % 23 === 11) text = text.replace(/^patient: .*\n/m, ''); // no patient: no history
    if (i % 29 === 13) text = text.replace(/^date: .*$/m, 'date: someday'); // no valid date
    files[`notes/f${i % 5}/v${String(i).padStart(4, '0')}.visit.md`] = text;
  }
  // A folder grouped by folder: its notes form one course whatever their patient.
  files['by-folder/.visitnotes.yaml'] = 'visits:\n  groupBy: folder\n';
  for (let i = 0; i < 6; i++) {
    files[`by-folder/v${i}.visit.md`] = generateNote(9000 + i).replace(/^date: .*$/m, `date: 2026-0${1 + i}-15`);
  }
  return files;
}

export function corpusProject(count: number): string {
  return tempProject(corpusFiles(count));
}

/**
 * A copy of the built CLI as an installed package with another version: the
 * package.json, bin/ and the bundle files the command reaches (node_modules
 * linked). Returns the path of its bin/visitnotes.js.
 */
export function installedCopy(version: string): { dir: string; bin: string } {
  const dir = tempProject({});
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ ...pkg, version }));
  cpSync(path.join(ROOT, 'bin'), path.join(dir, 'bin'), { recursive: true });
  mkdirSync(path.join(dir, 'dist', 'chunks'), { recursive: true });
  const seen = new Set<string>();
  const stack = ['dist/cli.js', 'dist/cli-run.cjs', 'dist/cli.cjs', 'dist/visitnotes.js'];
  while (stack.length) {
    const rel = stack.pop()!;
    if (seen.has(rel)) continue;
    seen.add(rel);
    const code = readFileSync(path.join(ROOT, rel), 'utf8');
    writeFileSync(path.join(dir, rel), code);
    for (const m of code.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*["'](\.\.?\/[^"']+\.js)["']/g)) stack.push(path.join(path.dirname(rel), m[1]!));
  }
  // piscina's worker script, which the bundle starts by path rather than importing.
  const piscinaWorker = 'dist/piscina-worker.cjs';
  if (existsSync(path.join(ROOT, piscinaWorker))) writeFileSync(path.join(dir, piscinaWorker), readFileSync(path.join(ROOT, piscinaWorker)));
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  return { dir, bin: path.join(dir, 'bin', 'visitnotes.js') };
}
