/**
 * The clinical vocabulary's tokenizer, term matching and clinicalShare as they
 * were before the fast paths (commit cc45fc0), kept verbatim as the oracle of
 * tokenize-differential.test.ts: a faster path must give exactly these tokens,
 * matches and shares. Not used by the engine.
 */
import { fold, isCaseSensitiveTerm } from '../../server/src/engine/vocabulary/terms.ts';

export interface ReferenceToken {
  norm: string;
  raw: string;
  start: number;
  end: number;
}

export interface ReferenceMatch {
  term: string;
  start: number;
  end: number;
  tokenIndex: number;
  tokenCount: number;
}

const TOKEN = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’][\p{L}\p{M}\p{N}]+)*/gu;

/** Words of `text` with their offsets (see the module comment for what a word is). */
export function referenceTokenize(text: string): ReferenceToken[] {
  const out: ReferenceToken[] = [];
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

export class ReferenceTermList {
  private readonly byFirst = new Map<string, Entry[]>();
  readonly size: number;

  constructor(readonly terms: readonly string[]) {
    const seen = new Set<string>();
    for (const term of terms) {
      if (typeof term !== 'string') continue;
      const caseSensitive = isCaseSensitiveTerm(term.trim());
      const words = referenceTokenize(term).map((t) => (caseSensitive ? t.raw : fold(t.norm)));
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
  find(text: string): ReferenceMatch[] {
    return this.findInTokens(referenceTokenize(text));
  }

  findInTokens(tokens: readonly ReferenceToken[]): ReferenceMatch[] {
    const out: ReferenceMatch[] = [];
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
  private matchAt(tokens: readonly ReferenceToken[], i: number): Entry | undefined {
    const candidates = this.byFirst.get(fold(tokens[i]!.norm));
    return candidates?.find((e) => matchesAt(tokens, i, e));
  }

  /** For each token, whether some match covers it. */
  covered(tokens: readonly ReferenceToken[]): boolean[] {
    const out = tokens.map(() => false);
    for (const m of this.findInTokens(tokens)) for (let k = 0; k < m.tokenCount; k++) out[m.tokenIndex + k] = true;
    return out;
  }

  has(text: string): boolean {
    return this.find(text).length > 0;
  }
}

function matchesAt(tokens: readonly ReferenceToken[], i: number, e: Entry): boolean {
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

export function referenceClinicalShare(text: string, lists: readonly ReferenceTermList[]) {
  const tokens = referenceTokenize(text.replace(/\[G\d{1,3}\]/g, ' '));
  const covered = tokens.map(() => false);
  let terms = 0;
  for (const list of lists) {
    for (const m of list.findInTokens(tokens)) {
      let fresh = false;
      for (let k = 0; k < m.tokenCount; k++) {
        if (!covered[m.tokenIndex + k]) fresh = true;
        covered[m.tokenIndex + k] = true;
      }
      if (fresh) terms++;
    }
  }
  let words = 0;
  let clinicalWords = 0;
  tokens.forEach((t, i) => {
    // Ages, doses and dates are neither story nor jargon on their own.
    if (/^\d+$/.test(t.norm) && !covered[i]) return;
    words++;
    if (covered[i]) clinicalWords++;
  });
  return { words, clinicalWords, terms, share: words === 0 ? 0 : clinicalWords / words };
}
