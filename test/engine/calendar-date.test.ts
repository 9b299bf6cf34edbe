/** validDate reads a date by arithmetic (calendar-date.ts) exactly as `Date` reads it. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { validDate } from '../../server/src/engine/visits/summary.ts';
import { fuzzRuns, fuzzSeed } from './fuzz-support.ts';

/** What validDate was: `Date` parses the day at midnight UTC and must give it back. */
function byDate(value: string | undefined): string | undefined {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value ? value : undefined;
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

describe('validDate', () => {
  it('agrees with Date on every day of 1896–2104 and the ends of the four-digit years', () => {
    for (const y of [0, 1, 4, 100, 400, 1600, 1700, 1800, 9996, 9999, ...Array.from({ length: 209 }, (_, i) => 1896 + i)]) {
      for (let m = 0; m <= 13; m++) {
        for (let d = 0; d <= 32; d++) {
          const s = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
          expect(validDate(s), s).toBe(byDate(s));
        }
      }
    }
  });

  it('agrees with Date on other text', () => {
    const chars = fc.constantFrom('0', '1', '2', '9', '-', ' ', 'T', '/', '+');
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 12 }).map((xs) => xs.join('')), (s) => {
        expect(validDate(s)).toBe(byDate(s));
      }),
      { numRuns: fuzzRuns(3000), seed: fuzzSeed() },
    );
    expect(validDate(undefined)).toBeUndefined();
    expect(validDate('2024-02-29')).toBe('2024-02-29');
    expect(validDate('2023-02-29')).toBeUndefined();
  });
});
