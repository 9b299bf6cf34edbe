/**
 * The line table the fast parser works on: where each line starts, where its
 * content ends (before the line ending) and where the next line starts, with
 * the line endings micromark knows (`\r\n`, lone `\r`, `\n`). Points are made
 * the way mdast-util-from-markdown makes them: 1-based line and column, the
 * column counting UTF-16 code units (the fast path never reads a line with a
 * tab, where micromark's columns would count tab stops).
 */
import type { Point } from 'unist';

export class Lines {
  /** Offset of each line's first character. */
  readonly start: number[] = [];
  /** Offset just after each line's last character, before its line ending. */
  readonly end: number[] = [];
  /**
   * Lines the fast path does not read: a control character other than a tab
   * (NUL becomes U+FFFD), a pipe (GFM tables) or a byte order mark after the
   * first character.
   */
  readonly odd: boolean[] = [];
  /**
   * Offset of each line's first tab, or -1. A tab in indentation or after a
   * block marker counts to the next tab stop, which the fast path does not
   * read; after that, micromark reads it as one character (column included).
   */
  readonly tab: number[] = [];
  /** Whether the text starts with a byte order mark, which micromark skips. */
  readonly bom: boolean;

  constructor(readonly text: string) {
    const n = text.length;
    this.bom = text.charCodeAt(0) === 0xfeff;
    let s = 0;
    let odd = false;
    let tab = -1;
    for (let i = this.bom ? 1 : 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c < 32) {
        if (c === 10 || c === 13) {
          this.start.push(s);
          this.end.push(i);
          this.odd.push(odd);
          this.tab.push(tab);
          odd = false;
          tab = -1;
          if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
          s = i + 1;
        } else if (c === 9) {
          if (tab < 0) tab = i;
        } else odd = true;
      } else if (c === 124 || c === 0xfeff) odd = true;
    }
    this.start.push(s);
    this.end.push(n);
    this.odd.push(odd);
    this.tab.push(tab);
  }

  /** Where the line's markdown begins: after the byte order mark on the first line. */
  begin(line: number): number {
    return line === 0 && this.bom ? 1 : this.start[line]!;
  }

  get count(): number {
    return this.start.length;
  }

  /** Offset of the line after `line` (the text's length after the last line). */
  next(line: number): number {
    return line + 1 < this.start.length ? this.start[line + 1]! : this.text.length;
  }

  /** A fresh point at `offset`, which lies on `line` (0-based). */
  point(line: number, offset: number): Point {
    return { line: line + 1, column: offset - this.start[line]! + 1, offset };
  }

  /** Whether the line holds nothing but spaces and tabs. */
  blank(line: number): boolean {
    const t = this.text;
    for (let i = this.begin(line), e = this.end[line]!; i < e; i++) {
      const c = t.charCodeAt(i);
      if (c !== 32 && c !== 9) return false;
    }
    return true;
  }

  /** Whether the line has a tab at or before `offset` (where its content starts). */
  tabBefore(line: number, offset: number): boolean {
    const t = this.tab[line]!;
    return t >= 0 && t <= offset;
  }

  /** Spaces at the start of the line (a tab ends them: see `tab`). */
  indent(line: number): number {
    const t = this.text;
    const b = this.begin(line);
    let i = b;
    const e = this.end[line]!;
    while (i < e && t.charCodeAt(i) === 32) i++;
    return i - b;
  }

  /** The line's end without trailing spaces and tabs (not before `from`). */
  trimmedEnd(line: number, from = this.start[line]!): number {
    let e = this.end[line]!;
    while (e > from && (this.text.charCodeAt(e - 1) === 32 || this.text.charCodeAt(e - 1) === 9)) e--;
    return e;
  }
}
