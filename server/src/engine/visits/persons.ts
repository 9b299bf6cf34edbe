/**
 * Telling people apart. The index groups notes into buckets it can compute from
 * one note alone: the `patient` value (or, with `visits.groupBy: folder`, the
 * folder). A bucket may hold more than one person: two people with the same
 * initials, or a flat folder of many patients. This module decides, for one
 * note, which notes of its bucket are the same person:
 *
 * 1. A `patient-key` decides when both notes carry one: same key, same person;
 *    different keys, different people.
 * 2. A note without a key joins a key's course only when that key is the only
 *    one its pseudonym has in the bucket (notes written before keys were used).
 * 3. With `groupBy: folder`, notes whose pseudonyms differ (beyond case, dots and
 *    spaces: `T.B.` = `TB`) are different people.
 * 4. Wherever a note joins by pseudonym or folder rather than by a shared key,
 *    the course is checked for a likely collision: a visit that shares nothing
 *    with the earlier ones (no medication, no goal with similar wording) or whose
 *    stated age or sex does not fit them. The first visit where that shows gets
 *    one notice (the `patient-key` rule); no continuity is reported across it.
 */
import { goalTokens } from './goals.ts';
import { normalizePatientKey } from './patient-key.ts';
import type { VisitGrouping } from '../config/types.ts';
import type { IdentityNotice, VisitSummary } from './types.ts';
import { includesAny, replaceNonLettersOrDigits } from '../letters.ts';

export type { IdentityNotice } from './types.ts';

export interface Course {
  /** Earlier visits of the same person, date order. */
  previous: VisitSummary[];
  notice?: IdentityNotice;
}

/** `T.B.`, `t b`, `TB` → `tb`. */
export function loosePseudonym(p: string | undefined): string | undefined {
  const v = p === undefined ? undefined : replaceNonLettersOrDigits(p.toLowerCase(), '');
  return v ? v : undefined;
}

// Summaries are immutable once indexed: normalise keys and tokenise goals once per summary.
const keyCache = new WeakMap<VisitSummary, string | undefined>();
function keyOf(v: VisitSummary): string | undefined {
  if (keyCache.has(v)) return keyCache.get(v);
  const k = v.patientKey ? normalizePatientKey(v.patientKey) : undefined;
  keyCache.set(v, k);
  return k;
}
const tokenCache = new WeakMap<object, Set<string>>();
function tokensOf(goal: { text: string }): Set<string> {
  let t = tokenCache.get(goal);
  if (!t) tokenCache.set(goal, (t = goalTokens(goal.text)));
  return t;
}
/** Overlap coefficient, as goals.ts `goalSimilarity`, on cached token sets. */
function overlap(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 1;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / Math.min(a.size, b.size);
}

/**
 * The earlier visits of `self`'s person among `bucket` (every note of its
 * bucket, any date, self included or not), and a notice when the bucket looks
 * like more than one person and self's course had to be cut.
 */
export function courseBefore(self: VisitSummary, bucket: readonly VisitSummary[], grouping: VisitGrouping): Course {
  const date = self.date;
  if (!date) return { previous: [] };
  const { members, ambiguous } = samePerson(self, bucket, grouping);
  const earlier = members.filter((v) => v.path !== self.path && v.date !== undefined && v.date < date);
  const selfKey = keyOf(self);
  const byKey = (v: VisitSummary) => selfKey !== undefined && keyOf(v) === selfKey;
  let course: Course = { previous: earlier };
  if (!earlier.every(byKey)) {
    const found = firstCollision([...earlier, self]);
    // A keyed note keeps the visits that share its key; without a key nothing can be trusted.
    if (found) course = { previous: earlier.filter(byKey), notice: { kind: 'collision', at: found.at === self ? 'here' : 'earlier', reason: found.reason } };
  }
  if (ambiguous && course.notice?.at !== 'here') {
    // Said once, at the latest note without a key (where a key is most likely added next).
    const latest = !members.some((v) => v.path !== self.path && v.date !== undefined && v.date > date);
    course = { previous: course.previous, notice: { kind: 'ambiguous', at: latest ? 'here' : 'earlier' } };
  }
  return course;
}

