/**
 * The one place that compares two versions of a text by their common prefix
 * and suffix: incremental re-parsing (which blocks an edit touched), the
 * editor's minimal edits (fix-all on save, Insert Missing Sections) and the
 * mapping of a cursor into the previous version's model (completion).
 */

/** Characters compared at once by the prefix and suffix scans (native string equality). */
const CHUNK = 2048;

/** Length of the common prefix of `a` and `b`. */
export function commonPrefix(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let i = 0;
  while (i + CHUNK <= max && a.slice(i, i + CHUNK) === b.slice(i, i + CHUNK)) i += CHUNK;
  while (i < max && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** Common suffix length, not overlapping the first `prefix` characters of either. */
export function commonSuffix(a: string, b: string, prefix: number): number {
  const max = Math.min(a.length, b.length) - prefix;
  const al = a.length;
  const bl = b.length;
  let i = 0;
  while (i + CHUNK <= max && a.slice(al - i - CHUNK, al - i) === b.slice(bl - i - CHUNK, bl - i)) i += CHUNK;
  while (i < max && a.charCodeAt(al - 1 - i) === b.charCodeAt(bl - 1 - i)) i++;
  return i;
}

/** One replacement of `before[start, end)` by `text`, in offsets of `before`. */
export interface SpanEdit {
  start: number;
  end: number;
  text: string;
}

/**
 * The smallest single replacement turning `before` into `after` (an empty one
 * when they are equal), never splitting a surrogate pair or a CRLF: the span
 * widens to whole code points and line breaks, so an editor applying it never
 * sees half a character or half a line break.
 */
export function minimalEdit(before: string, after: string): SpanEdit {
  let start = commonPrefix(before, after);
  const suffix = commonSuffix(before, after, start);
  let endB = before.length - suffix;
  let endA = after.length - suffix;
  while (start > 0 && (isLowSurrogate(before.charCodeAt(start)) || (before[start] === '\n' && before[start - 1] === '\r'))) start--;
  while (endB < before.length && (isLowSurrogate(before.charCodeAt(endB)) || (before[endB] === '\n' && before[endB - 1] === '\r'))) {
    endB++;
    endA++;
  }
  return { start, end: endB, text: after.slice(start, endA) };
}

/**
 * Maps an offset in `current` to the matching offset in `previous`: exact
 * outside the edited span, clamped inside it.
 */
export function mapOffset(previous: string, current: string, offset: number): number {
  const prefix = commonPrefix(previous, current);
  if (offset <= prefix) return offset;
  const suffix = commonSuffix(previous, current, prefix);
  if (offset >= current.length - suffix) return offset - (current.length - previous.length);
  return Math.min(offset, previous.length - suffix);
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
