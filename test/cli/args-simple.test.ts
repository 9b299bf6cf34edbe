/**
 * parseSimple reads the usual command line without node:util's parseArgs: wherever it gives an
 * answer, parseArgs (strict, positionals allowed) must give the same one; where parseArgs refuses
 * the line, parseSimple must give none (the error then comes from parseArgs).
 */
import { expect, it } from 'vitest';
import fc from 'fast-check';
import { parseArgs } from 'node:util';
import { parseSimple } from '../../server/src/cli/args.ts';
import { fuzzRuns, fuzzSeed } from '../engine/fuzz-support.ts';

const OPTIONS = {
  format: { type: 'string', short: 'f' },
  quiet: { type: 'boolean' },
  'max-warnings': { type: 'string' },
  'no-ignore': { type: 'boolean' },
  rule: { type: 'string', multiple: true },
  fix: { type: 'boolean', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const;

const ARGS = [
  'notes', 'a.visit.md', '.', 'json', '0', '', ' ', '=', 'x=y', '-', '--', '-h', '-f', '-fjson', '-qh', '-3', '--format', '--format=json',
  '--format=', '--format==', '--quiet', '--quiet=true', '--quiet=', '--max-warnings', '--max-warnings=-1', '--no-ignore', '--rule', '--rule=a',
  '--fix', '--fix=1', '--unknown', '--unknown=1', '--__proto__', '--constructor', '--toString=1', '---format', '--Format', '--help',
];

function reference(argv: string[]): { values: Record<string, unknown>; positionals: string[] } | undefined {
  try {
    const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: true });
    return { values: { ...values }, positionals };
  } catch {
    return undefined;
  }
}

it('gives what parseArgs gives, or leaves the line to it', () => {
  let answered = 0;
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...ARGS), { maxLength: 7 }), (argv) => {
      const simple = parseSimple(argv, OPTIONS);
      if (!simple) return;
      answered++;
      const want = reference(argv);
      expect(want, JSON.stringify(argv)).toBeDefined();
      expect({ values: { ...simple.values }, positionals: simple.positionals }, JSON.stringify(argv)).toEqual(want);
      expect(Object.getPrototypeOf(simple.values)).toBe(null);
    }),
    { numRuns: fuzzRuns(5000), seed: fuzzSeed() },
  );
  expect(answered).toBeGreaterThan(200);
  expect(parseSimple(['examples/a.visit.md', '--format', 'json'], OPTIONS)).toEqual({ values: Object.assign(Object.create(null), { format: 'json' }), positionals: ['examples/a.visit.md'] });
});
