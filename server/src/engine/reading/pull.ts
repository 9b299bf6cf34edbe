/**
 * Reading a Countertransference section for a *pull toward prescribing*: the
 * clinician's own pressure, wish to act or wish to please, tied in the same
 * sentence to acting, prescribing or a medication of the note.
 *
 * A cue comes from the `pressure` vocabulary (config can extend it) or from a
 * purpose clause ("so he would feel heard"). Each cue has a kind, and the kind
 * decides what else the sentence must say:
 *
 * - `wish-to` ("urge to", "pulled to", "wanted to", "tempted to"): counts when
 *   what follows "to" is acting ("urge to add", "wanted to give her something"),
 *   or giving or doing with acting elsewhere in the sentence ("wanting to give
 *   her an answer, and the increase was the answer I had"); "I wanted to
 *   understand why the sertraline stopped" is not a wish to act.
 * - `emotion` (frustrated, impatient, angry...): counts when it is not aimed at
 *   someone else ("impatient with her parents", "annoyed at the pharmacy" are
 *   feelings about other people's behaviour) and the sentence ties it to acting.
 * - `external` ("pushed for", "insisted", "asked me to", "pressure from"):
 *   pressure from a third party (family, team, GP) counts with a tie; the
 *   patient's own request ("she asked me to increase it") is not pressure.
 * - `please` ("went along with", "caved", "couldn't say no", "something to tell
 *   him"), purpose clauses ("so she would feel heard") and every other cue
 *   (pressure, helpless, rushed, out of my depth): count with a tie.
 *
 * Every cue must be the clinician's (whose.ts), not negated ("no urge to"), and
 * its tie must stand in the same link span (sentences.ts: "but" and dashes
 * separate, "because" and "so" join).
 */
import { TermList, termKey, tokenize, type Token } from '../vocabulary/index.ts';
import { findTies } from './acting.ts';
import { clauseStarts, lastAtOrBefore, linkStarts, splitSentences, type Span } from './sentences.ts';
import { classify, negatedAt, ownerBefore, PATIENT, THIRD, WE, type Owner, type WhoseContext } from './whose.ts';
import { builtinTermKeys, builtinTermList } from '../vocabulary/builtin-lists.ts';

const PERSON_WORDS = new Set([...PATIENT, ...THIRD, ...WE]);

export type PullKind = 'wish-to' | 'emotion' | 'external' | 'please' | 'purpose' | 'pressure';

export interface PullMention {
  /** Offsets into the read text. */
  start: number;
  end: number;
  /** Index into `sentences`. */
  sentence: number;
  kind: PullKind;
  owner: Owner;
}

const keys = (name: string, s: string) => builtinTermKeys(`pull/${name}`, s.split('|'));

const EMOTION = keys(
  'emotion',
  'frustrated|frustration|frustrating|exasperated|exasperation|impatient|impatience|annoyed|annoyance|irritated|' +
    'irritation|angry|anger|resentful|resentment|fed up|irritable|worried|anxious|bored|boredom',
);
const EXTERNAL = keys(
  'external',
  'pushed for|pushing for|pressed for|pressing for|insisted|insisting|insistent|insisted on|demanded|demanding|' +
    'lobbied|lobbying|asked me to|asking me to|wanted me to|wants me to|expected me to|expecting me to|' +
    'pressure from|keen for|on at me|leaning on me|wanted him|wanted her|wanted them|wants him|wants her|wants them',
);
const PLEASE = keys(
  'please',
  'went along with|go along with|going along with|gave in|give in|giving in|caved|caved in|' +
    "couldn't say no|could not say no|hard to say no|didn't want to disappoint|did not want to disappoint|" +
    'not want to disappoint|keep the peace|to keep the peace|placate|to placate|appease|something to tell|' +
    'something to show|to show I was doing something|seen to be doing something|be seen to act',
);

/** Hedged motives ("partly to", "mainly because"): a confession of motive, tied anywhere in the sentence. */
const HEDGES = keys(
  'hedges',
  'partly to|partly because|partly so|mainly to|mainly because|largely because|largely to|in part to|in part because',
);

/** What a purpose clause hopes for when it is about pleasing: "so he would feel heard". */
const PLEASING = builtinTermList('pull/pleasing', [
  'feel heard', 'felt heard', 'feel listened to', 'felt listened to', 'feel helped', 'felt helped', 'feel taken seriously',
  'felt taken seriously', 'feel looked after', 'felt looked after', 'feel cared for', 'felt cared for', 'leave with something',
  'leave happy', 'leave satisfied', 'leave content', 'go home with something', 'walk out with something', 'stop asking',
  'stop calling', 'stop pushing', 'stop complaining', 'back off', 'calm down', 'be satisfied', 'be pleased', 'be happy',
  'see I was doing something', 'see that I was doing something', 'see I was trying', 'know I was doing something',
  'feel I was doing something', 'feel something was being done', 'feel I cared', 'not be disappointed',
  'not leave empty-handed', 'not feel dismissed', 'not complain',
]);

