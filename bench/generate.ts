/**
 * Deterministic generator of realistic, fictional visit notes for benchmarks.
 * Same seed → byte-identical corpus, so runs on different days compare.
 *
 *   npx tsx bench/generate.ts --out bench/corpus --count 2000 --seed 42 [--huge 20000]
 */
import { mkdirSync, writeFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';

/** mulberry32: tiny, fast, good enough for picking phrases. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PLACES = ['the bakery', 'the depot', 'the library', 'the school kitchen', 'the warehouse', 'the clinic front desk', 'the bus garage', 'the allotment', 'the community garden', 'the choir hall'];
const PEOPLE = ['daughter', 'son', 'sister', 'brother', 'mother', 'father', 'partner', 'neighbour', 'grandmother', 'best friend', 'cousin', 'team-mate'];
const ACTIVITIES = ['coach the under-12s again', 'get back to the pottery class', 'walk the coastal path on Saturdays', 'cook Sunday dinner for the family', 'finish the evening course', 'take the grandchildren to the park', 'sing with the choir again', 'drive to visit her brother once a month', 'go back to five-a-side football', 'read to his son at bedtime', 'keep the allotment going through winter', 'return to work on the day shift'];
const STORY = [
  'describes the last month as "holding my breath" since the reorganisation at',
  'talks mostly about the weekend, when the family gathered for the first time since the move to',
  'says the mornings are the hardest part, before the first shift at',
  'has been spending the evenings alone since the friend who shared the flat left for',
  'came in straight from a long day at',
  'says the new routine has helped, especially the walk home past',
];
const MEDS = [
  ['Sertraline', '50 mg daily'], ['Sertraline', '100 mg daily'], ['Escitalopram', '10 mg daily'], ['Fluoxetine', '20 mg daily'],
  ['Bupropion', '150 mg daily'], ['Mirtazapine', '15 mg at night'], ['Trazodone', '50 mg at bedtime'], ['Lithium', '400 mg twice daily'],
  ['Lamotrigine', '100 mg daily'], ['Quetiapine', '25 mg at night'], ['Venlafaxine', '75 mg daily'], ['Aripiprazole', '5 mg daily'],
] as const;
const CHANGES = ['start', 'increase', 'decrease', 'continue', 'taper'];
const MEANINGS = [
  '"Pills mean I am like my dad" — ambivalent; wants to stop by summer.',
  'Sees it as one part of looking after herself, alongside the walks.',
  'Worried about not waking if his daughter calls at night.',
  'Her mother took "nerve pills" for years; she worries about becoming her.',
  'Describes it as "the thing that keeps me steady" and fears losing it.',
  'Prefers something "just in case" rather than every day.',
];
const REFLECTIONS = [
  'I noticed I wanted to make the evenings easier for her and checked whether the change was for her or for me.',
  'I felt a pull to reassure him quickly; I slowed down and asked what he hoped for instead.',
  'I liked working with her today and noticed how much I wanted the plan to succeed.',
  'I was aware of my own tiredness late in the clinic and kept the pace slower on purpose.',
];

export function generateNote(seed: number, opts: { lines?: number } = {}): string {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const cap = (x: string) => x[0]!.toUpperCase() + x.slice(1);
  const initials = () => String.fromCharCode(65 + Math.floor(r() * 26)) + '.' + String.fromCharCode(65 + Math.floor(r() * 26)) + '.';
  const day = 1 + Math.floor(r() * 28);
  const month = 1 + Math.floor(r() * 12);
  let out: string[] = [
    '---',
    `patient: ${initials()}`,
    `date: 2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    `clinician: ${initials().replace(/\.$/, '')}. Okafor`,
    'visit: follow-up',
    '---',
    '',
    '## Story',
  ];
  const storyParas = 16 + Math.floor(r() * 30);
  for (let p = 0; p < storyParas; p++) {
    out.push(`He ${pick(STORY)} ${pick(PLACES)}. His ${pick(PEOPLE)} has been around more,`);
    out.push(`and they talked about how to ${pick(ACTIVITIES)} before the spring.`);
    out.push('');
  }
  out.push('## Relationships');
  const rels = 4 + Math.floor(r() * 8);
  for (let i = 0; i < rels; i++) out.push(`- ${cap(pick(PEOPLE))}: close; they speak most days about ${pick(PLACES)}.`);
  out.push('- Alliance: warm and steady; asked good questions about the plan.', '');
  out.push('## Goals');
  const goalCount = 2 + Math.floor(r() * 3);
  for (let g = 1; g <= goalCount; g++) out.push(`- [G${g}] ${cap(pick(ACTIVITIES))} by spring.`);
  out.push('', '## Medication meaning');
  const medCount = 1 + Math.floor(r() * 3);
  for (let m = 0; m < medCount; m++) {
    const [name, dose] = pick(MEDS);
    const goal = 1 + ((m * 7 + Math.floor(r() * goalCount)) % goalCount);
    out.push(`### ${name} ${dose}`);
    out.push(`- Change: ${pick(CHANGES)}`);
    out.push(`- Rationale: Steadier days so there is energy to ${pick(ACTIVITIES)} [G${goal}].`);
    out.push(`- Meaning: ${pick(MEANINGS)}`);
    out.push(`- Plan: Revisit in 6 weeks; ask what the change has made possible [G${1 + (m % goalCount)}].`);
    if (m === 0) for (let g = 1; g <= goalCount; g++) out.push(`- Response: Some progress toward this one [G${g}].`);
    out.push('');
  }
  out.push('## Countertransference', pick(REFLECTIONS), '');
  // Pad the Story-like body to hit a requested size (the 20,000-line note).
  if (opts.lines && out.length < opts.lines) {
    const extra: string[] = ['## Notes from earlier visits', ''];
    while (out.length + extra.length < opts.lines) {
      extra.push(`- Visit ${extra.length}: talked about ${pick(PEOPLE)} and ${pick(PLACES)}; planned to ${pick(ACTIVITIES)} [G1].`);
      if (extra.length % 12 === 0) extra.push('', `### Week ${extra.length}`, '');
    }
    // concat, not push(...extra): spreading 200,000 lines overflows the call stack.
    out = out.concat(extra, '');
  }
  return out.join('\n');
}

export interface CorpusOptions {
  count: number;
  seed: number;
  /** Lines of the one huge note (`huge/long.visit.md`). */
  huge: number;
}

