/**
 * The medication names the engine knows (data/medications.json): generic names
 * of psychotropic and commonly co-prescribed medications, each with brand and
 * other names that map to it. Offline by design — names only, no doses, no
 * prescribing advice. The language server offers them as `###` completions;
 * the `prose-medication` rule and the cross-visit summary use them to read
 * medications written as prose. Programs extend or trim the list in config
 * (`vocabulary: { medications: { add, remove } }`).
 */
import { getVocabularyData } from './data-provider.ts';
import type { MedicationName } from './data-types.ts';
import { KeyedLines } from './keyed-lines.ts';
import { TermList, termKey, tokenize, type CompiledTerms, type Token } from './terms.ts';

export type { MedicationName } from './data-types.ts';

/** The medications of data/medications.json (read on first use: data-provider.ts). */
export function medicationNames(): readonly MedicationName[] {
  return getVocabularyData().medications.medications;
}

/** What data/medications.json says the list is. */
export function medicationsDescription(): string {
  return getVocabularyData().medications.description;
}

let medicationTermList: readonly string[] | undefined;

/**
 * Every generic and brand name once: the built-in terms of the `medications` vocabulary.
 * Made on first use: a lint restores the lexicon from the build's compiled copy without
 * them, and making the list cost a cold run 2 ms.
 */
export function medicationTerms(): readonly string[] {
  return (medicationTermList ??= [...new Set(medicationNames().flatMap((m) => [m.name, ...m.brands]))]);
}

/**
 * Names that are also ordinary words or first names ("Sonata", "Yasmin",
 * "Plan B"): offered in completions, never read as a medication in prose.
 */
const NOT_IN_PROSE = new Set(['sonata', 'intermezzo', 'soma', 'yasmin', 'alli', 'bayer', 'plan b', 'tums', 'calan']);

/**
 * Classes that act on the mind. A co-prescribed medication (a statin, an
 * inhaler) mentioned in prose is reported only when a change or a dose is
 * written with it; a psychotropic is reported whenever it is discussed.
 */
const PSYCHOTROPIC =
  /antidepress|antipsychotic|benzodiazepine|stimulant|adhd|mood stabil|hypnotic|anxiolytic|z-drug|wakefulness|orexin|melatonin|alcohol use|opioid use|opioid withdrawal|smoking cessation|vmat2|cholinesterase|dementia|nmda|narcolepsy|pseudobulbar|alpha-2 agonist|antiepileptic|anticholinergic|barbiturate|maoi|opioid antagonist|cannabinoid/i;

export function isPsychotropic(m: MedicationName): boolean {
  return PSYCHOTROPIC.test(m.class);
}

/** A medication name found in text. */
export interface MedicationMention {
  /** Offsets into the searched string. */
  start: number;
  end: number;
  /** Generic name for messages and headings (`Sertraline`), or the added term as written. */
  name: string;
  /** Identity across visits: the generic name lowercased (`sertraline`). */
  key: string;
  psychotropic: boolean;
  /** Index of the first token matched and how many tokens it spans. */
  tokenIndex: number;
  tokenCount: number;
}

interface Known {
  name: string;
  psychotropic: boolean;
}

/**
 * A MedicationLexicon as text, for the build to embed (vocabulary/precompiled.ts):
 * `known` one `name~0|1` line per generic (psychotropic or not), `byTerm` and
 * `byWord` lines `term~index into known`, `terms` one name per line.
 */
export interface CompiledLexicon {
  known: string;
  byTerm: string;
  byWord: string;
  terms: string;
  list: CompiledTerms;
}

/** What a lexicon looks a name up in: a Map, or a restored lexicon's lines (keyed-lines.ts). */
interface KnownBy {
  get(key: string): Known | undefined;
  entries(): IterableIterator<[string, Known]>;
}

/** A `known` line of a CompiledLexicon (`name~0|1`). */
function knownOf(line: string): Known {
  const tilde = line.lastIndexOf('~');
  return { name: line.slice(0, tilde), psychotropic: line.endsWith('1') };
}

export class MedicationLexicon {
  private readonly list: TermList;
  private readonly byTerm: KnownBy;
  private readonly byWord: KnownBy;

