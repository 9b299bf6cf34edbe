/**
 * Hostile notes for `npm run bench -- --hostile` (issue 16, item 3): valid front
 * matter and sections around about 100 KB of one pathological construct each —
 * the inputs that made remark superlinear — and 100 KB of ordinary prose to
 * compare with. Deterministic; written to bench/corpus-hostile/ (git-ignored).
 *
 *   npx tsx bench/hostile.ts [--out bench/corpus-hostile]
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';

const HEAD = '---\npatient: A.B.\ndate: 2026-03-04\nvisit: follow-up\n---\n\n## Story\n\nShe says the mornings are the hardest part [G1].\n\n';
const TAIL =
  '\n\n## Relationships\n\n- Daughter: close.\n\n## Goals\n\n- [G1] Return to the day shift.\n\n## Medication meaning\n\n### Sertraline 50 mg daily\n\n- Change: continue\n- Rationale: steadier mornings [G1].\n- Meaning: "keeps me steady".\n\n## Countertransference\n\nI noticed I wanted to reassure her quickly.\n';

/** About `size` characters of `unit` repeated. */
const fill = (unit: string, size = 100_000) => unit.repeat(Math.ceil(size / unit.length));

/** Name → body (about 100 KB unless the name says otherwise). */
export const HOSTILE_BODIES: Record<string, () => string> = {
  prose: () =>
    fill(
      'He describes the last month as "holding my breath" since the reorganisation at the depot.\nHis daughter has been around more, and they talked about the spring.\n\n',
    ),
  'emphasis *a': () => fill('*a'),
  'emphasis *_': () => fill('*_'),
  'strikethrough ~a': () => fill('~a'),
  'links [a](': () => fill('[a]('),
  'brackets [[ ]]': () => fill('[', 50_000) + fill(']', 50_000),
  'backticks': () => fill('`a``b'),
  'inline HTML <a': () => fill('<a '),
  'HTML comments <!--': () => fill('<!-- a '),
  'entities &amp;': () => fill('&amp;'),
  'autolinks www.': () => fill('www.a.b '),
  'one 100 KB line': () => fill('word '),
  'references [G1] in one paragraph': () => fill('[G1] '),
  'definitions and references': () => Array.from({ length: 3000 }, (_, i) => `[r${i}]: /u${i}\n\nSee [r${i}].\n`).join('\n'),
  'block quote of *a': () => '> ' + fill('*a'),
  'block quote, 100 KB': () => fill('> quoted text of the letter\n'),
  'table, 100 KB': () => '| a | b |\n|---|---|\n' + fill('| x y | z w |\n'),
  'fenced code, unclosed': () => '```\n' + fill('code line\n'),
  'list, 25k items (100 KB)': () => fill('- a\n'),
  'list, 100k items (400 KB)': () => fill('- a\n', 400_000),
  'nested lists, 50 deep': () => fill(Array.from({ length: 50 }, (_, d) => ' '.repeat(2 * d) + '- item\n').join('')),
};

export function hostileNote(name: string): string {
  return HEAD + HOSTILE_BODIES[name]!() + TAIL;
}

/** Writes every hostile note as `<out>/<slug>.visit.md`; returns name → file. */
export function writeHostile(out: string): Map<string, string> {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const files = new Map<string, string>();
  for (const name of Object.keys(HOSTILE_BODIES)) {
    const file = path.join(out, `${name.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase()}.visit.md`);
    writeFileSync(file, hostileNote(name));
    files.set(name, file);
  }
  return files;
}

if (process.argv[1] && /hostile\.[cm]?[jt]s$/.test(process.argv[1]) && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { out: { type: 'string', default: 'bench/corpus-hostile' } } });
  const files = writeHostile(path.resolve(values.out!));
  console.log(`wrote ${files.size} hostile notes under ${values.out}`);
}
