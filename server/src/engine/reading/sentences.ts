/**
 * Sentences and clauses of a stretch of prose, as offset ranges. The rules that
 * read meaning (countertransference, meaning, alliance) decide *within* these
 * spans: a pull and what it pulls toward must stand in one sentence, a feeling
 * belongs to the person named in its own clause.
 *
 * Sentence ends: `.`, `!`, `?` or `;` followed by a space or the end, and line
 * breaks (regionText joins blocks with `\n`, so a list item never runs into the
 * next). `;` ends a sentence because clinicians use it as one ("Felt rushed;
 * started the zopiclone").
 */
export interface Span {
  start: number;
  end: number;
}

export function splitSentences(text: string): Span[] {
  const out: Span[] = [];
  let start = 0;
  for (const m of text.matchAll(/[.!?;]+(?=\s|$)|\n/g)) {
    const end = m.index! + m[0].length;
    out.push({ start, end });
    start = end;
  }
  if (start < text.length) out.push({ start, end: text.length });
  if (out.length === 0) out.push({ start: 0, end: text.length });
  return out;
}

/**
 * Clause starts (ascending offsets, first is 0): sentence ends, colons, dashes,
 * "but"/"while"/"when"/"because", and "and"/"though" after a comma. Whose a
 * feeling is, is decided within its clause.
 */
export function clauseStarts(text: string): number[] {
  const out = [0];
  for (const m of text.matchAll(/[.!?;:—–\n]+|\s-\s|,\s*(?:but|and|while|whereas|though|although)\b|\b(?:but|while|whereas|when|because)\b/gi)) {
    out.push(m.index! + m[0].length);
  }
  return out.sort((a, b) => a - b);
}

/**
 * Link starts: where a sentence turns against itself ("but", "though",
 * "however", "yet", a dash, a colon). A pull and what it pulls toward must
 * stand in one link span: "I was frustrated with myself for running late, but
 * the dose change was agreed last time" ties nothing; "I increased it because
 * her partner demanded it" does ("because" and "so" join, they do not turn), and
 * so does "Rushed at the end of clinic; upped the sertraline" (a semicolon ends a
 * sentence for reflection, but clinicians use it for cause and effect too).
 */
export function linkStarts(text: string): number[] {
  const out = [0];
  for (const m of text.matchAll(/[.!?:—–\n]+|\s-\s|\b(?:but|though|although|however|whereas|yet)\b/gi)) {
    out.push(m.index! + m[0].length);
  }
  return out.sort((a, b) => a - b);
}

/** Index of the last value <= x in an ascending array (-1 if none). */
export function lastAtOrBefore(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  let best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= x) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best;
}

/** The span of `starts` (boundaries) that holds `offset`, clipped to `within`. */
export function spanAt(starts: readonly number[], offset: number, within: Span): Span {
  const i = lastAtOrBefore(starts, offset);
  const start = Math.max(within.start, starts[i] ?? 0);
  const next = starts[i + 1];
  return { start, end: Math.min(within.end, next ?? within.end) };
}
