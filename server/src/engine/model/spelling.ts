/**
 * How far a written word is from a known name, for "did you mean". Plain edit
 * distance counts a swap of two neighbouring letters (`Plna`, `Meanign`,
 * `Gaols`) as two edits, which puts the commonest typing slip out of reach of
 * short names; here such a swap costs one, as a single typo should.
 */
import { distance } from 'fastest-levenshtein';

/** Edit distance in which one swap of adjacent characters counts as one edit. */
export function typoDistance(a: string, b: string): number {
  const d = distance(a, b);
  return d === 2 && isOneSwap(a, b) ? 1 : d;
}

/** `a` turns into `b` by swapping one pair of neighbouring characters. */
function isOneSwap(a: string, b: string): boolean {
  if (a.length !== b.length || a.length < 2) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

/**
 * Candidates within a small typo distance of `word` (case-insensitive), best
 * first. The allowance grows with the word: one edit up to five letters, two
 * from six, never more than `maxDistance`.
 */
export function closeNames(word: string, candidates: readonly string[], maxDistance = 2): string[] {
  const w = word.toLowerCase();
  const limit = Math.max(1, Math.min(maxDistance, Math.floor(w.length / 3) + 1));
  return candidates
    .map((c) => ({ c, d: typoDistance(w, c.toLowerCase()) }))
    .filter((x) => x.d > 0 && x.d <= limit)
    .sort((a, b) => a.d - b.d)
    .map((x) => x.c);
}
