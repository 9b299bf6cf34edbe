/**
 * Reading a Countertransference section for *reflection on a pull*: the
 * clinician weighed it, held it, or took it to someone. What counts is what the
 * sentence does, not a set phrase:
 *
 * - weighing: a verb of questioning ("wondered", "asked", "checked",
 *   "considered", "thought about"), by the clinician or "we", whose question is
 *   about wanting, needing or the medication ("asked what he wanted", "wondered
 *   aloud with her whether the tablet was for her or for her mother",
 *   "checked that it was for her"), or an explicit "whose" question or
 *   alternative ("for him or for me", "whose anxiety");
 * - holding: the pull held or set aside ("held off", "chose to wait", "sat with
 *   it", "did not act on", "rather than add", "not to increase");
 * - consulting: supervision, a colleague, talking it through.
 *
 * A shared decision alone ("we agreed", "she chose") records who decided, which
 * the `Decision:` field is for; it does not say the pull was weighed, so it does
 * not answer the prompt on its own. Otherwise "we agreed" would become the phrase
 * that silences the rule.
 */
import { TermList, tokenize, type Token } from '../vocabulary/index.ts';
import { findTies } from './acting.ts';
import { clauseStarts, lastAtOrBefore, type Span } from './sentences.ts';
import { classify, ownerBefore, type WhoseContext } from './whose.ts';
import { builtinTermList } from '../vocabulary/builtin-lists.ts';

const HOLDING = builtinTermList('reflection/holding', [
  'held off', 'hold off', 'holding off', 'held back', 'hold back', 'holding back', 'chose to wait', 'decided to wait',
  'opted to wait', 'agreed to wait', 'wait and see', 'waited', 'sat with', 'sitting with', 'sit with', 'let it be',
  'let it sit', 'resisted', 'resist', 'resisting', 'did not act on', "didn't act on", 'not act on', 'not to act on',
  'chose not to', 'decided not to', 'decided against', 'paused', 'slowed down', 'slowed it down', 'kept the dose',
  'left the dose', 'postponed', 'put it off', 'named the pull', 'named it with', 'named it to', 'named this with',
  'noticed it and let it go', 'let the pull go', 'let it go',
]);
const CONSULTING = builtinTermList('reflection/consulting', [
  'supervision', 'with my supervisor', 'to my supervisor', 'asked my supervisor', 'consulted', 'talked it through',
  'talked it over with', 'discussed it with', 'with a colleague', 'with colleagues', 'peer group', 'balint',
  'second opinion', 'case discussion',
]);
const WEIGHING_VERBS = new Set([
  'wonder', 'wondered', 'wondering', 'ask', 'asked', 'asking', 'question', 'questioned', 'questioning', 'check',
  'checked', 'checking', 'consider', 'considered', 'considering', 'reflect', 'reflected', 'reflecting', 'think',
  'thought', 'thinking', 'explore', 'explored', 'exploring', 'weigh', 'weighed', 'weighing', 'examine', 'examined',
  'clarified', 'clarify', 'talked', 'discussed',
]);
const COMPLEMENT = new Set(['whether', 'if', 'who', 'whose', 'what', 'why', 'how', 'whom', 'that']);
/** What a weighing question is about when it weighs the pull: wanting, needing, whose, the medication. */
const ABOUT_THE_PULL = new Set([
  'want', 'wanted', 'wants', 'wanting', 'need', 'needed', 'needs', 'wish', 'wished', 'wishes', 'whose', 'mine', 'hers',
  'theirs', 'idea', 'choice', 'decision', 'ready', 'pull', 'urge', 'pressure', 'reason', 'reasons', 'hoped',
  'hoping', 'hope', 'helpful', 'help', 'helping', 'for',
]);
const WHOSE = builtinTermList('reflection/whose', [
  'whose distress', 'whose anxiety', 'whose need', 'whose needs', 'whose wish', 'whose worry', 'whose idea', 'whose urge',
  'whose pull', 'whose benefit', 'whose sake', 'for whom',
]);
const PERSONISH = new Set(['me', 'her', 'him', 'them', 'us', 'myself', 'herself', 'himself', 'mine', 'hers', 'his', 'theirs']);

export interface ReflectionOptions extends WhoseContext {
  medicationNames: ReadonlySet<string>;
  /** Extra phrases (config) that count as reflection wherever they stand. */
  extraPhrases?: TermList;
}