/** Refusing, withholding, disappointing: avoided (not, hard to, if I), a wish to please. */
const REFUSING = builtinTermList('pull/refusing', [
  'say no', 'saying no', 'refuse', 'refusing', 'refused', 'disappoint', 'disappointing', 'let her down', 'let him down',
  'let them down', 'send her away', 'send him away', 'send them away', 'turn her down', 'turn him down', 'leave her without',
  'leave him without', 'leave them without', 'withhold', 'deny her', 'deny him',
]);
const AVOIDING = new Set(['not', 'never', 'hard', 'reluctant', 'hated', 'loath', 'unable', 'avoid', 'if', 'couldn\'t', 'cannot', 'can\'t']);

/** The token index of an avoidance marker up to seven words before token `i`, within its clause. */
function avoidanceBefore(tokens: readonly Token[], i: number, text: string): number | undefined {
  for (let k = i - 1; k >= Math.max(0, i - 7); k--) {
    if (/[,;:.!?()—–]/.test(text.slice(tokens[k]!.end, tokens[k + 1]!.start))) break;
    const w = tokens[k]!.norm;
    if (AVOIDING.has(w) || w.endsWith("n't")) return k;
  }
  return undefined;
}

/** Verbs of soothing someone: with a third party as object, a wish to please ("to reassure her husband"). */
const SOOTHING = new Set(['reassure', 'reassuring', 'placate', 'placating', 'appease', 'appeasing', 'satisfy', 'pacify', 'mollify']);

/** Prepositions that aim a feeling at someone: "impatient with her parents", "angry at the insurer". */
const AIMED = new Set(['with', 'at', 'about', 'towards', 'toward', 'by', 'over', 'for']);
const FEELING = /\b(?:felt|feel|feels|feeling|noticed|noticing|found myself|caught myself|aware)\b/i;

export interface PullReading {
  pulls: PullMention[];
  sentences: Span[];
  tokens: Token[];
}

export interface PullOptions extends WhoseContext {
  /** The note's medication names, folded (acting.ts `medicationWords`). */
  medicationNames: ReadonlySet<string>;
}

export function readPulls(text: string, pressure: TermList, options: PullOptions): PullReading {
  const tokens = tokenize(text);
  const sentences = splitSentences(text);
  const sentenceStarts = sentences.map((s) => s.start);
  const clauses = clauseStarts(text);
  const links = linkStarts(text);
  const ties = findTies(tokens, options.medicationNames, text);
  const tokenAt = tokenIndexer(tokens);
  const pulls: PullMention[] = [];
  // Whether a clause speaks for the writer, computed once per clause (a long section may hold many cues).
  const selfClause = new Map<number, boolean>();
  const clauseForSelf = (i: number): boolean => {
    const ci = lastAtOrBefore(clauses, tokens[i]!.start);
    let v = selfClause.get(ci);
    if (v === undefined) selfClause.set(ci, (v = clauseSpeaksForSelf(text.slice(clauses[ci] ?? 0, clauses[ci + 1] ?? text.length))));
    return v;
  };

  const consider = (start: number, end: number, first: number, count: number, kind: PullKind) => {
    const clauseStart = clauses[lastAtOrBefore(clauses, start)] ?? 0;
    if (negatedAt(tokens, first, clauseStart)) return;
    const owner = ownerBefore(tokens, first, clauseStart, text, options);
    if (!ownerCounts(kind, owner)) return;
    if (owner === 'none' && count === 1 && !standsForSelf(tokens, first, clauseStart, clauseForSelf)) return;
    if (kind === 'emotion' && aimedAtOthers(tokens, first + count, text, options)) return;
    const linkStart = links[lastAtOrBefore(links, start)] ?? 0;
    const linkEnd = links[lastAtOrBefore(links, start) + 1] ?? text.length;
    const tied =
      kind === 'wish-to'
        ? ties.startsAt(first + count) ||
          ties.inRange(first, first + count) ||
          (ties.givingAt(first + count) && ties.inRange(tokenAt(linkStart), tokenAt(linkEnd)))
        : ties.inRange(tokenAt(linkStart), tokenAt(linkEnd));
    if (!tied) return;
    pulls.push({ start, end, sentence: Math.max(0, lastAtOrBefore(sentenceStarts, start)), kind, owner });
  };

  for (const m of pressure.findInTokens(tokens)) consider(m.start, m.end, m.tokenIndex, m.tokenCount, kindOf(m.term));
  // "to reassure her husband", "to placate the ward": pleasing someone other than the patient.
  tokens.forEach((t, i) => {
    if (!SOOTHING.has(t.norm)) return;
    const object = [i + 1, i + 2].some((k) => tokens[k] && classify(tokens, k, text, options) === 'third');
    // Two words counted: a verb with its object is never a bare feeling word.
    if (object) consider(t.start, t.end, i, 2, 'please');
  });
  // "didn't want to be the one to say no", "keen not to leave her without help", "worried he would
  // complain if I refused": refusing, avoided, is a wish to please.
  for (const m of REFUSING.findInTokens(tokens)) {
    const marker = avoidanceBefore(tokens, m.tokenIndex, text);
    if (marker !== undefined) consider(tokens[marker]!.start, m.end, marker, m.tokenIndex + m.tokenCount - marker, 'please');
  }
  for (const m of PLEASING.findInTokens(tokens)) {
    const so = purposeMarker(tokens, m.tokenIndex);
    if (so === undefined) continue;
    consider(tokens[so]!.start, m.end, so, m.tokenIndex + m.tokenCount - so, 'purpose');
  }
  pulls.sort((a, b) => a.start - b.start || b.end - a.end);
  // One mention per stretch of text: "did not want to send him away" is read twice (a phrase and a refusal avoided).
  const distinct = pulls.filter((p, i) => i === 0 || p.start >= pulls[i - 1]!.end);
  return { pulls: distinct, sentences, tokens };
}

