/**
 * Reading one clause of prose about medications ("Discussed raising fluoxetine
 * to 40 mg for ongoing low mood, she agreed"): for each medication named in
 * it, the change the clause makes (from the nearest change word), the dose
 * written after the name, the reason given, and whether the mention is a
 * prescription of this visit at all — not a relative's medication ("her
 * father's lithium"), past treatment ("tried sertraline years ago"), an
 * allergy, substance use, a declined or a merely considered medication.
 *
 * Heuristics over words, kept simple enough to predict; what they cannot tell
 * apart is listed in docs/rules/prose-medication.md.
 */
import { NOT_PROSE_VERBS, PROSE_PHRASES, changeOfWord, prosePattern } from '../model/change-words.ts';
import type { ChangeValue } from '../model/note.ts';
import { tokenize, type Token } from '../vocabulary/index.ts';
import type { MedicationLexicon, MedicationMention } from '../vocabulary/medications.ts';
import { replaceNonLettersOrDigits } from '../letters.ts';

export type QuietReason = 'other-person' | 'history' | 'allergy' | 'substance' | 'declined' | 'tentative' | 'co-prescribed';

export interface ClauseMedication {
  mention: MedicationMention;
  change: ChangeValue | undefined;
  /** `40 mg`, `0.5 mg prn`, as written. */
  dose: string | undefined;
  /** The reason given for it (`ongoing low mood`), as written. */
  reason: string | undefined;
  /** Why the mention is not a prescription of this visit, if it is not. */
  quiet: QuietReason | undefined;
  /** What the entry takes over from the clause, as written: name, dose, change word, reason. */
  usedText: string[];
}

/** Change words only prose has: "takes" (and the phrases of change-words.ts, PROSE_PHRASES). */
const PROSE_WORDS: Readonly<Record<string, ChangeValue>> = { takes: 'continue', taking: 'continue', stays: 'continue' };

const NEGATION = new Set(['not', 'no', 'never', "didn't", "don't", "won't", 'declined', 'refused', 'against', 'without', 'instead']);
const TENTATIVE = new Set(['consider', 'considering', 'considered', 'might', 'could', 'whether', 'possibly', 'option', 'options', 'perhaps', 'maybe', 'later']);
/**
 * Hedges before a change word: the medication is discussed (and needs its
 * entry) but the change is not decided — "what stopping the lithium would
 * mean", "she wants to stop sertraline by summer". The change is left out.
 */