/**
 * Every visit of `self`'s person in the bucket (self included), date order, for
 * the timeline. When a collision shows, only visits sharing self's key remain
 * (or self alone, without a key): one person's course is never drawn with
 * another's visits.
 */
export function wholeCourse(self: VisitSummary, bucket: readonly VisitSummary[], grouping: VisitGrouping): VisitSummary[] {
  const { members } = samePerson(self, bucket, grouping);
  const withSelf = members.some((v) => v.path === self.path) ? members : [...members, self];
  const selfKey = keyOf(self);
  const dated = withSelf.filter((v) => v.date).sort(byDateThenPath);
  if (dated.every((v) => selfKey !== undefined && keyOf(v) === selfKey) || !firstCollision(dated)) {
    return [...dated, ...withSelf.filter((v) => !v.date)];
  }
  return selfKey ? withSelf.filter((v) => keyOf(v) === selfKey).sort(byDateThenPath) : [self];
}

/** The bucket's notes that may be `self`'s person, by key and (in folder mode) pseudonym. */
function samePerson(self: VisitSummary, bucket: readonly VisitSummary[], grouping: VisitGrouping): { members: VisitSummary[]; ambiguous: boolean } {
  const mine = loosePseudonym(self.patient);
  // Folder grouping: a folder may be one person (spellings vary) or a flat folder of many.
  const compatible = (v: VisitSummary) => {
    if (grouping !== 'folder') return true;
    const theirs = loosePseudonym(v.patient);
    return mine === undefined || theirs === undefined || theirs === mine;
  };
  const pool = bucket.filter(compatible);
  const keys = new Set(pool.map(keyOf).filter((k): k is string => k !== undefined));
  const selfKey = keyOf(self);
  if (selfKey !== undefined) {
    const legacyJoins = [...keys].every((k) => k === selfKey); // no other key among this pseudonym's notes
    return { members: pool.filter((v) => keyOf(v) === selfKey || (keyOf(v) === undefined && legacyJoins)), ambiguous: false };
  }
  // Several keys and none here: this note can join only the others without a key.
  if (keys.size >= 2) return { members: pool.filter((v) => keyOf(v) === undefined), ambiguous: true };
  return { members: pool, ambiguous: false };
}

interface Found {
  at: VisitSummary;
  reason: 'nothing-shared' | 'age' | 'sex';
}

/**
 * Walks `chain` (date order) and returns the first visit that does not fit the
 * visits before it. A visit that shares its key with everything before it is
 * trusted. Linear in the chain: what came before is kept as running sets.
 */
function firstCollision(chain: readonly VisitSummary[]): Found | undefined {
  const meds = new Set<string>();
  const goalsById = new Map<string, Set<string>>();
  /** The most recent goals' words, for a goal renumbered since (a bounded look-back keeps the walk linear). */
  const recentGoals: Set<string>[] = [];
  const keysBefore = new Set<string | undefined>();
  let firstAge: { age: number; date: string } | undefined;
  let sex: 'f' | 'm' | undefined;
  let content = false;
  for (const [i, v] of chain.entries()) {
    const k = keyOf(v);
    const trusted = i === 0 || (k !== undefined && keysBefore.size === 1 && keysBefore.has(k));
    if (!trusted) {
      if (v.age !== undefined && firstAge && v.date && !ageFits(firstAge, v.age, v.date)) return { at: v, reason: 'age' };
      if (v.sex && sex && v.sex !== sex) return { at: v, reason: 'sex' };
      const hasContent = v.medications.length > 0 || v.goals.length > 0;
      if (content && hasContent && !sharesSomething(v, meds, goalsById, recentGoals)) return { at: v, reason: 'nothing-shared' };
    }
    for (const m of v.medications) if (m.key) meds.add(m.key);
    for (const g of v.goals) {
      goalsById.set(g.id, tokensOf(g));
      recentGoals.push(tokensOf(g));
      if (recentGoals.length > 12) recentGoals.shift();
    }
    if (v.age !== undefined && v.date && !firstAge) firstAge = { age: v.age, date: v.date };
    sex ??= v.sex;
    content ||= v.medications.length > 0 || v.goals.length > 0;
    keysBefore.add(k);
  }
  return undefined;
}

