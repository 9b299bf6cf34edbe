/**
 * Incremental re-parse for the language server. A full parse of a 20,000-line
 * note takes over a second; after a keystroke only a few top-level blocks can
 * have changed. `reparseNote` re-parses just those blocks (plus neighbours),
 * splices them into the previous tree with shifted positions, and rebuilds the
 * model from the tree the same way `parseNote` does (`buildNote`). The changed
 * region is found by comparing the two texts, so callers pass only the new text.
 *
 * Correctness argument (checked by test/engine/incremental.test.ts, which
 * compares incremental and full parses of random documents and edit sequences):
 * CommonMark decides block structure line by line, and a closed block never
 * reopens. The re-parsed slice starts at the line start of a top-level block
 * that follows a blank line and starts at column 1 with a non-blank character
 * (the parser is at root level there, whatever came before: see
 * `hardBoundary`), and ends just before such a block. The slice's last block
 * must come out exactly as the old one there (same type, same shifted range):
 * the parser is then back at root level in the same state as before, and
 * everything after is unchanged text parsed the same way. Whenever that cannot
 * be shown, we parse in full:
 *
 * - link reference or footnote definitions anywhere (they change links globally);
 * - front matter opened or closed by the edit (it decides how the note is read);
 * - the slice's last block differs from the old block at the slice end (an
 *   unclosed fence or HTML block, lists that now merge, a table that grew, ...);
 * - a byte order mark at the slice start (micromark would drop it);
 * - notes too small to be worth it, or slices above a share of the note.
 *
 * The previous note and its tree are not mutated: blocks before the slice are
 * shared, blocks after it are copied with shifted positions; unless the caller
 * passes `reuse` (the language server, which is done with the previous
 * version), and then they are shifted in place and the previous note is marked
 * `consumed`.
 */
import type { Root, RootContent } from 'mdast';
import type { Position } from 'unist';
import { buildNote, shareBlockText, type ParseOptions } from './parse.ts';
import {
  countLineBreaks,
  hardBoundary,
  hasDefinitions,
  hasOffsets,
  parseFragment,
  parseTree,
  shiftInPlace,
  shiftPoint,
  unclosedFrontMatter,
  type Positioned,
} from './markdown.ts';
import type { Note } from './model/note.ts';
import { noteLimitProblem } from './limits.ts';
import { LineIndex, type Range } from './model/text.ts';
import { commonPrefix, commonSuffix } from './text-diff.ts';
import { phiHits, rescanDetectors, scanDetectors, type DetectorMatches } from './identifiers-incremental.ts';
import { moveInPlace, shiftedCopy } from './tree-shift.ts';

export interface ReparseOptions extends ParseOptions {
  /** Notes shorter than this (UTF-16 code units) are parsed in full: it is fast enough. */
  minLength?: number;
  /** Parse in full when the slice to re-parse is more than this share of the note. */
  maxSliceRatio?: number;
  /**
   * The caller is done with `previous`: the blocks after the edit are moved to
   * their new positions in place instead of copied (on a 20,000-line note the
   * copy was the largest cost of a keystroke), and `previous` is marked
   * `consumed` (its tree no longer matches its text; parse its text again if it
   * is ever needed).
   */
  reuse?: boolean;
  /**
   * The common prefix and suffix of `previous.text` (`old`, the same string)
   * and the new text, when the caller has compared them already (the language
   * server does, to decide whether to probe the note): not compared again.
   */
  diff?: { old: string; prefix: number; suffix: number };
}

const consumedNotes = new WeakSet<Note>();

/** Whether `note`'s tree was reused by a later `reparse(…, { reuse: true })` and no longer matches its text. */
export function consumed(note: Note): boolean {
  return consumedNotes.has(note);
}

export interface ReparseResult {
  note: Note;
  /** Whether the previous tree was reused. */
  incremental: boolean;
  /** Why the note was parsed in full (for tests, logs and the benchmark). */
  fullParseReason?: string;
  /** The re-parsed part of the new text, when incremental. */
  reparsed?: Range;
  /** The part of the new text the identifier detectors ran over again, when incremental (identifiers-incremental.ts). */
  identifiersScanned?: Range;
}

export const DEFAULT_MIN_LENGTH = 20_000;
export const DEFAULT_MAX_SLICE_RATIO = 0.5;

/** The model of `text`, re-using `previous` (the model of an earlier version) where safe. */
export function reparseNote(previous: Note, text: string, options: ReparseOptions = {}): Note {
  return reparse(previous, text, options).note;
}

