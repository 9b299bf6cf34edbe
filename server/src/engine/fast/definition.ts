/**
 * Link reference definitions as notes write them — `[r1]: /url`, one per line,
 * no title, no angle brackets, escapes or entities — built by the scanner.
 * remark reads a definition-heavy note about five times slower per character
 * than prose, and every definition it reads makes the fast parser read the
 * note's other remark parts a second time (parse.ts), so a note of 3,000
 * definitions cost 20 times the parse of 100 KB of prose. Anything else
 * starting with `[` stays with remark; test/engine/fast-parse.test.ts compares
 * the trees.
 */
import type { Definition } from 'mdast';
import type { Lines } from './lines.ts';

/**
 * Label: letters, digits and `_.-` (so micromark's identifier is just the label
 * upper-cased, and mdast's lower-cased); destination: printable ASCII without
 * space, `<`, `>`, `\`, `&`, parentheses or quotes (so the URL is the text as
 * written); nothing after it on the line.
 */
const SIMPLE = /^\[([A-Za-z0-9_.-]{1,100})\]: ?([!#-%*-;=?-[\]-~]{1,2000})$/;

/**
 * The definition on `line` (indented `indent` spaces, fewer than four), or
 * undefined. The next line must be blank, the end of the text, or another such
 * definition: anything else could be the definition's title or change what it is.
 */
export function simpleDefinition(L: Lines, line: number, indent: number): Definition | undefined {
  const m = match(L, line, indent);
  if (!m) return undefined;
  const next = line + 1;
  if (next < L.count && !L.blank(next) && !(L.indent(next) < 4 && match(L, next, L.indent(next)))) return undefined;
  const at = L.begin(line) + indent;
  return {
    type: 'definition',
    identifier: m[1]!.toLowerCase(),
    label: m[1]!,
    url: m[2]!,
    title: null,
    position: { start: L.point(line, at), end: L.point(line, L.end[line]!) },
  };
}

function match(L: Lines, line: number, indent: number): RegExpExecArray | null {
  if (L.odd[line] || L.tab[line]! >= 0) return null;
  const at = L.begin(line) + indent;
  if (L.text.charCodeAt(at) !== 91) return null;
  return SIMPLE.exec(L.text.slice(at, L.end[line]!));
}
