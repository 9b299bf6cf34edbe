/**
 * statedAge looks for the words each age pattern needs before running it
 * (visits/persons.ts): the same result as running every pattern, on generated
 * Stories dense with ages, the words around them and letters that fold oddly.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { statedAge } from '../../server/src/engine/visits/persons.ts';
import { fuzzRuns, fuzzSeed } from './fuzz-support.ts';

const PERSON_NOUN =
  '(?:woman|man|female|male|girl|boy|lady|gentleman|mother|father|mum|mom|dad|wife|husband|person|nonbinary|non-binary|student|teacher|nurse|driver|mechanic|carer|widow|widower|[FM])';
const PATTERNS = [
  new RegExp(`(?<!(?:\\b(?:her|his|their|my|your|a friend's|whose)\\s+))\\b(\\d{1,3})[- ]?(?:year|yr)s?[- ]old\\b(?:\\s+(${PERSON_NOUN})\\b)?`, 'i'),
  new RegExp(`\\b(\\d{1,3})\\s?(?:yo|y\\/o|y\\.o\\.?)(?![\\w/])(?:\\s*(${PERSON_NOUN})\\b)?`, 'i'),
  /\baged\s+(\d{1,3})\b/i,
];
const RELATIVE_AFTER = /^\s*(?:daughter|son|sister|brother|niece|nephew|grandson|granddaughter|child|children|kid|kids|boy|girl|baby|twins?|dog|cat|car|house|marriage)\b/i;
const FEMALE = /^(?:woman|female|girl|lady|mother|mum|mom|wife|widow|f)$/i;
const MALE = /^(?:man|male|boy|gentleman|father|dad|husband|widower|m)$/i;

/** statedAge as it was, every pattern run. */
function reference(storyText: string): { age: number; sex?: 'f' | 'm' } | undefined {
  const story = storyText.slice(0, 240);
  for (const re of PATTERNS) {
    const m = re.exec(story);
    if (!m) continue;
    const noun = m[2];
    if (!noun && RELATIVE_AFTER.test(story.slice(m.index + m[0].length))) continue;
    if (noun && /^(?:mother|father|mum|mom|dad|wife|husband)$/i.test(noun) && /\b(?:her|his|their|my)\s+$/i.test(story.slice(0, m.index))) continue;
    const age = Number(m[1]);
    if (!(age > 0 && age < 120)) continue;
    const sex = noun ? (FEMALE.test(noun) ? 'f' : MALE.test(noun) ? 'm' : undefined) : undefined;
    return sex ? { age, sex } : { age };
  }
  return undefined;
}

const PIECES = [
  'A ', '34', '58', '7', '120', '-', ' ', 'year', 'YEAR', 'Yr', 'yrs', 's', '-old', ' old', 'OLD', 'ſ', 'K', 'İ', 'y/o', 'YO', 'yo', 'y.o.', 'Y.O', 'aged ', 'AGED ',
  'woman', ' M', ' F', 'mother', 'her ', 'his ', 'daughter', 'dog', ', ', '.', 'who works as a teacher', 'é', '\n',
];
const story = fc.array(fc.constantFrom(...PIECES), { maxLength: 16 }).map((xs) => xs.join(''));

describe('statedAge', () => {
  it('reads what running every pattern reads', () => {
    let found = 0;
    fc.assert(
      fc.property(story, (s) => {
        const want = reference(s);
        if (want) found++;
        expect(statedAge(s), JSON.stringify(s)).toEqual(want);
      }),
      { numRuns: fuzzRuns(4000), seed: fuzzSeed() },
    );
    expect(found).toBeGreaterThan(50);
  });

  it('as clinicians write', () => {
    expect(statedAge('A 34-year-old woman who works as a teacher.')).toEqual({ age: 34, sex: 'f' });
    expect(statedAge('58 y/o M, here for follow-up.')).toEqual({ age: 58, sex: 'm' });
    expect(statedAge('Aged 67, retired.')).toEqual({ age: 67 });
    expect(statedAge('Her 14-year-old daughter started soccer.')).toBeUndefined();
    expect(statedAge('He describes the last month as holding his breath at work.')).toBeUndefined();
  });
});