const HEDGES = new Set(['would', 'want', 'wants', 'wanted', 'wish', 'wishes', 'hope', 'hopes', 'hoping', 'if', 'afraid', 'fear', 'fears', 'worried', 'worries', 'worry', 'thinking', 'think', 'what', 'about', 'talk', 'talked', 'talking', 'idea']);
const RELATIVES =
  /^(?:father|dad|mother|mum|mom|brother|sister|sibling|grandmother|grandfather|grandma|grandpa|gran|nan|aunt|uncle|cousin|son|daughter|husband|wife|partner|boyfriend|girlfriend|friend|roommate|flatmate|neighbour|neighbor|colleague|family|parents?)(?:'s)?$/;
const THEIR_VERBS = new Set(['took', 'takes', 'taking', 'was', 'is', 'were', 'has', 'had', 'used', 'uses', 'needed', 'needs', 'got', 'given', 'prescribed', 'also', 'on']);
const HISTORY = /\b(?:previously|previous|prior|formerly|past|ago|history|hx|h\/o|tried|trialled|trialed|failed|used to|had been|as a (?:child|teen|teenager|student)|in (?:19|20)\d\d)\b/i;
const ALLERGY = /\b(?:allerg(?:y|ic|ies)|intoleran(?:t|ce)|anaphylaxis|rash)\b/i;
const SUBSTANCE = /\b(?:street|illicit|recreational(?:ly)?|snort(?:s|ed|ing)?|inject(?:s|ed|ing)|smok(?:es|ed|ing)|bought|buys)\b/i;
const PAST_TENSE = /(?:ed|began|withdrew|held|kept|took|was|cut)$/;

/** `40 mg`, `0.5mg`, `1,5 mg`, `100 mcg`, `10 ml`, with a schedule after it when written. */
const DOSE =
  /(\d+(?:[.,]\d+)?\s*(?:mg|mcg|µg|micrograms?|g|ml|mL|units?|iu|IU)\b)(\s+(?:(?:once|twice|three times)\s+(?:a\s+)?(?:daily|day)|daily|nightly|weekly|bd|bid|tds|tid|qds|qid|qd|qhs|qam|qpm|od|om|on|prn|mane|nocte|at night|at bedtime|in the morning|as needed)\b)?/gi;
/** A reason after the name: "for ongoing low mood", "to help with sleep", "so she can work". */
const REASON =
  /\b(?:for|because(?:\s+of)?|due\s+to|given|to\s+help(?:\s+with)?|to\s+(?:treat|target|manage|address|reduce|ease|improve|settle|steady|calm)|so\s+(?:that\s+)?(?:she|he|they|i|we)\s+(?:can|could))\s+([^,;.]{1,160})/gi;
/** "for 2 weeks", "for now", "for the time being": when, not why. */
const NOT_A_REASON =
  /^(?:\d+|a|one|two|three|four|six|several|few|many|years?|months?|weeks?|days?|ages|decades?|life|good|the\s+(?:time|next|last|past|weekend|holidays?)|now|a\s+while|now\s+on|review|today|tonight|the\s+moment)\b/i;

const MAX_CUE_DISTANCE = 5;
/** How far (in characters) around a name the clause's other cues are read: allergy, history, substance use. */
const CONTEXT = 80;
/** The longest reason taken over into a Rationale. */
const MAX_REASON = 160;

/** Every medication the lexicon finds in `text` (one clause), read as described above. */
export function readClause(text: string, lexicon: MedicationLexicon): ClauseMedication[] {
  const tokens = tokenize(text);
  const mentions = lexicon.findInTokens(tokens);
  if (mentions.length === 0) return [];
  const cues = changeCues(text, tokens);
  const owned = ownCues(cues, mentions);
  const switches = cues.filter((c) => c.value === 'switch');
  return mentions.map((mention, i) => {
    const next = mentions[i + 1]?.start ?? text.length;
    const prev = mentions[i - 1]?.end ?? 0;
    // Cues about the mention are read near it, so a long paragraph's "rash" does not quiet every name in it.
    const near = text.slice(Math.max(prev, mention.start - CONTEXT), Math.min(next, mention.end + CONTEXT));
    const used = [{ start: mention.start, end: mention.end }];
    // A switch word covers both sides: "cross-taper from sertraline to fluoxetine".
    const cue = nearestCue(owned[i]!, mention) ?? nearestCue(nearby(switches, mention), mention);
    let change = cue?.value;
    let quiet: QuietReason | undefined;
    if (cue) used.push({ start: cue.start, end: cue.end });
    const before = tokens.slice(Math.max(0, mention.tokenIndex - 4), mention.tokenIndex).map((t) => t.norm);
    const beforeCue = cue ? tokens.slice(Math.max(0, cue.token - 3), cue.token).map((t) => t.norm) : [];
    if (cue && beforeCue.some((w) => NEGATION.has(w))) {
      // "decided not to increase sertraline": it goes on as it was; "declined to start quetiapine": not prescribed.
      if (cue.value === 'start' || cue.value === 'restart') quiet = 'declined';
      else change = 'continue';
    } else if (!cue && before.some((w) => w === 'declined' || w === 'refused')) quiet = 'declined';
    if (!quiet && [...before, ...beforeCue].some((w) => TENTATIVE.has(w))) quiet = 'tentative';
    else if (cue && beforeCue.some((w) => HEDGES.has(w))) change = undefined;
    if (!quiet && aboutSomeoneElse(tokens, mention.tokenIndex)) quiet = 'other-person';
    if (!quiet && ALLERGY.test(near)) quiet = 'allergy';
    if (!quiet && SUBSTANCE.test(near)) quiet = 'substance';
    if (!quiet && HISTORY.test(near) && (!cue || PAST_TENSE.test(cue.word))) quiet = 'history';
    const dose = doseAfter(text, mention.end, next);
    if (dose) used.push(dose.range);
    if (!quiet && !mention.psychotropic && !cue && !dose) quiet = 'co-prescribed';
    const reason = reasonFor(text, i === 0, dose ? dose.range.end : mention.end, next);
    if (reason) used.push(reason.range);
    return { mention, change, dose: dose?.text, reason: reason?.text, quiet, usedText: used.map((u) => text.slice(u.start, u.end)) };
  });
}

interface Cue {
  value: ChangeValue;
  /** Index of the cue's first token (an arrow stands between tokens: half an index before the next). */
  token: number;
  start: number;
  end: number;
  word: string;
}

/** `d/c`, `c/w`, `d/c'd`: read from the text, since the tokenizer splits at the slash. */
const SLASH_WORD = /[a-z]\/[a-z](?:'d)?/iy;

function changeCues(text: string, tokens: readonly Token[]): Cue[] {
  const cues: Cue[] = [];
  /** Index of the first token ending after `offset` (binary search: tokens are in order). */
  const tokenAt = (offset: number) => {
    let lo = 0;
    let hi = tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tokens[mid]!.end > offset) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  const taken = new Set<number>();
  const lower = text.toLowerCase();
  for (let i = 0; i < PROSE_PHRASES.length; i++) {
    const { value, may } = PROSE_PHRASES[i]!;
    if (!may(lower)) continue;
    const re = prosePattern(i);
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const token = tokenAt(m.index!);
      if (taken.has(token)) continue;
      const last = tokenAt(m.index! + m[0].length - 1);
      for (let k = token; k <= last; k++) taken.add(k);
      cues.push({ value, token, start: m.index!, end: m.index! + m[0].length, word: m[0].toLowerCase() });
    }
  }
  tokens.forEach((t, i) => {
    if (taken.has(i) || NOT_PROSE_VERBS.has(t.norm)) return;
    SLASH_WORD.lastIndex = t.start;
    const slash = SLASH_WORD.exec(text);
    const word = slash ? slash[0] : t.norm;
    const value = PROSE_WORDS[word] ?? changeOfWord(word);
    if (value) cues.push({ value, token: i, start: t.start, end: t.start + word.length, word: word.toLowerCase() });
  });
  for (const m of text.matchAll(/[↑↓⬆⬇]/gu)) {
    cues.push({ value: changeOfWord(m[0])!, token: tokenAt(m.index!) - 0.5, start: m.index!, end: m.index! + m[0].length, word: m[0] });
  }
  return cues.sort((a, b) => a.token - b.token);
}

/** Distance in words from a cue to a mention (0 inside it). */
function distanceTo(c: Cue, m: MedicationMention): number {
  if (c.token < m.tokenIndex) return m.tokenIndex - c.token;
  const last = m.tokenIndex + m.tokenCount - 1;
  return c.token > last ? c.token - last : 0;
}

/** The cues (sorted by token) within reach of a mention, found by binary search. */
function nearby(cues: readonly Cue[], m: MedicationMention): Cue[] {
  const from = m.tokenIndex - MAX_CUE_DISTANCE;
  let lo = 0;
  let hi = cues.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cues[mid]!.token < from) lo = mid + 1;
    else hi = mid;
  }
  const out: Cue[] = [];
  for (let i = lo; i < cues.length && cues[i]!.token <= m.tokenIndex + m.tokenCount - 1 + MAX_CUE_DISTANCE; i++) out.push(cues[i]!);
  return out;
}