export function reparse(previous: Note, text: string, options: ReparseOptions = {}): ReparseResult {
  const spliced = spliceTree(previous, text, options);
  if (typeof spliced === 'string') {
    return { note: buildNote(text, parseTree(text), options), incremental: false, fullParseReason: spliced };
  }
  const lines = spliced.edit ? editedLines(previous.lines, text, spliced.edit) : previous.lines;
  const identifiers = detectorsAfter(previous, text, spliced.edit, options);
  const note = buildNote(text, spliced.tree, options, lines, phiHits(identifiers.matches), options.reuse === true);
  keptMatches.set(note, { ignoreKey: identifiers.ignoreKey, matches: identifiers.matches });
  return { note, incremental: true, reparsed: spliced.reparsed, identifiersScanned: identifiers.scanned };
}

/** Each re-parsed note's raw detector matches, for the next edit (identifiers-incremental.ts). */
const keptMatches = new WeakMap<Note, { ignoreKey: string; matches: DetectorMatches }>();

/**
 * The identifier detectors' matches in `text`: the previous version's, re-run
 * only around the edit, when that version was re-parsed here under the same
 * `ignore` list; else a full scan (the first keystroke after a full parse).
 */
function detectorsAfter(previous: Note, text: string, edit: TextEdit | undefined, options: ReparseOptions): { ignoreKey: string; matches: DetectorMatches; scanned: Range } {
  const ignore = new Set((options.identifiers?.ignore ?? []).map(String));
  const ignoreKey = JSON.stringify([...ignore].sort());
  const kept = keptMatches.get(previous);
  if (kept && kept.ignoreKey === ignoreKey) {
    if (!edit) return { ignoreKey, matches: kept.matches, scanned: { start: 0, end: 0 } };
    const r = rescanDetectors(kept.matches, text, { start: edit.leftBound, oldEnd: edit.oldEnd, delta: edit.delta });
    return { ignoreKey, matches: r.matches, scanned: r.scanned };
  }
  return { ignoreKey, matches: scanDetectors(text, ignore), scanned: { start: 0, end: text.length } };
}

/** old[p, oldEnd) became new[p, oldEnd + delta); leftBound is the start of the line holding p - 1. */
interface TextEdit {
  leftBound: number;
  oldEnd: number;
  delta: number;
}

/**
 * The new text's line starts from the old ones: a start depends only on the two
 * characters around it (a lone `\r` ends a line, `\r\n` once), so starts up to
 * the edit's line are kept, starts past the edit are shifted, and only the
 * edited lines are scanned again (not 1.6 MB per keystroke).
 */
function editedLines(old: LineIndex, text: string, edit: TextEdit): LineIndex {
  const { leftBound, oldEnd, delta } = edit;
  const starts = old.lineStarts;
  let k = 0;
  while (k < starts.length && starts[k]! <= leftBound) k++;
  const scanned: number[] = [];
  const scanEnd = oldEnd + delta;
  for (let i = leftBound; i < scanEnd; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) scanned.push(i + 1);
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) scanned.push(i + 1);
  }
  let m = k;
  while (m < starts.length && starts[m]! < oldEnd + 1) m++;
  // Copied in one go, not pushed one by one (20,000 lines per keystroke): when the
  // edit leaves the number of lines as it was (typing within a line), only the
  // scanned starts are overwritten and the later ones shifted.
  let out: number[];
  if (scanned.length === m - k) {
    out = starts.slice();
    for (let i = 0; i < scanned.length; i++) out[k + i] = scanned[i]!;
  } else {
    out = starts.slice(0, k).concat(scanned, starts.slice(m));
  }
  if (delta !== 0) for (let i = k + scanned.length; i < out.length; i++) out[i] = out[i]! + delta;
  return new LineIndex(text, out);
}

