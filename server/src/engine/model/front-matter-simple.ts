/**
 * Front matter as most notes write it — one `key: value` per line, plain
 * words — read without the `yaml` package: about a quarter of a cold CLI run
 * over 600 notes went to parsing five lines of YAML per note. The result is
 * what front-matter.ts builds from `yaml` (YAML 1.2 core schema: these values
 * are strings), checked by test/engine/front-matter-simple.test.ts; anything
 * else (quotes, lists, comments, numbers, booleans, null, indentation, blank
 * lines, `#`, `:` in a value, ...) is left to `yaml`.
 */
import type { FrontMatter, FrontMatterEntry } from './note.ts';
import type { Range } from './text.ts';
import { forText, onFirstUse } from '../letters.ts';

/** `key: value` — a plain key, then a value starting with a letter or digit, without YAML indicators. */
export const LINE = onFirstUse(() => /^([A-Za-z_][A-Za-z0-9_-]*):( +)([\p{L}\p{N}][^#:'"[\]{}&*!|>%@`\t\p{Cc}\u2028\u2029\uFEFF]*?) *$/u);
/** LINE for plain text (letters.ts), which holds no `\p{Cc}` beyond ASCII's and none of U+2028, U+2029, U+FEFF. */
// eslint-disable-next-line no-control-regex -- the ASCII part of `\p{Cc}`, as LINE excludes it
export const PLAIN_LINE = /^([A-Za-z_][A-Za-z0-9_-]*):( +)([A-Za-z0-9][^#:'"[\]{}&*!|>%@`\t\x00-\x1f\x7f]*?) *$/;
/** Plain scalars the core schema reads as numbers, booleans or null. */
const NOT_A_STRING = /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE)$/;

export function simpleFrontMatter(text: string, range: Range, yamlRange: Range, value: string): FrontMatter | undefined {
  if (value === '') return undefined;
  const entries: FrontMatterEntry[] = [];
  const data: Record<string, string> = {};
  const base = yamlRange.start;
  let at = 0;
  while (at <= value.length) {
    let end = at;
    while (end < value.length && value.charCodeAt(end) !== 10 && value.charCodeAt(end) !== 13) end++;
    const line = value.slice(at, end);
    const m = forText(line, PLAIN_LINE, LINE).exec(line);
    if (!m || m[1] === '__proto__' || NOT_A_STRING.test(m[3]!)) return undefined;
    const keyStart = base + at;
    const valueStart = keyStart + m[1]!.length + 1 + m[2]!.length;
    const valueRange = { start: valueStart, end: valueStart + m[3]!.length };
    entries.push({ key: m[1]!, keyRange: { start: keyStart, end: keyStart + m[1]!.length }, value: m[3]!, valueText: text.slice(valueRange.start, valueRange.end), valueRange });
    data[m[1]!] = m[3]!;
    if (end === value.length) break;
    // yaml breaks lines at LF and CRLF only (a lone CR is content to it).
    if (value.charCodeAt(end) === 13 && value.charCodeAt(end + 1) !== 10) return undefined;
    at = end + (value.charCodeAt(end) === 13 ? 2 : 1);
  }
  return { range, yamlRange, entries, data, errors: [] };
}
