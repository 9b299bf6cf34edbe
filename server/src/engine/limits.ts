/**
 * Inputs the parser cannot be trusted with, and the limits that keep every
 * note linear to lint. The same limits hold in the CLI, in its worker threads
 * and in the language server.
 *
 * Whole notes: a note is a few kilobytes; the CommonMark parser (micromark)
 * needs ~200 bytes of memory per character and recurses once per nested block
 * quote or list, so a 10 MB file costs gigabytes and a line of 10,000 `>`
 * overflows the stack. Such notes get one fatal message instead of a crash, a
 * hang or an out-of-memory kill (`noteLimitProblem`). Both checks are decided
 * from the text alone, before parsing, so the outcome is the same everywhere
 * (worker threads have smaller stacks).
 *
 * Blocks: micromark's emphasis and link resolution grows with the square of
 * the markup in one paragraph (32,000 `*_` take two minutes), and its document
 * tokenizer is superlinear on very large blocks. The parser reads a paragraph
 * with more than `INLINE_MARKUP_LIMIT` markup characters, or a block it cannot
 * end within `REGION_LIMIT` characters, as plain text, and the `markup-limit`
 * rule reports it (fast/literal.ts).
 */

import type { Root } from 'mdast';
import './fast/literal.ts';

/** Larger notes are not linted (the largest realistic note is a few hundred kB). */
export const MAX_NOTE_BYTES = 4 * 1024 * 1024;

/** Deeper nesting of block quotes and lists is not parsed. */
export const MAX_NESTING = 100;

/** Markup characters (see fast/inline.ts `countMarkup`) remark reads in one paragraph or run of lines. */
export const INLINE_MARKUP_LIMIT = 1000;

/** The most text (UTF-16 code units) remark reads at once for one block it must read whole. */
export const REGION_LIMIT = 32 * 1024;

export const TOO_LARGE = (bytes: number) =>
  `Too large to lint (${(bytes / (1024 * 1024)).toFixed(1)} MB; the limit is ${MAX_NOTE_BYTES / (1024 * 1024)} MB per note). Split the note, or add it to the config's "ignore".`;

export const TOO_DEEP = `Too deeply nested to parse (block quotes, lists or footnote definitions more than ${MAX_NESTING} levels deep); not linted.`;

/**
 * Why a note cannot be linted at all (too large, too deeply nested), or
 * undefined. `changed`: only that part of the text can nest deeper than a
 * version already known to be within the limits (the language server after an
 * edit), so only it is measured for nesting.
 */
export function noteLimitProblem(text: string, changed?: { start: number; end: number }): string | undefined {
  // A UTF-16 code unit is at most three bytes of UTF-8: most notes need no count.
  if (text.length * 3 > MAX_NOTE_BYTES) {
    const bytes = utf8Length(text);
    if (bytes > MAX_NOTE_BYTES) return TOO_LARGE(bytes);
  }
  if (containerDepth(changed ? text.slice(changed.start, changed.end) : text) > MAX_NESTING) return TOO_DEEP;
  return undefined;
}

/**
 * Why the note was not parsed (`parseTree` leaves notes over the limits
 * unparsed: an empty tree, so an empty model), or undefined. Rules find
 * nothing in such a note; each face reports the reason as one fatal message.
 */
export function unparsedReason(note: { tree: Root }): string | undefined {
  return note.tree.data?.visitnotesUnparsed;
}

let encoder: InstanceType<typeof TextEncoder> | undefined;
let scratch: Uint8Array | undefined;

/**
 * The UTF-8 length of `text`, as the file would hold it (a lone surrogate
 * counts as U+FFFD). The encoder is native: 25 times faster than a loop in
 * JavaScript. Notes within the limit are encoded into one buffer kept for the
 * purpose, because a fresh 1.6 MB array after every keystroke in a long note
 * cost the language server more in garbage collection than the encoding.
 */
export function utf8Length(text: string): number {
  encoder ??= new TextEncoder();
  if (text.length <= MAX_NOTE_BYTES) {
    scratch ??= new Uint8Array(MAX_NOTE_BYTES + 4);
    const { read, written } = encoder.encodeInto(text, scratch);
    if (read === text.length) return written;
  }
  return encoder.encode(text).length; // over the limit: counted once, to say by how much
}

const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const GT = 0x3e;

/** Where a footnote label stops: `]`, or a character no label may hold. */
function isLabelEnd(code: number): boolean {
  return Number.isNaN(code) || code === 0x5d || code === SPACE || code === TAB || code === LF || code === CR;
}

function isMarkerEnd(code: number): boolean {
  return Number.isNaN(code) || code === SPACE || code === TAB || code === LF || code === CR;
}

/**
 * An upper estimate of how deeply block containers nest on any line: the block
 * quote (`>`), list (`-`, `+`, `*`, `1.`, `1)`) and footnote-definition
 * (`[^x]:`, which nest too: `[^1]: [^2]: …`) markers that open the line,
 * plus half the indentation in front of them (nested lists indent by at least
 * two columns a level; the one space after a marker does not count). Stops
 * counting once past `limit`.
 */
export function containerDepth(text: string, limit = MAX_NESTING): number {
  let max = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    let markers = 0;
    let indent = 0; // columns of indentation in front of markers
    let pending = 0; // whitespace columns since the last marker (or the line start)
    let j = i;
    for (;;) {
      const c = text.charCodeAt(j);
      let next = -1;
      if (c === SPACE) {
        pending++;
        j++;
        continue;
      } else if (c === TAB) {
        pending += 4 - (pending % 4);
        j++;
        continue;
      } else if (c === GT) {
        next = j + 1;
      } else if ((c === 0x2d || c === 0x2b || c === 0x2a) && isMarkerEnd(text.charCodeAt(j + 1))) {
        next = j + 1;
      } else if (c === 0x5b && text.charCodeAt(j + 1) === 0x5e) {
        let k = j + 2;
        while (k < n && k - j < 1000 && !isLabelEnd(text.charCodeAt(k))) k++;
        if (k > j + 2 && text.charCodeAt(k) === 0x5d && text.charCodeAt(k + 1) === 0x3a) next = k + 2;
      } else if (c >= 0x30 && c <= 0x39) {
        let k = j;
        while (k < n && k - j < 9 && text.charCodeAt(k) >= 0x30 && text.charCodeAt(k) <= 0x39) k++;
        const d = text.charCodeAt(k);
        if ((d === 0x2e || d === 0x29) && isMarkerEnd(text.charCodeAt(k + 1))) next = k + 1;
      }
      if (next < 0) break;
      indent += markers > 0 ? Math.max(0, pending - 1) : pending;
      pending = 0;
      markers++;
      j = next;
    }
    if (markers > 0) {
      const depth = markers + (indent >> 1);
      if (depth > max) {
        max = depth;
        if (max > limit) return max;
      }
    }
    // Next line. (A character loop: V8's indexOf is slow on sliced strings,
    // which is what an editor's text after an edit often is.)
    while (j < n) {
      const c = text.charCodeAt(j++);
      if (c === LF) break;
      if (c === CR) {
        if (text.charCodeAt(j) === LF) j++;
        break;
      }
    }
    i = j;
  }
  return max;
}

/** Whether an error is the JavaScript stack running out (deep recursion in the parser or a rule). */
export function isStackOverflow(err: unknown): boolean {
  return err instanceof RangeError && /call stack/i.test(err.message);
}
