/**
 * What a line starts, read as micromark would, for the block subset the fast
 * parser builds itself: ATX headings, paragraphs, bullet and ordered list
 * items. Anything that might start another block — block quotes, fences, HTML,
 * thematic breaks, setext underlines, table delimiter rows, indented code,
 * empty list items, task list items — is `Other`, and the caller leaves the
 * whole top-level block to remark.
 */

export const enum Start {
  /** Text that starts or continues a paragraph. */
  Text,
  Heading,
  Bullet,
  Ordered,
  /** Something the fast parser does not build (see above). */
  Other,
}

export interface LineStart {
  kind: Start;
  /** Offset of the first non-space character. */
  at: number;
  /** Headings: the number of `#`. Ordered items: the start number. */
  value: number;
  /** List items: the marker character (`-`, `+`, `*`, `.` or `)`). */
  marker: number;
  /** List items: offset of the content after the marker and its spaces. */
  content: number;
  /** Ordered items: the digits are exactly `1` (the only number that may interrupt a paragraph). */
  one: boolean;
}

const SPACE = 32;
const TAB = 9;
const space = (c: number) => c === SPACE || c === TAB;

/**
 * Classifies `text[at, end)`, the rest of a line after its container
 * indentation and up to three spaces (the caller handles four or more).
 * `definitions`: the note may define link references (it holds `]:`), so a
 * line starting with `[` is left to remark.
 */
export function classify(text: string, at: number, end: number, definitions = false): LineStart {
  const c = text.charCodeAt(at);
  const out: LineStart = { kind: Start.Text, at, value: 0, marker: 0, content: at, one: false };
  switch (c) {
    case 35: {
      // `#`: an ATX heading when 1–6 of them end the line or precede a space.
      let i = at;
      while (i < end && text.charCodeAt(i) === 35) i++;
      const n = i - at;
      if (n <= 6 && (i === end || space(text.charCodeAt(i)))) {
        out.kind = Start.Heading;
        out.value = n;
      }
      return out;
    }
    case 62: // `>` block quote
    case 60: // `<` HTML
      out.kind = Start.Other;
      return out;
    case 96: // backtick
    case 126: // tilde
      if (text.charCodeAt(at + 1) === c && text.charCodeAt(at + 2) === c) out.kind = Start.Other;
      return out;
    case 45: // -
    case 42: // *
    case 43: // +
      if (breakOrUnderline(text, at, end)) {
        out.kind = Start.Other;
        return out;
      }
      if (at + 1 === end || space(text.charCodeAt(at + 1))) return listItem(text, at, at + 1, end, Start.Bullet, c, out);
      return out;
    case 95: // _
    case 61: // =
    case 58: // :
      if (breakOrUnderline(text, at, end)) out.kind = Start.Other;
      return out;
    case 91: // `[`: in a list item, a task box; in a note with `]:`, maybe a definition
      out.kind = text.charCodeAt(at + 2) === 93 || (definitions && mayDefine(text, at, end)) ? Start.Other : Start.Text;
      return out;
    default: {
      if (c < 48 || c > 57) return out;
      let i = at;
      while (i < end && i - at < 10 && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
      const d = text.charCodeAt(i);
      if (i - at > 9 || (d !== 46 && d !== 41)) return out;
      if (i + 1 !== end && !space(text.charCodeAt(i + 1))) return out;
      out.value = Number(text.slice(at, i));
      out.one = i - at === 1 && c === 49;
      return listItem(text, at, i + 1, end, Start.Ordered, d, out);
    }
  }
}

/**
 * Whether the line starting with `[` at `at` may start a link reference
 * definition: its label (no unescaped brackets, maybe continued on the next
 * line) must close with `]:`. `[G1] Return to work` cannot, so a goal line
 * stays the scanner's even in a note that defines references.
 */
function mayDefine(text: string, at: number, end: number): boolean {
  for (let i = at + 1; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 93) return text.charCodeAt(i + 1) === 58;
    if (c === 91 || c === 92) return true;
  }
  return true;
}

/**
 * The spaces after a list marker: one to four (the content starts after them);
 * none before the line's end, or five or more (an empty item, or an item
 * starting with indented code), are left to remark.
 */
function listItem(text: string, at: number, afterMarker: number, end: number, kind: Start, marker: number, out: LineStart): LineStart {
  let i = afterMarker;
  while (i < end && space(text.charCodeAt(i))) i++;
  // (A tab here makes the scanner give up on the line: see Lines.tab.)
  if (i === end || i - afterMarker > 4) {
    out.kind = Start.Other;
    return out;
  }
  out.kind = kind;
  out.marker = marker;
  out.content = i;
  void at;
  return out;
}

/**
 * Lines made only of `-`, `*`, `_`, `=`, `:`, `|` and spaces: thematic breaks,
 * setext underlines and table delimiter rows all look like this, and what they
 * are depends on the lines around them.
 */
function breakOrUnderline(text: string, at: number, end: number): boolean {
  for (let i = at; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 45 && c !== 42 && c !== 95 && c !== 61 && c !== 58 && c !== 124 && !space(c)) return false;
  }
  // `- ` or `* ` alone is an empty list item, which is also left to remark.
  return true;
}
