/**
 * A compiled table's `key~value` lines (vocabulary/precompiled.ts), looked up in the text
 * itself until looked up often enough to be worth a Map. A one-note run asks the medication
 * lexicon about a handful of names; building its two maps of 1,350 names up front was a
 * sixth of what that run allocated, and the collections that copying cost (issue 12, goal 4).
 * A run over many notes crosses the threshold within its first notes and then reads the Map.
 */

/** Lookups answered from the text before the Map is built: each scans the text once. */
export const IN_PLACE_LOOKUPS = 32;

const FIELD = '~';

export class KeyedLines<T> {
  private map: Map<string, T> | undefined;
  private lookups = 0;

  /**
   * `text`: lines `key~value`, keys unique, no key holding `~` or a line break (the build
   * checks); `read`: a value's text to what get() returns.
   */
  constructor(
    private readonly text: string,
    private readonly read: (value: string) => T,
  ) {}

  get(key: string): T | undefined {
    if (this.map) return this.map.get(key);
    if (++this.lookups > IN_PLACE_LOOKUPS) return (this.map = this.index()).get(key);
    // A key with a separator in it is in no line (and would be misread as one).
    if (key.includes(FIELD) || key.includes('\n')) return undefined;
    const text = this.text;
    const needle = key + FIELD;
    let line = 0;
    if (!text.startsWith(needle)) {
      const at = text.indexOf('\n' + needle);
      if (at < 0) return undefined;
      line = at + 1;
    }
    const start = line + needle.length;
    const end = text.indexOf('\n', start);
    return this.read(text.slice(start, end < 0 ? text.length : end));
  }

  /** Every line's key and value (what compile() writes back out): the Map, built now if not yet. */
  entries(): IterableIterator<[string, T]> {
    return (this.map ??= this.index()).entries();
  }

  private index(): Map<string, T> {
    const map = new Map<string, T>();
    const text = this.text;
    for (let start = 0; start < text.length; ) {
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      const tilde = text.lastIndexOf(FIELD, end - 1);
      if (tilde >= start) map.set(text.slice(start, tilde), this.read(text.slice(tilde + 1, end)));
      start = end + 1;
    }
    return map;
  }
}
