/**
 * Where the words of a text are, without building them: the word scanner
 * behind `tokenize` (terms.ts), which a long text's word count and term
 * coverage (story-clinical-jargon) read directly, so a Story of a thousand
 * words costs no thousand Token objects and strings.
 */

/** How a word's lowercase form (`norm`) is read from the text. */
export const WordKind = {
  /** ASCII letters and digits, no capitals: the norm is the text itself. */
  Plain: 0,
  /** ASCII with capitals: the norm is the text lowercased. */
  Capitals: 1,
  /** ASCII with a typographic apostrophe inside: lowercased, `’` folded to `'`. */
  Curly: 2,
  /** Read by the Unicode regex: lowercased by `toLowerCase`, `’` folded to `'`. */
  Unicode: 3,
} as const;
export type WordKind = (typeof WordKind)[keyof typeof WordKind];

/**
 * Word spans of one text: `count` words, the i-th at `starts[i]`..`ends[i]`, read as
 * `kinds[i]`, its norm hashing to `hashes[i]` (`hashString(norm)`).
 */
export interface WordSpans {
  count: number;
  starts: Int32Array;
  ends: Int32Array;
  kinds: Uint8Array;
  hashes: Int32Array;
}

const TOKEN = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’][\p{L}\p{M}\p{N}]+)*/gu;
/** The same word, sticky: read at one position only. */
const TOKEN_AT = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’][\p{L}\p{M}\p{N}]+)*/uy;

/** ASCII letters and digits: the only ASCII characters in `\p{L}\p{M}\p{N}`. */
function isAsciiWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}

/**
 * Non-ASCII characters common in notes and in none of `\p{L}\p{M}\p{N}` (quotes, dashes,
 * ellipsis, bullet, middle dot, no-break space, degree, arrow): beside them the scanner
 * knows where a word ends without TOKEN, whose classes take ~3 ms to compile.
 * RIGHT_QUOTE (’) may also join the parts of a word, as TOKEN's `['’]` does.
 */
export const RIGHT_QUOTE = 0x2019;
const PUNCTUATION = new Set([0x2018, RIGHT_QUOTE, 0x201c, 0x201d, 0x2013, 0x2014, 0x2026, 0x2022, 0x00b7, 0x00a0, 0x00b0, 0x2192]);

/**
 * One buffer, reused by every scan: a caller reads the spans before it scans
 * again (nothing a scan's reader calls scans).
 */
const spans: WordSpans = { count: 0, starts: new Int32Array(1024), ends: new Int32Array(1024), kinds: new Uint8Array(1024), hashes: new Int32Array(1024) };

function push(start: number, end: number, kind: WordKind, hash: number): void {
  const k = spans.count;
  if (k === spans.starts.length) {
    const grow = <T extends Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(a.length * 2);
      b.set(a);
      return b;
    };
    spans.starts = grow(spans.starts, (n) => new Int32Array(n));
    spans.ends = grow(spans.ends, (n) => new Int32Array(n));
    spans.kinds = grow(spans.kinds, (n) => new Uint8Array(n));
    spans.hashes = grow(spans.hashes, (n) => new Int32Array(n));
  }
  spans.starts[k] = start;
  spans.ends[k] = end;
  spans.kinds[k] = kind;
  spans.hashes[k] = hash;
  spans.count = k + 1;
}

/**
 * The words of `text` (see terms.ts for what a word is), in the shared buffer:
 * valid until the next call.
 *
 * The same words as a global scan with TOKEN (test/engine/tokenize-differential.test.ts),
 * but ASCII words, most of a note, are read by a character loop: the Unicode
 * regex is slow per word. The loop also steps over common punctuation (PUNCTUATION)
 * and reads `’` inside an ASCII word. Wherever another non-ASCII character could
 * start or continue a word, the regex reads that word, so the two never disagree.
 */