/** Indexes of the `sentences` that reflect on a pull (`tokens`: `tokenize(text)`, when the caller has them). */
export function reflectiveSentences(text: string, sentences: readonly Span[], options: ReflectionOptions, tokens: readonly Token[] = tokenize(text)): Set<number> {
  const starts = sentences.map((s) => s.start);
  const clauses = clauseStarts(text);
  const out = new Set<number>();
  const mark = (offset: number) => out.add(Math.max(0, lastAtOrBefore(starts, offset)));
  const byClinician = (i: number) => {
    const owner = ownerBefore(tokens, i, clauses[lastAtOrBefore(clauses, tokens[i]!.start)] ?? 0, text, options, true);
    return owner === 'self' || owner === 'none';
  };

  for (const list of [HOLDING, CONSULTING, WHOSE, options.extraPhrases]) {
    for (const m of list?.findInTokens(tokens) ?? []) if (list === WHOSE || byClinician(m.tokenIndex)) mark(m.start);
  }
  tokens.forEach((t, i) => {
    // "rather than add", "instead of increasing", "not to raise": acting set aside.
    if ((t.norm === 'rather' && tokens[i + 1]?.norm === 'than') || (t.norm === 'instead' && tokens[i + 1]?.norm === 'of')) {
      if (tieAhead(tokens, i + 2, options.medicationNames)) mark(t.start);
    }
    if (t.norm === 'not' && tokens[i + 1]?.norm === 'to' && byClinician(i) && tieAhead(tokens, i + 2, options.medicationNames)) mark(t.start);
    if (WEIGHING_VERBS.has(t.norm) && byClinician(i) && weighs(tokens, i, text, options)) mark(t.start);
    if (t.norm === 'or' && alternative(tokens, i, text, options)) mark(t.start);
  });
  return out;
}

/**
 * Whether acting is named in the three words from `i`. A pull's tie is blocked by
 * "rather than" before it; here that tie is exactly what was set aside, so it is
 * looked for in those words alone.
 */
function tieAhead(tokens: readonly Token[], i: number, medicationNames: ReadonlySet<string>): boolean {
  const words = tokens.slice(i, i + 3);
  return words.some((t) => SET_ASIDE.has(t.norm)) || findTies(words, medicationNames).inRange(0, 3);
}

/** Besides acting words, what "rather than" / "not to" can set aside: "rather than change anything". */
const SET_ASIDE = new Set(['change', 'changing', 'anything', 'something']);

/** A weighing verb followed by a question about wanting, needing or the medication. */
function weighs(tokens: readonly Token[], i: number, text: string, options: ReflectionOptions): boolean {
  for (let k = i + 1; k < Math.min(tokens.length, i + 7); k++) {
    if (!COMPLEMENT.has(tokens[k]!.norm)) continue;
    for (let j = k + 1; j < Math.min(tokens.length, k + 11); j++) {
      const w = tokens[j]!.norm;
      if (ABOUT_THE_PULL.has(w) && (w !== 'for' || isPerson(tokens, j + 1, text, options))) return true;
      if (options.medicationNames.has(w) || /^(?:tablet|tablets|pill|pills|medication|meds|dose|increase|start)$/.test(w)) return true;
    }
    return false;
  }
  return false;
}

/** "for her or for me", "for him or his wife", "mine or hers": whose need is this? */
function alternative(tokens: readonly Token[], i: number, text: string, options: ReflectionOptions): boolean {
  const before = tokens.slice(Math.max(0, i - 3), i);
  const after = tokens.slice(i + 1, i + 4);
  const personBefore = before.some((t, k) => PERSONISH.has(t.norm) || isPerson(tokens, Math.max(0, i - 3) + k, text, options));
  const personAfter = after.some((t, k) => PERSONISH.has(t.norm) || isPerson(tokens, i + 1 + k, text, options));
  const framed = before.some((t) => t.norm === 'for') || ['mine', 'hers', 'his', 'theirs'].includes(tokens[i - 1]?.norm ?? '');
  return framed && personBefore && personAfter;
}

function isPerson(tokens: readonly Token[], k: number, text: string, options: ReflectionOptions): boolean {
  if (!tokens[k]) return false;
  const c = classify(tokens, k, text, options);
  return c === 'self' || c === 'patient' || c === 'third' || c === 'we';
}
