/**
 * Goal text across visits: status markers (`(met)`, `(dropped)`, `(revised)`)
 * and a small, explainable similarity measure used to tell a reworded goal from
 * a different goal wearing the same ID. Pure functions, no note model needed.
 */
import { tokenize } from '../vocabulary/index.ts';

export const GOAL_STATUSES = ['met', 'dropped', 'revised'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];

export interface ParsedGoalText {
  status: GoalStatus | undefined;
  /** The short reason given with the marker ('' when none). */
  reason: string;
  /** The goal itself, without the marker and its reason. */
  text: string;
  /** Offsets of the marker (parentheses included) within the input, when present. */
  marker: { start: number; end: number } | undefined;
}

/**
 * `(met)`, `(dropped: moved away)`, `(revised — weekends, not day shifts)`.
 * The status word must be followed by `)` or a separator, so ordinary prose in
 * parentheses ("(met with her sister weekly)") is not mistaken for a marker.
 */
const MARKER = /\((met|dropped|revised)\s*(?:\)|[:;,\-–—]\s*([^)]*)\))/i;

/**
 * Reads a goal's text as written after its `[Gn]`:
 * - marker first — `(revised: weekends now) Sleep enough to ...`: the rest is the goal;
 * - marker last — `Sleep enough to ... (met) — day shifts since March`: what follows
 *   the marker (after a separator) is the reason when the parentheses hold none.
 */
export function parseGoalText(raw: string): ParsedGoalText {
  const m = MARKER.exec(raw);
  if (!m) return { status: undefined, reason: '', text: raw.trim(), marker: undefined };
  const status = m[1]!.toLowerCase() as GoalStatus;
  let reason = (m[2] ?? '').trim();
  const before = raw.slice(0, m.index).trim();
  const after = raw.slice(m.index + m[0].length).trim();
  let text: string;
  if (before === '') text = after;
  else {
    text = before;
    if (!reason) reason = after.replace(/^[\s:;,.\-–—]+/u, '').trim();
  }
  reason = reason.replace(/[\s.]+$/u, '');
  return { status, reason, text, marker: { start: m.index, end: m.index + m[0].length } };
}

const STOPWORDS = new Set(
  (
    'a an the and or but nor so to of in on at by for with from into onto over under about again ' +
    'his her hers him he she they them their theirs its it i me my we our you your this that these those ' +
    'be is are was were been being am do does did have has had can could will would should may might must ' +
    'not no more less than then as up out off very just too also still even ever each every some any ' +
    'again once while when where who whom what which how why able back get got'
  ).split(/\s+/),
);

/** Content words of a goal, lightly stemmed ("coaching" ~ "coach", "daughter's" ~ "daughter"). */
export function goalTokens(text: string): Set<string> {
  const out = new Set<string>();
  for (const t of tokenize(text)) {
    let w = t.norm.replace(/'s$/, '').replace(/'/g, '');
    if (w.length < 2 || STOPWORDS.has(w) || /^\d+$/.test(w)) continue;
    w = stem(w);
    if (w) out.add(w);
  }
  return out;
}

function stem(w: string): string {
  for (const suffix of ['ing', 'edly', 'ed', 'ies', 'es', 's', 'ly']) {
    if (w.length - suffix.length >= 4 && w.endsWith(suffix)) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  // Compare on a prefix so "sleep"/"sleeping"/"sleepless" and "work"/"worker" meet.
  return w.slice(0, 6);
}

/**
 * Overlap coefficient of content words: |A ∩ B| / min(|A|, |B|), in 0..1.
 * Lenient on purpose: a goal that gained a few words is still the same goal.
 * Returns 1 when either side has no content words (nothing to judge by).
 */
export function goalSimilarity(a: string, b: string): number {
  const A = goalTokens(a);
  const B = goalTokens(b);
  if (A.size === 0 || B.size === 0) return 1;
  let shared = 0;
  for (const w of A) if (B.has(w)) shared++;
  return shared / Math.min(A.size, B.size);
}

/** Same words in the same order, ignoring case, spacing and trailing punctuation. */
export function sameGoalText(a: string, b: string): boolean {
  const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').replace(/[\s.;:!]+$/u, '').trim();
  return norm(a) === norm(b);
}
