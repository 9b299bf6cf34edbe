/**
 * Inputs the parser cannot be trusted with. A note is a few kilobytes; the
 * CommonMark parser (micromark) needs ~200 bytes of memory per character and
 * recurses once per nested block quote or list, so a 10 MB file costs gigabytes
 * and a line of 10,000 `>` overflows the stack. Such files get a fatal message
 * instead of a crash, a hang or an out-of-memory kill; the run goes on.
 *
 * Both checks are decided from the bytes alone, before parsing, so the outcome is
 * the same in the main thread and in a worker thread (whose stacks differ in size).
 */

/** Larger files are not linted (the largest realistic note is a few hundred kB). */
export const MAX_NOTE_BYTES = 4 * 1024 * 1024;

/** Deeper nesting of block quotes and lists is not parsed. */
export const MAX_NESTING = 100;

export const TOO_LARGE = (bytes: number) =>
  `Too large to lint (${(bytes / (1024 * 1024)).toFixed(1)} MB; the limit is ${MAX_NOTE_BYTES / (1024 * 1024)} MB per note). Split the note, or add it to the config's "ignore".`;

export const TOO_DEEP = `Too deeply nested to parse (block quotes, lists or footnote definitions more than ${MAX_NESTING} levels deep); not linted.`;

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
 * quote (`>`), list (`-`, `+`, `*`, `1.`, `1)`) and footnote-definition (`[^x]:`) markers that open the line,
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
    const marker = (next: number) => {
      indent += markers > 0 ? Math.max(0, pending - 1) : pending;
      pending = 0;
      markers++;
      j = next;
    };
    for (;;) {
      const c = text.charCodeAt(j);
      if (c === SPACE) {
        pending++;
        j++;
      } else if (c === TAB) {
        pending += 4 - (pending % 4);
        j++;
      } else if (c === GT) {
        marker(j + 1);
      } else if ((c === 0x2d || c === 0x2b || c === 0x2a) && isMarkerEnd(text.charCodeAt(j + 1))) {
        marker(j + 1);
      } else if (c === 0x5b && text.charCodeAt(j + 1) === 0x5e) {
        // A footnote definition `[^label]:` is a container too: `[^1]: [^2]: …` nests.
        let k = j + 2;
        while (k < n && k - j < 1000 && !isLabelEnd(text.charCodeAt(k))) k++;
        if (k > j + 2 && text.charCodeAt(k) === 0x5d && text.charCodeAt(k + 1) === 0x3a) marker(k + 2);
        else break;
      } else if (c >= 0x30 && c <= 0x39) {
        let k = j;
        while (k < n && k - j < 9 && text.charCodeAt(k) >= 0x30 && text.charCodeAt(k) <= 0x39) k++;
        const d = text.charCodeAt(k);
        if ((d === 0x2e || d === 0x29) && isMarkerEnd(text.charCodeAt(k + 1))) marker(k + 1);
        else break;
      } else break;
    }
    if (markers > 0) {
      const depth = markers + (indent >> 1);
      if (depth > max) {
        max = depth;
        if (max > limit) return max;
      }
    }
    // Next line.
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
