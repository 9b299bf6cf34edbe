/**
 * Word tokens and term lists matched on word boundaries (the lists themselves,
 * shipped as data and changed from config, are in vocabulary/index.ts).
 *
 * Matching rules, kept deliberately simple so a clinician can predict them:
 * - Text is split into word tokens: letters and digits, with inner apostrophes
 *   ("don't", "Alzheimer's"). Hyphens and slashes separate words, so "self-harm"
 *   and "self harm" match the same term, and "SI/HI" is two tokens.
 * - Lowercase terms match case-insensitively. A term written in capitals (MDD,
 *   SI, PTSD) matches case-sensitively, so ordinary words ("si" in a quoted
 *   Spanish phrase, "add" the verb) are not mistaken for abbreviations.
 * - Simple plurals fold on both sides ("panic attack" ~ "panic attacks",
 *   "anxieties" ~ "anxiety", "losses" ~ "loss"); a capitalised term also accepts
 *   a trailing "s" ("MDDs").
 * - Matches never overlap; at each position the longest phrase wins
 *   ("panic attacks" before "panic").
 */

export interface TermMatch {
  /** The term as written in the list. */
  term: string;
  /** Offsets into the searched string. */
  start: number;
  end: number;
  /** Index of the first token matched and how many tokens the match spans. */
  tokenIndex: number;
  tokenCount: number;
}

export interface Token {
  /** Lowercased, typographic apostrophe folded to `'`. */
  norm: string;
  raw: string;
  start: number;
  end: number;
}

const TOKEN = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’][\p{L}\p{M}\p{N}]+)*/gu;

/** Words of `text` with their offsets (see the module comment for what a word is). */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  // exec with lastIndex rather than matchAll: no regex clone per call (this runs for every section).
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    const raw = m[0];
    const lower = raw.toLowerCase();
    out.push({ raw, norm: lower.includes('’') ? lower.replace(/’/g, "'") : lower, start: m.index, end: m.index + raw.length });
  }
  return out;
}

interface Entry {
  term: string;
  /** Case-sensitive entries keep the raw spelling; others are folded (`fold`). */
  words: string[];
  caseSensitive: boolean;
}

/** Written in capitals (with digits and `/ & . -` allowed): match case-sensitively. */
export function isCaseSensitiveTerm(term: string): boolean {
  return /^[A-Z0-9][A-Z0-9/&.\- ]*$/.test(term) && /[A-Z]/.test(term) && term.replace(/[^A-Z]/g, '').length >= 2;
}

export class TermList {
  private readonly byFirst = new Map<string, Entry[]>();
  readonly size: number;

  constructor(readonly terms: readonly string[]) {
    const seen = new Set<string>();
    for (const term of terms) {
      if (typeof term !== 'string') continue;
      const caseSensitive = isCaseSensitiveTerm(term.trim());
      const words = tokenize(term).map((t) => (caseSensitive ? t.raw : fold(t.norm)));
      if (words.length === 0) continue;
      const key = (caseSensitive ? 'cs:' : '') + words.join(' ');
      if (seen.has(key)) continue;
      seen.add(key);
      const first = fold(words[0]!.toLowerCase());
      const list = this.byFirst.get(first) ?? [];
      list.push({ term, words, caseSensitive });
      // Longest phrase first, so "panic attacks" wins over "panic".
      list.sort((a, b) => b.words.length - a.words.length);
      this.byFirst.set(first, list);
    }
    this.size = seen.size;
  }

  /** Every non-overlapping match, left to right, longest phrase first. */
  find(text: string): TermMatch[] {
    return this.findInTokens(tokenize(text));
  }

  findInTokens(tokens: readonly Token[]): TermMatch[] {
    const out: TermMatch[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const hit = this.matchAt(tokens, i);
      if (!hit) continue;
      const last = tokens[i + hit.words.length - 1]!;
      out.push({ term: hit.term, start: tokens[i]!.start, end: last.end, tokenIndex: i, tokenCount: hit.words.length });
      i += hit.words.length - 1;
    }
    return out;
  }

  /** The longest entry matching at token `i`, if any. */
  private matchAt(tokens: readonly Token[], i: number): Entry | undefined {
    const candidates = this.byFirst.get(fold(tokens[i]!.norm));
    return candidates?.find((e) => matchesAt(tokens, i, e));
  }

  /** For each token, whether some match covers it. */
  covered(tokens: readonly Token[]): boolean[] {
    const out = tokens.map(() => false);
    for (const m of this.findInTokens(tokens)) for (let k = 0; k < m.tokenCount; k++) out[m.tokenIndex + k] = true;
    return out;
  }

  has(text: string): boolean {
    return this.find(text).length > 0;
  }
}

function matchesAt(tokens: readonly Token[], i: number, e: Entry): boolean {
  for (let k = 0; k < e.words.length; k++) {
    const t = tokens[i + k];
    if (!t) return false;
    const want = e.words[k]!;
    if (e.caseSensitive) {
      if (t.raw !== want && t.raw !== want + 's') return false;
    } else if (fold(t.norm) !== want) return false;
  }
  return true;
}

/**
 * Light plural folding, applied to both the term and the text so they meet:
 * "attacks" → "attack", "anxieties" → "anxiety", "losses" → "loss". Only longer
 * words fold, and "-ss" words stay, to keep short words precise.
 */
export function fold(w: string): string {
  // Every rule below needs a final "s": most words leave at the first test.
  if (w.charCodeAt(w.length - 1) !== 115 /* s */) return w;
  if (w.length > 4 && w.endsWith('ies')) return w.slice(0, -3) + 'y';
  if (w.length > 4 && /(?:ss|x|ch|sh|z)es$/.test(w)) return w.slice(0, -2);
  if (w.length > 3 && !w.endsWith('ss') && !w.endsWith("'s") && !/(?:us|is)$/.test(w)) return w.slice(0, -1);
  return w;
}