/** A medication in common, a goal ID whose wording is recognisably the same, or a recent goal reworded under a new ID. */
function sharesSomething(v: VisitSummary, meds: Set<string>, goalsById: Map<string, Set<string>>, recentGoals: Set<string>[]): boolean {
  if (v.medications.some((m) => m.key && meds.has(m.key))) return true;
  for (const g of v.goals) {
    const words = tokensOf(g);
    const same = goalsById.get(g.id);
    if (same !== undefined && overlap(words, same) >= 0.2) return true;
    if (recentGoals.some((t) => overlap(words, t) >= 0.5)) return true;
  }
  return false;
}

/** An age stated at `date` fits one stated earlier when the difference matches the years between (±1 for birthdays). */
function ageFits(first: { age: number; date: string }, age: number, date: string): boolean {
  const years = (Date.parse(date) - Date.parse(first.date)) / (365.25 * 864e5);
  const diff = age - first.age;
  return diff >= Math.floor(years) - 1 && diff <= Math.ceil(years) + 1;
}

function byDateThenPath(a: VisitSummary, b: VisitSummary): number {
  const da = a.date ?? '';
  const db = b.date ?? '';
  return da < db ? -1 : da > db ? 1 : a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

const PERSON_NOUN =
  '(?:woman|man|female|male|girl|boy|lady|gentleman|mother|father|mum|mom|dad|wife|husband|person|nonbinary|non-binary|student|teacher|nurse|driver|mechanic|carer|widow|widower|[FM])';
/**
 * Each pattern with what it cannot match without, looked for in the lowercased text first
 * (the patterns ignore case): most Stories state no age, and compiling the patterns would
 * cost each cold run about a millisecond (test/engine/stated-age.test.ts checks the two agree).
 */
export const AGE_PATTERNS: readonly { re: RegExp; needs: (lower: string) => boolean }[] = [
  {
    re: new RegExp(`(?<!(?:\\b(?:her|his|their|my|your|a friend's|whose)\\s+))\\b(\\d{1,3})[- ]?(?:year|yr)s?[- ]old\\b(?:\\s+(${PERSON_NOUN})\\b)?`, 'i'),
    needs: (lower) => lower.includes('old') && includesAny(lower, ['year', 'yr']),
  },
  {
    re: new RegExp(`\\b(\\d{1,3})\\s?(?:yo|y\\/o|y\\.o\\.?)(?![\\w/])(?:\\s*(${PERSON_NOUN})\\b)?`, 'i'),
    needs: (lower) => includesAny(lower, ['yo', 'y/o', 'y.o']),
  },
  { re: /\baged\s+(\d{1,3})\b/i, needs: (lower) => lower.includes('aged') },
];
const RELATIVE_AFTER = /^\s*(?:daughter|son|sister|brother|niece|nephew|grandson|granddaughter|child|children|kid|kids|boy|girl|baby|twins?|dog|cat|car|house|marriage)\b/i;
const FEMALE = /^(?:woman|female|girl|lady|mother|mum|mom|wife|widow|f)$/i;
const MALE = /^(?:man|male|boy|gentleman|father|dad|husband|widower|m)$/i;

/**
 * The person's own age (and sex, when stated with it) from the opening of the
 * Story, where clinicians put it: "58 y/o M", "A 34-year-old woman", "Aged 67".
 * Another person's age ("her 14-year-old daughter", "a 12-year-old dog") is not
 * taken, and neither is anything further in ("since she was a 15-year-old girl").
 */
export function statedAge(storyText: string): { age: number; sex?: 'f' | 'm' } | undefined {
  const story = storyText.slice(0, 240);
  const lower = story.toLowerCase();
  for (const { re, needs } of AGE_PATTERNS) {
    if (!needs(lower)) continue;
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
