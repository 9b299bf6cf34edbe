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

import { fold, tokenize, type Token } from './words.ts';

export { fold, tokenize, type Token } from './words.ts';

/**
 * A term's key: its words' keys (`Token.key`) joined by spaces, so "Self-harm", "self harm"
 * and "SELF HARM", or "St John's wort" and "st johns wort", are one key.
 */
export function termKey(term: string): string {
  return tokenize(term)
    .map((t) => t.key)
    .join(' ');
}

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
  /**
   * Entries by the key of their first word; a restored list holds, until a key's entries are
   * first read, where they start in its table (a number: no string made for each key's entries).
   */
  private index: Map<string, Entry[] | number> | undefined;
  /** A restored list's table (CompiledTerms). */
  private readonly table: string;
  readonly size: number;

  private readonly termsGiven: readonly string[] | (() => readonly string[]);

  /**
   * `compiled`: what `compile()` gave for these same terms (then nothing is tokenized,
   * and `terms` may be a function that gives them only when asked for).
   */
  constructor(terms: readonly string[] | (() => readonly string[]), compiled?: CompiledTerms) {
    this.termsGiven = terms;
    this.table = compiled?.table ?? '';
    if (compiled) {
      // The keys are read from the table when the list is first looked in (byFirst): a run
      // restores some twenty lists, and a note need not look in all of them.
      this.size = compiled.size;
      return;
    }
    this.index = new Map();
    const seen = new Set<string>();
    for (const term of this.terms) {
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
    for (const list of this.byFirst.values()) if ((list as Entry[]).length > 1) (list as Entry[]).sort((a, b) => b.words.length - a.words.length);
    this.size = seen.size;
  }

  /** Entries by the key of their first word (a restored list's keys read from its table on first use). */
  private get byFirst(): Map<string, Entry[] | number> {
    if (this.index) return this.index;
    const index = new Map<string, Entry[] | number>();
    const table = this.table;
    for (let i = 0; i < table.length; ) {
      let end = table.indexOf(LINE, i);
      if (end < 0) end = table.length;
      const bar = table.indexOf(ENTRY, i);
      index.set(table.slice(i, bar), bar + 1);
      i = end + 1;
    }
    return (this.index = index);
  }

  /** The terms as given. */
  get terms(): readonly string[] {
    const given = this.termsGiven;
    return typeof given === 'function' ? given() : given;
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
    if (typeof found !== 'number') return found;
    const end = this.table.indexOf(LINE, found);
    const entries = this.table.slice(found, end < 0 ? this.table.length : end).split(ENTRY).map((text): Entry => {
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

  /** The first-word keys this list has entries for (what a word is looked up by: `Token.key`). */
  firstKeys(): IterableIterator<string> {
    return this.byFirst.keys();
  }

  /** Whether some term's first word has this key (`Token.key`). */
  startsTerm(key: string): boolean {
    return this.byFirst.has(key);
  }

  /** How many tokens the longest entry matching at token `i` spans (0: none). */
  matchLengthAt(tokens: readonly Token[], i: number): number {
    return this.matchAt(tokens, i)?.words.length ?? 0;
  }

  /** The longest entry matching at token `i`, if any. */
  private matchAt(tokens: readonly Token[], i: number): Entry | undefined {
    const candidates = this.entriesFor(tokens[i]!.key);
    if (!candidates) return undefined;
    for (const e of candidates) if (matchesAt(tokens, i, e)) return e;
    return undefined;
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
