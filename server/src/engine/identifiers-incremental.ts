/**
 * The identifier detectors after a small edit, without scanning the whole note
 * again (a 1.6 MB note took a quarter of a keystroke's work to scan). The
 * result is the same as `findPhi` on the new text: proven below, checked by
 * test/engine/incremental-identifiers.test.ts against a full scan after random
 * edit sequences.
 *
 * Each detector's raw matches (`matchAll`, before `accept`) are kept per note.
 * After an edit, a detector is run again only over a window of lines around
 * the edit; its matches before and after the window are reused, shifted.
 *
 * Why a window is enough. A pattern can consume a line break only with an atom
 * that matches one (`\s`, `\D`, `[^…]`, …, see `lineBreakRuns`); every other
 * part of a match stays on one line. A match with at most k such runs touches
 * at most k + 1 lines that hold a non-space character (the lines in between lie
 * wholly inside one run of spaces: they are blank). So whether a match exists
 * at position j, and which, depends only on the text from just before j to the
 * end of the (k + 1)-th non-blank line from j's line (lookarounds read a few
 * characters on the same lines). Then, with K the largest k:
 * - left: every attempt starting more than K + 1 non-blank lines above the
 *   edit reads only unchanged text, so the matches there are the old ones; the
 *   window starts at such a line start, moved up past any old match that
 *   crosses it (the scan resumes there as a fresh scan would);
 * - right: attempts starting after the edit's last line read only unchanged
 *   text (shifted); the window ends at such a line start that neither an old
 *   nor a new match crosses, and from there the old matches hold, shifted;
 * - the window's scan runs on the text cut K + 2 non-blank lines past its end,
 *   which no match starting inside the window can reach.
 * A detector whose pattern can cross line breaks without bound (a repeated
 * group holding `\s`) is simply scanned in full.
 */
import { firstOfOverlapping, PHI_DETECTORS, type PhiHit } from './identifiers.ts';
import { prechecksOf, type PhiDetector } from './identifiers-national.ts';
import { isSpaceCode } from './letters.ts';
import { charCode } from './char-code.ts';

/** One raw match of a detector: `accepted` is its `accept` verdict (rejected matches still move the scan on). */
export interface RawMatch {
  start: number;
  end: number;
  accepted: boolean;
}

/** Each detector's raw matches, in `PHI_DETECTORS` order; undefined for an ignored detector. */
export type DetectorMatches = (RawMatch[] | undefined)[];

/** The edit: old[start, oldEnd) became new[start, oldEnd + delta); `start` is a line start of both texts. */
export interface IdentifierEdit {
  start: number;
  oldEnd: number;
  delta: number;
}

/**
 * How many separate runs of a pattern can hold a line break: each atom that
 * can match `\n` or `\r`, counted once per repetition of the groups around it
 * (Infinity under `*`, `+` or `{n,}`). An upper bound (alternatives add up).
 */
export function lineBreakRuns(re: RegExp): number {
  const src = re.source;
  const dotAll = re.flags.includes('s');
  const stack: number[] = [0];
  const add = (n: number) => (stack[stack.length - 1]! += n);
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === '\\') {
      const e = src[i + 1]!;
      if ('sDWPnr'.includes(e) || (e === 'x' && /^0[aAdD]/.test(src.slice(i + 2))) || (e === 'u' && /^(?:000[aAdD]|\{[aAdD]\})/.test(src.slice(i + 2)))) add(1);
      i += e === 'p' || e === 'P' ? skipBraces(src, i + 2) - i : 2;
    } else if (c === '[') {
      const end = classEnd(src, i);
      const body = src.slice(i + 1, end);
      if (body.startsWith('^') || /\\[sDWPnr]|\\x0[aAdD]|\\u000[aAdD]|[\n\r]/.test(body)) add(1);
      i = end + 1;
    } else if (c === '(') {
      stack.push(0);
      i++;
      // Group prefixes ((?:, (?=, (?!, (?<=, (?<!, (?<name>) hold no atoms.
      if (src[i] === '?') {
        if (src[i + 1] === '<' && src[i + 2] !== '=' && src[i + 2] !== '!') i = src.indexOf('>', i) + 1;
        else i += src[i + 1] === '<' ? 3 : 2;
      }
    } else if (c === ')') {
      const inner = stack.pop()!;
      i++;
      const q = quantifier(src, i);
      i = q.next;
      add(inner === 0 ? 0 : inner * q.max);
    } else {
      if ((c === '.' && dotAll) || c === '\n' || c === '\r') add(1);
      i++;
    }
  }
  return stack[0]!;
}

