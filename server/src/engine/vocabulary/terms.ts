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

import { hashString, scanWords, WordKind, type WordIndex } from './words.ts';

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
  /** `norm` with simple plurals folded (`fold`): what a term list looks a word up by. */
  key: string;
  raw: string;
  start: number;
  end: number;
}

/**
 * Words of `text` with their offsets (see the module comment for what a word is):
 * the words scanWords finds (words.ts), each built as a Token.
 */
export function tokenize(text: string): Token[] {
  const words = scanWords(text);
  const out: Token[] = new Array(words.count);
  for (let k = 0; k < words.count; k++) {
    const start = words.starts[k]!;
    const end = words.ends[k]!;
    const kind = words.kinds[k]! as WordKind;
    const raw = text.slice(start, end);
    let norm = raw;
    if (kind !== WordKind.Plain) {
      norm = raw.toLowerCase();
      if (kind !== WordKind.Capitals && norm.includes('’')) norm = norm.replace(/’/g, "'");
    }
    out[k] = { norm, key: fold(norm), raw, start, end };
  }
  return out;
}

export interface Entry {
  term: string;
  /** Case-sensitive entries keep the raw spelling; others are folded (`fold`). */
  words: string[];
  caseSensitive: boolean;
}

/**
 * A TermList's lookup table as text, for the build to embed (vocabulary/precompiled.ts
 * describes why): one line per first-word key, `key|entry|entry…`, an entry being
 * `term~word word` (the words left out when they spell the term; `~1` more when
 * case-sensitive), longest phrase first. Restoring it reads only the keys; a
 * key's entries are read the first time a word looks it up.
 */
export interface CompiledTerms {
  size: number;
  table: string;
}

/** Separators of CompiledTerms; no built-in term contains them (compile() checks). */
const LINE = '\n';
const ENTRY = '|';
const FIELD = '~';

/** Written in capitals (with digits and `/ & . -` allowed): match case-sensitively. */
export function isCaseSensitiveTerm(term: string): boolean {
  return /^[A-Z0-9][A-Z0-9/&.\- ]*$/.test(term) && /[A-Z]/.test(term) && term.replace(/[^A-Z]/g, '').length >= 2;
}

export class TermList {
  /** Entries by the key of their first word; a restored list holds a key's entries as text until first read. */
  private readonly byFirst: Map<string, Entry[] | string>;
  readonly size: number;

  /** `compiled`: what `compile()` gave for these same terms (then nothing is tokenized). */
  constructor(
    readonly terms: readonly string[],
    compiled?: CompiledTerms,
  ) {
    this.byFirst = new Map();
    if (compiled) {
      const table = compiled.table;
      for (let i = 0; i < table.length; ) {
        let end = table.indexOf(LINE, i);
        if (end < 0) end = table.length;
        const bar = table.indexOf(ENTRY, i);
        this.byFirst.set(table.slice(i, bar), table.slice(bar + 1, end));
        i = end + 1;
      }
      this.size = compiled.size;
      return;
    }
    const seen = new Set<string>();
    for (const term of terms) {
      if (typeof term !== 'string') continue;
      const caseSensitive = isCaseSensitiveTerm(term.trim());
      const words = tokenize(term).map((t) => (caseSensitive ? t.raw : t.key));
      if (words.length === 0) continue;
      const key = (caseSensitive ? 'cs:' : '') + words.join(' ');
      if (seen.has(key)) continue;
      seen.add(key);
      const first = fold(words[0]!.toLowerCase());
      const list = this.byFirst.get(first) as Entry[] | undefined;
      if (list) list.push({ term, words, caseSensitive });
      else this.byFirst.set(first, [{ term, words, caseSensitive }]);
    }
    // Longest phrase first, so "panic attacks" wins over "panic" (a stable sort: equal lengths keep list order).
    for (const list of this.byFirst.values()) if (list.length > 1) (list as Entry[]).sort((a, b) => b.words.length - a.words.length);
    this.size = seen.size;
  }

  /** The lookup table as text (see CompiledTerms). */
  compile(): CompiledTerms {
    const lines: string[] = [];
    for (const first of this.byFirst.keys()) {
      const entries = this.entriesFor(first)!.map((e) => {
        for (const text of [e.term, ...e.words]) {
          if (/[\n|~]/.test(text)) throw new Error(`A built-in term holds a separator of the compiled vocabulary: ${JSON.stringify(e.term)}`);
        }
        const words = e.words.join(' ');
        return e.term + FIELD + (words === e.term ? '' : words) + (e.caseSensitive ? FIELD + '1' : '');
      });
      lines.push(first + ENTRY + entries.join(ENTRY));
    }
    return { size: this.size, table: lines.join(LINE) };
  }

