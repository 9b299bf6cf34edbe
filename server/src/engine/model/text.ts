/**
 * Offsets ↔ positions. The engine stores every range as UTF-16 code-unit offsets
 * into the note text (what JavaScript strings index by), so one model serves the
 * CLI (1-based line/column), LSP (0-based line, UTF-16 character) and SARIF
 * (whose default column kind is also UTF-16 code units).
 */
export interface Range {
  /** Inclusive start offset (UTF-16 code units). */
  start: number;
  /** Exclusive end offset. */
  end: number;
}

/** 0-based line and UTF-16 character, as LSP counts. */
export interface LspPosition {
  line: number;
  character: number;
}

/** 1-based line and column, as ESLint, SARIF and terminals show. */
export interface LineColumn {
  line: number;
  column: number;
}

export class LineIndex {
  /** Offset at which each line starts; a line ends before its `\n` (and `\r`). */
  readonly lineStarts: number[];

  /**
   * `lineStarts`, when given, must be exactly what the scan below finds in
   * `text` (incremental.ts derives them from the previous version's after an edit).
   */
  constructor(readonly text: string, lineStarts?: number[]) {
    if (lineStarts) {
      this.lineStarts = lineStarts;
      return;
    }
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 /* \n */) starts.push(i + 1);
      else if (c === 13 /* \r */ && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** 0-based line containing `offset` (binary search). */
  lineAt(offset: number): number {
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  toLsp(offset: number): LspPosition {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineAt(clamped);
    return { line, character: clamped - this.lineStarts[line]! };
  }

  toLineColumn(offset: number): LineColumn {
    const p = this.toLsp(offset);
    return { line: p.line + 1, column: p.character + 1 };
  }

  /** LSP position → offset, clamped to the line's content (never past its line break). */
  fromLsp(pos: LspPosition): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[pos.line]!;
    const end = this.lineContentEnd(pos.line);
    return Math.min(start + Math.max(0, pos.character), end);
  }

  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))]!;
  }

  /** Offset just before the line break of `line` (0-based). */
  lineContentEnd(line: number): number {
    const next = this.lineStarts[line + 1];
    if (next === undefined) return this.text.length;
    let end = next - 1; // at \n or lone \r
    if (this.text.charCodeAt(end) === 10 && end > 0 && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineContentEnd(line));
  }

  /** The note's dominant line break, used when a fix inserts new lines. */
  get eol(): '\n' | '\r\n' {
    let crlf = 0;
    let lf = 0;
    for (let i = 1; i < this.lineStarts.length; i++) {
      if (this.text.charCodeAt(this.lineStarts[i]! - 2) === 13) crlf++;
      else lf++;
    }
    return crlf > lf ? '\r\n' : '\n';
  }
}

export function rangeContains(outer: Range, offset: number): boolean {
  return offset >= outer.start && offset <= outer.end;
}