function skipBraces(src: string, i: number): number {
  return src[i] === '{' ? src.indexOf('}', i) + 1 : i + 1;
}

function classEnd(src: string, i: number): number {
  let j = i + 1;
  if (src[j] === '^') j++;
  if (src[j] === ']') j++;
  while (j < src.length && src[j] !== ']') j += src[j] === '\\' ? 2 : 1;
  return j;
}

/** The largest repetition count of the quantifier at `i` (1 without one), and where it ends. */
function quantifier(src: string, i: number): { max: number; next: number } {
  const c = src[i];
  let max = 1;
  let next = i;
  if (c === '*' || c === '+') {
    max = Infinity;
    next = i + 1;
  } else if (c === '?') next = i + 1;
  else if (c === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i));
    if (m) {
      max = m[2] === undefined ? Number(m[1]) : m[3] ? Number(m[3]) : Infinity;
      next = i + m[0].length;
    }
  }
  if (src[next] === '?' && next > i) next++; // lazy
  return { max, next };
}

/** Per detector: its own regex (its `lastIndex` is ours) and how many non-blank lines a match can touch. */
interface Scanner {
  d: PhiDetector;
  re: RegExp;
  reach: number;
}
let scanners: Scanner[] | undefined;
/** Made on first use: the CLI never re-runs detectors near an edit, and each copy is a regex to parse. */
function detectorScanners(): Scanner[] {
  return (scanners ??= PHI_DETECTORS.map((d) => ({ d, re: new RegExp(d.re.source, d.re.flags.includes('g') ? d.re.flags : d.re.flags + 'g'), reach: lineBreakRuns(d.re) + 1 })));
}


/** Every detector's raw matches over the whole of `text`. */
export function scanDetectors(text: string, ignore: ReadonlySet<string>): DetectorMatches {
  const allows = prechecksOf(text);
  return detectorScanners().map((s) => (ignore.has(s.d.kind) ? undefined : !allows(s.d) ? [] : scan(s.re, s.d, text, 0, Infinity)));
}

/** The detectors' hits as `findPhi` returns them: accepted matches, in detector order, sorted, overlaps removed. */
export function phiHits(matches: DetectorMatches): PhiHit[] {
  const hits: PhiHit[] = [];
  matches.forEach((list, i) => {
    if (!list) return;
    const kind = detectorScanners()[i]!.d.kind;
    for (const m of list) if (m.accepted) hits.push({ kind, start: m.start, end: m.end });
  });
  return firstOfOverlapping(hits);
}

/** What `rescanDetectors` scanned: the union of its windows (for tests: a keystroke scans a bounded part). */
export interface Rescan {
  matches: DetectorMatches;
  scanned: { start: number; end: number };
}

/** `previous` (the matches in the old text) brought to `text`, scanning only windows around `edit`. */
export function rescanDetectors(previous: DetectorMatches, text: string, edit: IdentifierEdit): Rescan {
  const scanned = { start: text.length, end: 0 };
  const matches = detectorScanners().map((s, i) => {
    const before = previous[i];
    if (!before) return undefined;
    const r = Number.isFinite(s.reach) ? rescanOne(s.re, s.d, s.reach + 1, before, text, edit) : undefined;
    const result = r ?? { list: scan(s.re, s.d, text, 0, Infinity), start: 0, end: text.length };
    scanned.start = Math.min(scanned.start, result.start);
    scanned.end = Math.max(scanned.end, result.end);
    return result.list;
  });
  return { matches, scanned };
}

/** Up to this many moves of the window's end past matches that cross it; then the detector is scanned in full. */
const MAX_EXTENSIONS = 4;