  /** The entries whose first word has this key, longest phrase first. */
  private entriesFor(key: string): Entry[] | undefined {
    const found = this.byFirst.get(key);
    if (typeof found !== 'string') return found;
    const entries = found.split(ENTRY).map((text): Entry => {
      const [term, words, caseSensitive] = text.split(FIELD);
      return { term: term!, words: (words || term!).split(' '), caseSensitive: caseSensitive === '1' };
    });
    this.byFirst.set(key, entries);
    return entries;
  }

  /** Every non-overlapping match, left to right, longest phrase first. */
  find(text: string): TermMatch[] {
    return this.findInTokens(tokenize(text));
  }

  findInTokens(tokens: readonly Token[]): TermMatch[] {
    const out: TermMatch[] = [];
    this.eachMatch(tokens, (i, count, term) => {
      out.push({ term, start: tokens[i]!.start, end: tokens[i + count - 1]!.end, tokenIndex: i, tokenCount: count });
    });
    return out;
  }

  /** The matches of findInTokens, left to right, without building them: token index, token count, term. */
  eachMatch(tokens: readonly Token[], visit: (tokenIndex: number, tokenCount: number, term: string) => void): void {
    for (let i = 0; i < tokens.length; i++) {
      const hit = this.matchAt(tokens, i);
      if (!hit) continue;
      const count = hit.words.length;
      visit(i, count, hit.term);
      i += count - 1;
    }
  }

  /** The longest entry matching at token `i`, if any. */
  private matchAt(tokens: readonly Token[], i: number): Entry | undefined {
    const candidates = this.entriesFor(tokens[i]!.key);
    if (!candidates) return undefined;
    for (const e of candidates) if (matchesAt(tokens, i, e)) return e;
    return undefined;
  }

  /**
   * eachMatch over a WordIndex: the same matches, but a word whose norm cannot
   * fold to a first word of the list (firstWords' filter) is passed over
   * without building its key.
   */
  eachMatchInWords(words: WordIndex, visit: (tokenIndex: number, tokenCount: number, term: string) => void): void {
    const filter = (this.filter ??= this.firstWords());
    const hashes = words.hashes;
    for (let i = 0; i < words.count; i++) {
      const h = hashes[i]!;
      if (!(filter[(h ^ (h >>> 16)) & FILTER_MASK]! )) continue;
      const candidates = this.entriesFor(words.key(i));
      if (!candidates) continue;
      for (const e of candidates) {
        if (!matchesWordsAt(words, i, e)) continue;
        visit(i, e.words.length, e.term);
        i += e.words.length - 1;
        break;
      }
    }
  }

  private filter: Uint8Array | undefined;

  /**
   * A filter of the norms whose key (`fold`) is a first-word key: every word
   * fold maps to key K is K, K+"s", K+"es" or K less "y" plus "ies", so their
   * hashes are all a word can have to be looked up with a hit. Hashes collide,
   * so a word let through may still find nothing.
   */
  private firstWords(): Uint8Array {
    const filter = new Uint8Array(FILTER_MASK + 1);
    for (const key of this.byFirst.keys()) {
      const forms = [key, key + 's', key + 'es'];
      if (key.endsWith('y')) forms.push(key.slice(0, -1) + 'ies');
      for (const form of forms) {
        if (fold(form) !== key) continue;
        const h = hashString(form);
        filter[(h ^ (h >>> 16)) & FILTER_MASK] = 1;
      }
    }
    return filter;
  }

  /** For each token, whether some match covers it. */
  covered(tokens: readonly Token[]): boolean[] {
    const out = tokens.map(() => false);
    this.eachMatch(tokens, (i, count) => out.fill(true, i, i + count));
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
    } else if (t.key !== want) return false;
  }
  return true;
}

function matchesWordsAt(words: WordIndex, i: number, e: Entry): boolean {
  if (i + e.words.length > words.count) return false;
  for (let k = 0; k < e.words.length; k++) {
    const want = e.words[k]!;
    if (e.caseSensitive) {
      const raw = words.raw(i + k);
      if (raw !== want && raw !== want + 's') return false;
    } else if (words.key(i + k) !== want) return false;
  }
  return true;
}

/** Size of a first-word filter, less one: one byte per hash bucket. */
const FILTER_MASK = 0xffff;

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