/**
 * Writes `count` notes under `out/notes/pNNN/` (100 patients) and one huge note
 * under `out/huge/`, replacing whatever `out` held, plus `out/corpus.json`
 * recording the options (bench/run.ts regenerates when they differ).
 */
export function writeCorpus(out: string, { count, seed, huge }: CorpusOptions): void {
  rmSync(out, { recursive: true, force: true });
  for (let i = 0; i < count; i++) {
    const dir = path.join(out, 'notes', `p${String(i % 100).padStart(3, '0')}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `visit-${String(i).padStart(5, '0')}.visit.md`), generateNote(seed * 100003 + i));
  }
  mkdirSync(path.join(out, 'huge'), { recursive: true });
  writeFileSync(path.join(out, 'huge', 'long.visit.md'), generateNote(seed, { lines: huge }));
  writeFileSync(path.join(out, 'corpus.json'), JSON.stringify({ count, seed, huge }) + '\n');
}

// Run as a script (not when imported, nor when bundled into another script).
if (process.argv[1] && /generate\.[cm]?[jt]s$/.test(process.argv[1]) && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: {
      out: { type: 'string', default: 'bench/corpus' },
      count: { type: 'string', default: '2000' },
      seed: { type: 'string', default: '42' },
      huge: { type: 'string', default: '20000' },
    },
  });
  const out = path.resolve(values.out!);
  writeCorpus(out, { count: Number(values.count), seed: Number(values.seed), huge: Number(values.huge) });
  console.log(`wrote ${values.count} notes and one ${values.huge}-line note under ${out}`);
}
