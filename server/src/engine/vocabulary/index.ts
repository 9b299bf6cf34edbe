/**
 * Term lists shipped as data (vocabulary/data/*.json) and matched on word
 * boundaries. Programs extend or trim them from config (`vocabulary:`).
 * A term written in capitals (MDD, SI) matches case-sensitively so that ordinary
 * words ("si" in a quoted phrase) are not mistaken for abbreviations.
 */
import symptoms from './data/symptoms.json' with { type: 'json' };
import diagnoses from './data/diagnoses.json' with { type: 'json' };
import jargon from './data/jargon.json' with { type: 'json' };
import formulaic from './data/formulaic.json' with { type: 'json' };
import pressure from './data/pressure.json' with { type: 'json' };
import type { VocabularyName } from '../config/types.ts';

export interface TermMatch {
  term: string;
  /** Offsets into the searched string. */
  start: number;
  end: number;
}

interface Token {
  norm: string;
  raw: string;
  start: number;
  end: number;
}

const TOKEN = /[\p{L}\p{N}][\p{L}\p{N}'’]*(?:-[\p{L}\p{N}'’]+)*/gu;

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const raw = m[0];
    out.push({ raw, norm: raw.toLowerCase().replace(/’/g, "'"), start: m.index!, end: m.index! + raw.length });
  }
  return out;
}

interface Entry {
  term: string;
  words: string[];
  caseSensitive: boolean;
}

export class TermList {
  private readonly byFirst = new Map<string, Entry[]>();
  readonly size: number;

  constructor(readonly terms: readonly string[]) {
    const seen = new Set<string>();
    for (const term of terms) {
      const caseSensitive = /^[A-Z0-9][A-Z0-9/&-]+$/.test(term) && /[A-Z]/.test(term);
      const words = tokenize(term).map((t) => (caseSensitive ? t.raw : t.norm));
      if (words.length === 0) continue;
      const key = (caseSensitive ? 'cs:' : '') + words.join(' ');
      if (seen.has(key)) continue;
      seen.add(key);
      const first = words[0]!.toLowerCase();
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

  findInTokens(tokens: Token[]): TermMatch[] {
    const out: TermMatch[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const candidates = this.byFirst.get(tokens[i]!.norm) ?? this.byFirst.get(singular(tokens[i]!.norm));
      if (!candidates) continue;
      const hit = candidates.find((e) => matchesAt(tokens, i, e));
      if (!hit) continue;
      const last = tokens[i + hit.words.length - 1]!;
      out.push({ term: hit.term, start: tokens[i]!.start, end: last.end });
      i += hit.words.length - 1;
    }
    return out;
  }

  has(text: string): boolean {
    return this.find(text).length > 0;
  }
}

function matchesAt(tokens: Token[], i: number, e: Entry): boolean {
  for (let k = 0; k < e.words.length; k++) {
    const t = tokens[i + k];
    if (!t) return false;
    const want = e.words[k]!;
    if (e.caseSensitive) {
      if (t.raw !== want && t.raw !== want + 's') return false;
    } else if (t.norm !== want && singular(t.norm) !== want) return false;
  }
  return true;
}

/** Light plural folding ("attacks" → "attack"); only for longer words to stay precise. */
function singular(w: string): string {
  if (w.length > 4 && w.endsWith('ies')) return w.slice(0, -3) + 'y';
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  return w;
}

export interface Vocabulary {
  symptoms: TermList;
  diagnoses: TermList;
  jargon: TermList;
  formulaic: TermList;
  pressure: TermList;
}

export const BUILTIN_VOCABULARY: Record<VocabularyName, { description: string; terms: string[] }> = {
  symptoms,
  diagnoses,
  jargon,
  formulaic,
  pressure,
};

export type VocabularyChanges = Partial<Record<VocabularyName, { add?: string[]; remove?: string[] }>>;

const cache = new Map<string, Vocabulary>();

/** Builds (and caches per distinct change set) the vocabulary a config asks for. */
export function buildVocabulary(changes: VocabularyChanges = {}): Vocabulary {
  const key = JSON.stringify(changes);
  const hit = cache.get(key);
  if (hit) return hit;
  const make = (name: VocabularyName) => {
    const change = changes[name];
    const remove = new Set((change?.remove ?? []).map((t) => t.toLowerCase()));
    const terms = [...BUILTIN_VOCABULARY[name].terms, ...(change?.add ?? [])].filter(
      (t) => !remove.has(t.toLowerCase()),
    );
    return new TermList(terms);
  };
  const vocab: Vocabulary = {
    symptoms: make('symptoms'),
    diagnoses: make('diagnoses'),
    jargon: make('jargon'),
    formulaic: make('formulaic'),
    pressure: make('pressure'),
  };
  if (cache.size > 32) cache.clear();
  cache.set(key, vocab);
  return vocab;
}