/** `windowLines`: the non-blank lines the window reaches past the edit on each side (the detector's reach, one spare). */
function rescanOne(re: RegExp, d: PhiDetector, windowLines: number, before: RawMatch[], text: string, edit: IdentifierEdit): { list: RawMatch[]; start: number; end: number } | undefined {
  const { delta } = edit;
  const newEnd = edit.oldEnd + delta;
  // Left: `windowLines` non-blank lines above the edit's first line, then up past any old match crossing it.
  let from = linesBack(text, edit.start, windowLines);
  let k = lastStartingBefore(before, from);
  while (k >= 0 && before[k]!.end > from) {
    from = lineStartOf(text, before[k]!.start);
    k = lastStartingBefore(before, from);
  }
  const kept = before.slice(0, k + 1);
  // Right: the line start after the edit's last line, moved down past matches crossing it.
  let to = nextLineStart(text, newEnd);
  for (let attempt = 0; attempt <= MAX_EXTENSIONS; attempt++) {
    const cut = linesForward(text, to, windowLines + 1);
    const fresh = scan(re, d, cut >= text.length ? text : text.slice(0, cut), from, to);
    const lastFresh = fresh[fresh.length - 1];
    const oldTo = to - delta;
    const j = lastStartingBefore(before, oldTo);
    const oldCrossing = j >= 0 && before[j]!.end > oldTo ? before[j]! : undefined;
    if ((!lastFresh || lastFresh.end <= to) && !oldCrossing) {
      const after = before.slice(j + 1);
      const shifted = delta === 0 ? after : after.map((m) => ({ start: m.start + delta, end: m.end + delta, accepted: m.accepted }));
      return { list: kept.concat(fresh, shifted), start: from, end: cut };
    }
    if (to >= text.length) return undefined;
    to = nextLineStart(text, Math.max(lastFresh && lastFresh.end > to ? lastFresh.end : to, oldCrossing ? oldCrossing.end + delta : to));
  }
  return undefined;
}

/** Raw matches of `re` in `text` starting in [from, before). */
function scan(re: RegExp, d: PhiDetector, text: string, from: number, before: number): RawMatch[] {
  const out: RawMatch[] = [];
  re.lastIndex = from;
  for (let m = re.exec(text); m && m.index < before; m = re.exec(text)) {
    out.push({ start: m.index, end: m.index + m[0].length, accepted: !d.accept || d.accept(m) });
    if (m[0].length === 0) re.lastIndex++; // no detector matches the empty string; as matchAll would
  }
  return out;
}

/** Index of the last match starting before `pos`, or -1 (matches are sorted and disjoint). */
function lastStartingBefore(list: readonly RawMatch[], pos: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.start < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

const isLineBreak = (c: number) => c === 10 || c === 13;
function isSpace(text: string, i: number): boolean {
  return isSpaceCode(charCode(text, i));
}

/** The start of the line holding `pos` (lines end at `\n`, `\r\n` or a lone `\r`). */
function lineStartOf(text: string, pos: number): number {
  let i = pos;
  while (i > 0 && !isLineBreak(text.charCodeAt(i - 1))) i--;
  return i;
}

/** The start of the line after the one holding `pos`, or the text's length. */
function nextLineStart(text: string, pos: number): number {
  let i = pos;
  while (i < text.length && !isLineBreak(text.charCodeAt(i))) i++;
  if (i >= text.length) return text.length;
  return text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
}

/** The start of the line `count` non-blank lines above the line starting at `lineStart` (or 0). */
function linesBack(text: string, lineStart: number, count: number): number {
  let start = lineStart;
  let found = 0;
  while (start > 0 && found < count) {
    const end = start; // exclusive; text[end - 1] is a line break
    start = lineStartOf(text, end - 1);
    let blank = true;
    for (let i = start; i < end && blank; i++) if (!isSpace(text, i)) blank = false;
    if (!blank) found++;
  }
  return start;
}

/** The start of the line after the `count`-th non-blank line from the line starting at `lineStart` (or the text's length). */
function linesForward(text: string, lineStart: number, count: number): number {
  let start = lineStart;
  let found = 0;
  while (start < text.length && found < count) {
    const next = nextLineStart(text, start);
    let blank = true;
    for (let i = start; i < next && blank; i++) if (!isSpace(text, i)) blank = false;
    if (!blank) found++;
    start = next;
  }
  return start;
}