/**
 * Each change word belongs to the medication nearest to it, so "Started
 * metformin for weight gain on olanzapine" starts metformin only. On a tie a
 * past participle goes with the name before it ("sertraline stopped,
 * fluoxetine started"), any other word with the name after it ("stop
 * sertraline, start fluoxetine").
 */
function ownCues(cues: readonly Cue[], mentions: readonly MedicationMention[]): Cue[][] {
  const out: Cue[][] = mentions.map(() => []);
  for (const c of cues) {
    // The mentions around the cue: the last starting at or before it, and the next one.
    let lo = 0;
    let hi = mentions.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (mentions[mid]!.tokenIndex <= c.token) lo = mid + 1;
      else hi = mid;
    }
    let best = -1;
    let bestDistance = Infinity;
    for (const i of [lo - 1, lo]) {
      const m = mentions[i];
      if (!m) continue;
      const distance = distanceTo(c, m);
      if (distance === 0) continue; // "Cont" is not a cue inside a brand name
      const before = c.token < m.tokenIndex;
      const tieWins = distance === bestDistance && (PAST_TENSE.test(c.word) ? !before : before);
      if (distance < bestDistance || tieWins) {
        best = i;
        bestDistance = distance;
      }
    }
    if (best >= 0) out[best]!.push(c);
  }
  return out;
}