export function scanWords(text: string): WordSpans {
  spans.count = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c >= 128 ? PUNCTUATION.has(c) : !isAsciiWordChar(c)) {
      i++;
      continue;
    }
    if (c >= 128) {
      // Outside a word at a non-ASCII character: the next word is wherever the regex finds it.
      TOKEN.lastIndex = i;
      const m = TOKEN.exec(text);
      if (!m) break;
      push(m.index, m.index + m[0].length, WordKind.Unicode, hashString(normOf(text, m.index, m.index + m[0].length, WordKind.Unicode)));
      i = m.index + m[0].length;
      continue;
    }
    // An ASCII word starts at i; read it unless a non-ASCII character might extend it.
    let j = i + 1;
    let upper = c <= 90 && c >= 65;
    let unicode = false;
    let curly = false;
    // The norm's hash as the word is read: `| 32` lowercases an ASCII letter and keeps a digit.
    let h = c | 32;
    for (;;) {
      let d = 0;
      while (j < n && isAsciiWordChar((d = text.charCodeAt(j)))) {
        if (d <= 90 && d >= 65) upper = true;
        h = (Math.imul(h, 31) + (d | 32)) | 0;
        j++;
      }
      if (j >= n) break;
      if (d >= 128 && d !== RIGHT_QUOTE) {
        if (!PUNCTUATION.has(d)) unicode = true;
        break;
      }
      if ((d !== 39 /* ' */ && d !== RIGHT_QUOTE) || j + 1 >= n) break;
      const e = text.charCodeAt(j + 1);
      if (e >= 128) {
        if (!PUNCTUATION.has(e)) unicode = true;
        break;
      }
      if (!isAsciiWordChar(e)) break;
      if (d === RIGHT_QUOTE) curly = true;
      h = (Math.imul(h, 31) + 39) | 0;
      j++;
    }
    if (unicode) {
      TOKEN_AT.lastIndex = i;
      const end = i + TOKEN_AT.exec(text)![0].length;
      push(i, end, WordKind.Unicode, hashString(normOf(text, i, end, WordKind.Unicode)));
      i = end;
      continue;
    }
    push(i, j, curly ? WordKind.Curly : upper ? WordKind.Capitals : WordKind.Plain, h);
    i = j;
  }
  return spans;
}

/** The lowercase form of a scanned word (Token.norm). */
export function normOf(text: string, start: number, end: number, kind: WordKind): string {
  const raw = text.slice(start, end);
  if (kind === WordKind.Plain) return raw;
  const lower = raw.toLowerCase();
  return kind === WordKind.Capitals || !lower.includes('’') ? lower : lower.replace(/’/g, "'");
}

/** The hash of a word's norm (WordSpans.hashes) and of a term list's first words. */
export function hashString(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

/**
 * The words of one text, kept (a copy of scanWords' buffer) with each word's
 * norm hash; a word's key and raw text are built only when asked for, which a
 * term list does only where its first-word filter lets a word through.
 */
export class WordIndex {
  readonly count: number;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly kinds: Uint8Array;
  readonly hashes: Int32Array;
  private readonly keys: (string | undefined)[];
  private readonly fold: (norm: string) => string;

  constructor(
    readonly text: string,
    fold: (norm: string) => string,
  ) {
    const words = scanWords(text);
    this.count = words.count;
    this.starts = words.starts.slice(0, words.count);
    this.ends = words.ends.slice(0, words.count);
    this.kinds = words.kinds.slice(0, words.count);
    this.hashes = words.hashes.slice(0, words.count);
    this.keys = new Array<string | undefined>(words.count);
    this.fold = fold;
  }

  /** Token.key of word `i`. */
  key(i: number): string {
    return (this.keys[i] ??= this.fold(this.norm(i)));
  }

  /** Token.norm of word `i`. */
  norm(i: number): string {
    return normOf(this.text, this.starts[i]!, this.ends[i]!, this.kinds[i] as WordKind);
  }

  /** Token.raw of word `i`. */
  raw(i: number): string {
    return this.text.slice(this.starts[i]!, this.ends[i]!);
  }

  /** Whether word `i` is all ASCII digits (`/^\d+$/` on its norm). */
  isNumber(i: number): boolean {
    if (this.kinds[i] === WordKind.Unicode) return /^\d+$/.test(this.norm(i));
    const text = this.text;
    for (let k = this.starts[i]!, end = this.ends[i]!; k < end; k++) {
      const c = text.charCodeAt(k);
      if (c < 48 || c > 57) return false;
    }
    return true;
  }
}