  /**
   * `add`: further names, each its own generic (a program's local or newer
   * medications), read as psychotropic. `remove`: names never to read in prose;
   * removing a generic also removes its brand names. `compiled`: what
   * `compile()` gave for the same add and remove (then nothing is tokenized).
   */
  constructor(add: readonly string[] = [], remove: readonly string[] = [], compiled?: CompiledLexicon) {
    if (compiled) {
      // The names are looked up in the compiled text itself until a run asks often (keyed-lines.ts).
      // Each generic is read from its `known` line when first asked for (a one-note run asks
      // for a few of some 400), once: compile() tells them apart by identity.
      let lines: string[] | undefined;
      const known: Known[] = [];
      const knownAt = (index: string) => {
        const i = Number(index);
        return (known[i] ??= knownOf((lines ??= compiled.known.split('\n'))[i]!));
      };
      this.byTerm = new KeyedLines(compiled.byTerm, knownAt);
      this.byWord = new KeyedLines(compiled.byWord, knownAt);
      this.list = new TermList(() => (compiled.terms ? compiled.terms.split('\n') : []), compiled.list);
      return;
    }
    const removed = new Set(remove.filter((t) => typeof t === 'string').map(termKey));
    const terms: string[] = [];
    const byTerm = (this.byTerm = new Map<string, Known>());
    const byWord = (this.byWord = new Map<string, Known>());
    const enter = (term: string, known: Known) => {
      const key = termKey(term);
      if (!key || removed.has(key) || NOT_IN_PROSE.has(key) || byTerm.has(term)) return;
      byTerm.set(term, known);
      if (!byWord.has(key)) byWord.set(key, known);
      terms.push(term);
    };
    for (const m of medicationNames()) {
      if (removed.size > 0 && removed.has(termKey(m.name))) continue;
      const known = { name: m.name, psychotropic: isPsychotropic(m) };
      for (const term of [m.name, ...m.brands]) enter(term, known);
    }
    for (const term of add) {
      if (typeof term !== 'string' || !term.trim()) continue;
      const name = term.trim();
      enter(name, { name: name.charAt(0).toUpperCase() + name.slice(1), psychotropic: true });
    }
    this.list = new TermList(terms);
  }

  /** The lexicon as plain data (see CompiledLexicon). */
  compile(): CompiledLexicon {
    const known: Known[] = [];
    const index = new Map<Known, number>();
    const line = (text: string, k: Known) => {
      if (/[\n~]/.test(text) || /[\n~]/.test(k.name)) throw new Error(`A medication name holds a separator of the compiled vocabulary: ${JSON.stringify(text)}`);
      let i = index.get(k);
      if (i === undefined) index.set(k, (i = known.push(k) - 1));
      return `${text}~${i}`;
    };
    const byTerm = [...this.byTerm.entries()].map(([term, k]) => line(term, k)).join('\n');
    const byWord = [...this.byWord.entries()].map(([word, k]) => line(word, k)).join('\n');
    return {
      known: known.map((k) => `${k.name}~${k.psychotropic ? 1 : 0}`).join('\n'),
      byTerm,
      byWord,
      terms: this.list.terms.join('\n'),
      list: this.list.compile(),
    };
  }

  /** Every medication named in `text`, left to right (longest name first: "Xanax XR" before "Xanax"). */
  find(text: string): MedicationMention[] {
    return this.findInTokens(tokenize(text));
  }

  findInTokens(tokens: readonly Token[]): MedicationMention[] {
    return this.list.findInTokens(tokens).map((m) => {
      const known = this.byTerm.get(m.term)!;
      return {
        start: m.start,
        end: m.end,
        name: known.name,
        key: known.name.toLowerCase(),
        psychotropic: known.psychotropic,
        tokenIndex: m.tokenIndex,
        tokenCount: m.tokenCount,
      };
    });
  }

  /** The generic a written name stands for (`Zoloft` → Sertraline), if known. */
  lookup(written: string): { name: string; key: string } | undefined {
    const known = this.byWord.get(termKey(written));
    return known ? { name: known.name, key: known.name.toLowerCase() } : undefined;
  }
}
