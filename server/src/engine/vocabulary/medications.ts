/**
 * The medication names the engine knows (data/medications.json): generic names
 * of psychotropic and commonly co-prescribed medications, each with brand and
 * other names that map to it. Offline by design — names only, no doses, no
 * prescribing advice. The language server offers them as `###` completions;
 * the `prose-medication` rule and the cross-visit summary use them to read
 * medications written as prose. Programs extend or trim the list in config
 * (`vocabulary: { medications: { add, remove } }`).
 */
import data from './data/medications.json' with { type: 'json' };
import { TermList, fold, tokenize, type Token } from './terms.ts';

export interface MedicationName {
  /** Generic name, as offered (`Sertraline`). */
  name: string;
  /** Brand and other names that map to the generic (`Zoloft`, `Lustral`). */
  brands: string[];
  /** Class, shown as completion detail (`SSRI antidepressant`). */
  class: string;
}

const file = data as { description: string; medications: MedicationName[] };
export const MEDICATIONS: readonly MedicationName[] = file.medications;
export const MEDICATIONS_DESCRIPTION: string = file.description;

/** Every generic and brand name once: the built-in terms of the `medications` vocabulary. */
export const MEDICATION_TERMS: readonly string[] = [...new Set(MEDICATIONS.flatMap((m) => [m.name, ...m.brands]))];

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

export class MedicationLexicon {
  private readonly list: TermList;
  private readonly byTerm = new Map<string, Known>();
  private readonly byWord = new Map<string, Known>();

  /**
   * `add`: further names, each its own generic (a program's local or newer
   * medications), read as psychotropic. `remove`: names never to read in prose;
   * removing a generic also removes its brand names.
   */
  constructor(add: readonly string[] = [], remove: readonly string[] = []) {
    const removed = new Set(remove.filter((t) => typeof t === 'string').map(termKey));
    const terms: string[] = [];
    const enter = (term: string, known: Known) => {
      const key = termKey(term);
      if (!key || removed.has(key) || NOT_IN_PROSE.has(key) || this.byTerm.has(term)) return;
      this.byTerm.set(term, known);
      if (!this.byWord.has(key)) this.byWord.set(key, known);
      terms.push(term);
    };
    for (const m of MEDICATIONS) {
      if (removed.has(termKey(m.name))) continue;
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

/** "St John's wort", "st johns wort" and "ST JOHN'S WORT" are one key. */
function termKey(term: string): string {
  return tokenize(term)
    .map((t) => fold(t.norm))
    .join(' ');
}