/** The change word closest to the mention (ties: the one before it), within a few words. */
function nearestCue(cues: readonly Cue[], m: MedicationMention): Cue | undefined {
  let best: Cue | undefined;
  let bestDistance = Infinity;
  for (const c of cues) {
    const distance = distanceTo(c, m);
    if (distance === 0 || distance > MAX_CUE_DISTANCE) continue; // "Cont" is not a cue inside a brand name
    const before = c.token < m.tokenIndex;
    if (distance < bestDistance || (distance === bestDistance && before)) {
      best = c;
      bestDistance = distance;
    }
  }
  return best;
}

/** "Her father's lithium", "her mother took sertraline for years", "his brother is also on lithium". */
function aboutSomeoneElse(tokens: readonly Token[], at: number): boolean {
  for (let i = Math.max(0, at - 6); i < at; i++) {
    const w = tokens[i]!.norm;
    if (!RELATIVES.test(w)) continue;
    if (w.endsWith("'s") && i === at - 1) return true;
    if (tokens.slice(i + 1, Math.min(at, i + 4)).some((t) => THEIR_VERBS.has(t.norm))) return true;
  }
  return false;
}

/** The dose written after the name (before the next medication): the one after "to"/"→" when the text says "from 100 to 150 mg". */
function doseAfter(text: string, from: number, to: number): { text: string; range: { start: number; end: number } } | undefined {
  const window = text.slice(from, Math.min(to, from + 48));
  const doses = [...window.matchAll(DOSE)];
  if (doses.length === 0) return undefined;
  const target = doses.find((d) => /(?:\bto|→|->)\s*$/.test(window.slice(0, d.index))) ?? doses[0]!;
  // Only what follows the name closely: "fluoxetine to 40 mg", "clonazepam 0.5 mg prn".
  if (replaceNonLettersOrDigits(window.slice(0, target.index), ' ').trim().split(' ').filter(Boolean).length > 6) return undefined;
  const written = (target[1]! + (target[2] ?? '')).replace(/\s+/g, ' ').trim();
  const start = from + target.index!;
  return { text: written, range: { start, end: start + target[0].length } };
}

/**
 * The reason given after the name and dose — its trigger word before the next
 * medication, its text up to the clause's next comma (a later medication's
 * name may be part of it: "for weight gain on olanzapine") — or, for the
 * clause's first medication, at the start of the clause ("For sleep,
 * trazodone 50 mg"). Searches stay within the mention's own stretch of text.
 */
function reasonFor(text: string, first: boolean, from: number, next: number): { text: string; range: { start: number; end: number } } | undefined {
  const stretch = text.slice(from, Math.min(text.length, Math.max(next, from) + MAX_REASON));
  for (const m of stretch.matchAll(REASON)) {
    if (from + m.index! >= next) break; // the next medication's own reason
    const r = pick(m, from);
    if (r) return r;
  }
  if (!first) return undefined;
  const lead = LEAD_REASON.exec(text.slice(0, Math.min(from, MAX_REASON)));
  return lead ? pick(lead, 0) : undefined;
}

const LEAD_REASON = /^\s*(?:for|to\s+help(?:\s+with)?)\s+([^,;.]{1,160}),/i;

function pick(m: RegExpExecArray | RegExpMatchArray, base: number): { text: string; range: { start: number; end: number } } | undefined {
  const value = m[1]!.trim();
  if (!value || NOT_A_REASON.test(value) || /^(?:her|him|them|me|us|it|you|that|this|now)$/i.test(value)) return undefined;
  const start = base + m.index!;
  return { text: m[0].startsWith('so') || /^to\s+(?!help)/i.test(m[0]) ? m[0].trim() : value, range: { start, end: start + m[0].length } };
}
