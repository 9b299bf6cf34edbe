/**
 * The words term lists match on (vocabulary/terms.ts has the matching rules a
 * clinician can predict): letters and digits with inner apostrophes, each with
 * its lowercase form and its plural-folded key.
 */
import { charCode } from '../char-code.ts';
import { isAsciiLetterOrDigit, onFirstUse, PUNCTUATION, RIGHT_QUOTE } from '../letters.ts';

export interface Token {
  /** Lowercased, typographic apostrophe folded to `'`. */
  norm: string;
  /** `norm` with simple plurals folded (`fold`): what a term list looks a word up by. */
  key: string;
  raw: string;
  start: number;
  end: number;
}

const TOKEN = onFirstUse(() => /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’][\p{L}\p{M}\p{N}]+)*/gu);
/** The same word, sticky: read at one position only. */
const TOKEN_AT = onFirstUse(() => /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’][\p{L}\p{M}\p{N}]+)*/uy);

// Beside PUNCTUATION (letters.ts: quotes, dashes, ellipsis, ...) tokenize's loop knows where a
// word ends without TOKEN, whose classes take ~3 ms to compile. RIGHT_QUOTE (’) may also join
// the parts of a word, as TOKEN's `['’]` does.

function token(raw: string, start: number, lower: string): Token {
  const norm = lower.includes('’') ? lower.replace(/’/g, "'") : lower;
  return { norm, key: fold(norm), raw, start, end: start + raw.length };
}

/**
 * Words of `text` with their offsets (see the module comment for what a word is).
 *
 * The same tokens as a global scan with TOKEN (test/engine/tokenize-differential.test.ts),
 * but ASCII words, most of a note, are read by a character loop: the Unicode
 * regex is slow per word, and an ASCII word without capitals is its own norm (no
 * lowercased copy). The loop also steps over common punctuation (PUNCTUATION)
 * and reads `’` inside an ASCII word. Wherever another non-ASCII character could
 * start or continue a word, the regex reads that word, so the two never disagree.
 */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = charCode(text, i);
    if (c >= 128 ? PUNCTUATION.has(c) : !isAsciiLetterOrDigit(c)) {
      i++;
      continue;
    }
    if (c >= 128) {
      // Outside a word at a non-ASCII character: the next word is wherever the regex finds it.
      const re = TOKEN();
      re.lastIndex = i;
      const m = re.exec(text);
      if (!m) break;
      out.push(token(m[0], m.index, m[0].toLowerCase()));
      i = m.index + m[0].length;
      continue;
    }
    // An ASCII word starts at i; read it unless a non-ASCII character might extend it.
    let j = i + 1;
    let upper = c <= 90 && c >= 65;
    let unicode = false;
    let curly = false;
    for (;;) {
      let d = 0;
      while (j < n && isAsciiLetterOrDigit((d = charCode(text, j)))) {
        if (d <= 90 && d >= 65) upper = true;
        j++;
      }
      if (j >= n) break;
      if (d >= 128 && d !== RIGHT_QUOTE) {
        if (!PUNCTUATION.has(d)) unicode = true;
        break;
      }
      if ((d !== 39 /* ' */ && d !== RIGHT_QUOTE) || j + 1 >= n) break;
      const e = charCode(text, j + 1);
      if (e >= 128) {
        if (!PUNCTUATION.has(e)) unicode = true;
        break;
      }
      if (!isAsciiLetterOrDigit(e)) break;
      if (d === RIGHT_QUOTE) curly = true;
      j++;
    }
    if (unicode) {
      const re = TOKEN_AT();
      re.lastIndex = i;
      const raw = re.exec(text)![0];
      out.push(token(raw, i, raw.toLowerCase()));
      i += raw.length;
      continue;
    }
    // String.prototype.slice named here, as charCode does (char-code.ts): texts of many kinds reach this line.
    const raw = String.prototype.slice.call(text, i, j);
    const lower = upper ? raw.toLowerCase() : raw;
    out.push(curly ? token(raw, i, lower) : { norm: lower, key: fold(lower), raw, start: i, end: j });
    i = j;
  }
  return out;
}

/**
 * Light plural folding, applied to both the term and the text so they meet:
 * "attacks" → "attack", "anxieties" → "anxiety", "losses" → "loss". Only longer
 * words fold, and "-ss" words stay, to keep short words precise.
 */
export function fold(w: string): string {
  // Every rule below needs a final "s": most words leave at the first test.
  const length = w.length;
  if (charCode(w, length - 1) !== 115 /* s */) return w;
  if (length > 4 && w.endsWith('ies')) return w.slice(0, -3) + 'y';
  if (length > 4 && /(?:ss|x|ch|sh|z)es$/.test(w)) return w.slice(0, -2);
  if (length > 3 && !w.endsWith('ss') && !w.endsWith("'s") && !/(?:us|is)$/.test(w)) return w.slice(0, -1);
  return w;
}