/** The new tree, or the reason a full parse is needed. */
function spliceTree(previous: Note, text: string, options: ReparseOptions): { tree: Root; reparsed: Range; edit?: TextEdit } | string {
  const old = previous.text;
  const tree = previous.tree;
  if (text === old) return { tree, reparsed: { start: 0, end: 0 } };
  if (text.length < (options.minLength ?? DEFAULT_MIN_LENGTH)) return 'small note';
  const children = tree.children;
  const n = children.length;
  if (n === 0) return 'empty tree';
  if (!children.every(hasOffsets)) return 'node without position';
  if (hasDefinitions(tree, old)) return 'definitions';
  // Whether front matter is closed decides how the whole note is read (see parseTree).
  const unclosed = unclosedFrontMatter(text);
  if (unclosed !== unclosedFrontMatter(old)) return 'front matter';

  // The changed region: old[p, oldEnd) became text[p, oldEnd + delta).
  const delta = text.length - old.length;
  const known = options.diff && options.diff.old === old ? options.diff : undefined;
  const p = known ? known.prefix : commonPrefix(old, text);
  const oldEnd = old.length - (known ? known.suffix : commonSuffix(old, text, p));
  const lines = previous.lines;

  // Blocks ending before the line holding p - 1 are untouched, as are blocks
  // starting after the line holding oldEnd (their text and line breaks are unchanged).
  const leftBound = lines.lineStart(lines.lineAt(Math.max(0, p - 1)));
  const qLine = lines.lineAt(oldEnd);
  const rightBound = qLine + 1 < lines.lineCount ? lines.lineStart(qLine + 1) : old.length;
  let a = firstIndex(children, (c) => c.position.end.offset >= leftBound) - 1;
  let b = firstIndex(children, (c) => c.position.start.offset >= rightBound);
  // Neighbours on each side, then outwards to a blank-line boundary.
  a = Math.max(0, a);
  b = Math.min(n - 1, b);
  while (a > 0 && !hardBoundary(old, children[a - 1]!, children[a]!)) a--;
  while (b < n - 1 && !hardBoundary(old, children[b]!, children[b + 1]!)) b++;

  const sliceStart = a === 0 ? 0 : lines.lineStart(lines.lineAt(children[a]!.position.start.offset));
  const oldSliceEnd = b === n - 1 ? old.length : lines.lineStart(lines.lineAt(children[b + 1]!.position.start.offset));
  if (sliceStart > leftBound || oldSliceEnd < rightBound) return 'slice does not cover the edit';
  const newSliceEnd = oldSliceEnd + delta;
  if (newSliceEnd - sliceStart > (options.maxSliceRatio ?? DEFAULT_MAX_SLICE_RATIO) * text.length) return 'slice too large';
  if (sliceStart > 0 && text.charCodeAt(sliceStart) === 0xfeff) return 'byte order mark at slice start';

  // The previous version was within the limits (its tree is not empty): only the slice can nest deeper.
  if (noteLimitProblem(text, { start: sliceStart, end: newSliceEnd })) return 'over the limits';
  const slice = text.slice(sliceStart, newSliceEnd);
  if (sliceStart === 0 && unclosedFrontMatter(slice) !== unclosed) return 'front matter';
  const fragment = sliceStart === 0 ? parseTree(slice) : parseFragment(slice);
  if (hasDefinitions(fragment, slice)) return 'definitions';
  const fresh = fragment.children;
  if (!fresh.every(hasOffsets)) return 'node without position';
  const sliceLine = lines.lineAt(sliceStart); // 0-based; unchanged text before the slice
  if (sliceStart > 0) for (const node of fresh) shiftInPlace(node, sliceStart, sliceLine);

  // The slice must end with the old boundary block, unchanged apart from its offset.
  const lineDelta = countLineBreaks(slice) - countLineBreaks(old, sliceStart, oldSliceEnd);
  if (b < n - 1) {
    const last = fresh[fresh.length - 1];
    const was = children[b]!;
    if (
      !last ||
      last.type !== was.type ||
      last.position!.start.offset !== was.position.start.offset + delta ||
      last.position!.end.offset !== was.position.end.offset + delta
    ) {
      return 'slice ends differently';
    }
  }
  if (a > 0 && fresh[0] && fresh[0].position!.start.offset !== children[a]!.position.start.offset) {
    return 'slice starts differently';
  }

  const tail = children.slice(b + 1);
  let shiftedTail = tail;
  if (delta !== 0 || lineDelta !== 0) {
    if (options.reuse) {
      consumedNotes.add(previous);
      for (const node of tail) moveInPlace(node, delta, lineDelta);
    } else {
      shiftedTail = tail.map((c) => {
        const copy = shiftedCopy(c, delta, lineDelta);
        shareBlockText(c, copy);
        return copy;
      });
    }
  }
  const rootPosition: Position = {
    start: a === 0 ? fragment.position!.start : tree.position!.start,
    end:
      b === n - 1
        ? shiftPoint(fragment.position!.end, sliceStart, sliceStart > 0 ? sliceLine : 0)
        : shiftPoint(tree.position!.end, delta, lineDelta),
  };
  const root: Root = {
    type: 'root',
    children: [...children.slice(0, a), ...(fresh as RootContent[]), ...shiftedTail],
    position: rootPosition,
  };
  return { tree: root, reparsed: { start: sliceStart, end: newSliceEnd }, edit: { leftBound, oldEnd, delta } };
}

/** Index of the first child satisfying `pred` (which must be monotone), or `children.length`. */
function firstIndex(children: readonly Positioned[], pred: (c: Positioned) => boolean): number {
  let lo = 0;
  let hi = children.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (pred(children[mid]!)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