function kindOf(term: string): PullKind {
  const k = termKey(term);
  if (HEDGES.has(k)) return 'pressure';
  if (EMOTION.has(k)) return 'emotion';
  if (EXTERNAL.has(k)) return 'external';
  if (PLEASE.has(k)) return 'please';
  if (k.endsWith(' to')) return 'wish-to';
  return 'pressure';
}

function ownerCounts(kind: PullKind, owner: Owner): boolean {
  if (owner === 'self' || owner === 'none') return true;
  // Pressure from a family member, a team or a GP counts; the patient's own request does not.
  return kind === 'external' && owner === 'third';
}

/**
 * A single word with no person word before it ("Helpless.", "Felt rushed") is
 * the clinician's when its clause is about feeling or speaks in the first
 * person, when it opens its clause as shorthand ("Rushed; started the
 * zopiclone"), or when the clause is a short verbless note with no person in it
 * ("Bored and impatient"). An -ing adjective describes the situation ("Long
 * day. Frustrating."), and "we talked about anger" names a topic.
 */
function standsForSelf(tokens: readonly Token[], i: number, clauseStart: number, clauseForSelf: (i: number) => boolean): boolean {
  if (tokens[i]!.norm.endsWith('ing')) return false;
  const opens = tokens[i]!.start === clauseStart || !tokens[i - 1] || tokens[i - 1]!.start < clauseStart;
  return opens || clauseForSelf(i);
}

/** About feeling, in the first person, or short shorthand with no person in it. */
function clauseSpeaksForSelf(clause: string): boolean {
  const words = tokenize(clause);
  if (FEELING.test(clause) || words.some((t) => t.norm === 'i' || t.norm === 'my' || t.norm === 'me' || t.norm === 'myself')) return true;
  return words.length <= 6 && !words.some((t) => PERSON_WORDS.has(t.norm));
}

/** "impatient with her parents", "annoyed at the pharmacy": a feeling aimed at someone else's behaviour. */
function aimedAtOthers(tokens: readonly Token[], after: number, text: string, ctx: WhoseContext): boolean {
  const prep = tokens[after];
  if (!prep || !AIMED.has(prep.norm)) return false;
  for (let k = after + 1; k < Math.min(tokens.length, after + 5); k++) {
    const c = classify(tokens, k, text, ctx);
    if (c === 'self') return false;
    if (c === 'patient' || c === 'third') return true;
  }
  return false;
}

/** The token index of "so" (or "so that") up to five words before a pleasing outcome, if any. */
function purposeMarker(tokens: readonly Token[], i: number): number | undefined {
  for (let k = i - 1; k >= Math.max(0, i - 5); k--) if (tokens[k]!.norm === 'so') return k;
  return undefined;
}

/** Offset → index of the first token starting at or after it. */
function tokenIndexer(tokens: readonly Token[]): (offset: number) => number {
  return (offset) => {
    let lo = 0;
    let hi = tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tokens[mid]!.start < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

