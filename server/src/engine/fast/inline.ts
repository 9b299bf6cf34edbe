/**
 * Inline content for the fast parser. Most of a note's paragraphs, list items
 * and headings are plain text: no character micromark's inline tokenizer
 * treats specially, so remark gives one `text` node whose value is the lines
 * joined by their line endings, without the indentation of continuation lines
 * and the spaces ending a line. Those are built here. The rest (emphasis,
 * links, code, HTML, entities, escapes, hard breaks, GFM autolinks,
 * strikethrough, footnote calls) become jobs that inline-jobs.ts hands to
 * remark, many at a time.
 *
 * Brackets are plain when the note defines no link reference (no `]:`
 * anywhere) and no `]` is followed by `(` or `[`: `[G1]` then cannot be a
 * link, and micromark reads it as text.
 */
import type { Heading, Paragraph, Text } from 'mdast';
import type { Lines } from './lines.ts';
import './literal.ts';
import { INLINE_MARKUP_LIMIT } from '../limits.ts';

/** One line of a paragraph: the offset where its text begins (the line's start after the first line). */
export interface Segment {
  line: number;
  from: number;
}

/** A paragraph or heading whose inline content remark must read. */
export interface InlineJob {
  node: Paragraph | Heading;
  segments: Segment[];
  /** The job's source: the lines from each segment's start to the line's end, with their line endings. */
  source: string;
  /** Offset in `source` of each segment's start. */
  starts: number[];
  /** Characters that can start inline markup (see `isMarkup`). */
  markup: number;
}


export class Inline {
  readonly jobs: InlineJob[] = [];

  constructor(
    private readonly lines: Lines,
    /** Whether brackets can be plain (the note defines no link reference). */
    private readonly plainBrackets: boolean,
  ) {}

  heading(node: Heading, line: number, markerAt: number, from: number, to: number): void {
    const L = this.lines;
    const scan = this.scan(from, to);
    if (scan === 0) {
      node.children = [this.text(from, to, line, line, L.text.slice(from, to))];
      return;
    }
    const source = L.text.slice(markerAt, L.end[line]!);
    this.add(node, [{ line, from: markerAt }], source, [0], scan, () => L.text.slice(from, to), from, to, line);
  }

  paragraph(node: Paragraph, segments: Segment[]): void {
    const L = this.lines;
    const t = L.text;
    const n = segments.length;
    let markup = 0;
    // Where each line's text begins and ends once indentation and trailing spaces are dropped.
    const begins: number[] = new Array(n);
    const ends: number[] = new Array(n);
    let hardBreak = false;
    for (let i = 0; i < n; i++) {
      const { line, from } = segments[i]!;
      let b = from;
      while (t.charCodeAt(b) === 32) b++;
      const e = L.trimmedEnd(line, b);
      begins[i] = b;
      ends[i] = e;
      // Two or more spaces (no tab) before a line ending make a hard break.
      if (i < n - 1 && L.end[line]! - e >= 2 && !hasTab(t, e, L.end[line]!)) hardBreak = true;
      markup += this.scan(b, e);
    }
    const first = segments[0]!;
    const lastLine = segments[n - 1]!.line;
    const value = () => {
      if (n === 1) return t.slice(begins[0], ends[0]);
      let v = '';
      for (let i = 0; i < n; i++) {
        const line = segments[i]!.line;
        v += t.slice(begins[i], ends[i]);
        if (i < n - 1) v += t.slice(L.end[line], L.start[line + 1]);
      }
      return v;
    };
    if (markup === 0 && !hardBreak) {
      node.children = [this.text(first.from, ends[n - 1]!, first.line, lastLine, value())];
      return;
    }
    let source = '';
    const starts: number[] = [];
    for (let i = 0; i < n; i++) {
      const { line, from } = segments[i]!;
      if (i > 0) source += t.slice(L.end[segments[i - 1]!.line], L.start[line]);
      starts.push(source.length);
      source += t.slice(from, L.end[line]);
    }
    this.add(node, segments, source, starts, Math.max(markup, 1), value, first.from, ends[n - 1]!, lastLine);
  }

  private add(
    node: Paragraph | Heading,
    segments: Segment[],
    source: string,
    starts: number[],
    markup: number,
    value: () => string,
    from: number,
    to: number,
    lastLine: number,
  ): void {
    if (markup > INLINE_MARKUP_LIMIT) {
      // Too much markup to read in linear time: the text as it is, marked for the finding.
      node.children = [this.text(from, to, segments[0]!.line, lastLine, value())];
      node.data = { visitnotesLiteral: { reason: 'markup', count: markup } };
      return;
    }
    this.jobs.push({ node, segments, source, starts, markup });
  }

  private text(from: number, to: number, firstLine: number, lastLine: number, value: string): Text {
    return { type: 'text', value, position: { start: this.lines.point(firstLine, from), end: this.lines.point(lastLine, to) } };
  }

  private scan(from: number, to: number): number {
    return countMarkup(this.lines.text, from, to, this.plainBrackets);
  }
}

/**
 * How many characters in `t[from, to)` can start inline markup (0: the range
 * is plain text). `plainBrackets`: `[` and `]` count only where a footnote
 * call could start or a link could follow.
 */
export function countMarkup(t: string, from: number, to: number, plainBrackets: boolean): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = t.charCodeAt(i);
    if (c > 126 || !MARKUP[c]) continue;
    if (c === 91 || c === 93) {
      const d = t.charCodeAt(i + 1);
      if (plainBrackets && (c === 91 ? d !== 94 : d !== 40 && d !== 91)) continue;
    } else if (c === 33) {
      if (t.charCodeAt(i + 1) !== 91) continue;
    } else if (c === 119 || c === 87) {
      if (!startsWithFolded(t, i, 'www.')) continue;
    } else if (c === 104 || c === 72) {
      if (!startsWithFolded(t, i, 'http://') && !startsWithFolded(t, i, 'https://')) continue;
    }
    count++;
  }
  return count;
}

/**
 * Characters micromark's inline tokenizer (with GFM) starts a construct at:
 * `! & * < [ \ ] _ \` ~`, `@` (e-mail autolinks) and `w`/`h` (literal `www.`
 * and `http(s)://` autolinks; checked further in `countMarkup`).
 */
const MARKUP: boolean[] = new Array(127).fill(false);
for (const ch of '!&*<[\\]_`~@wWhH') MARKUP[ch.charCodeAt(0)] = true;

function hasTab(t: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (t.charCodeAt(i) === 9) return true;
  return false;
}

/** Whether `t` has `ascii` (lower case) at `i`, ignoring ASCII case. */
function startsWithFolded(t: string, i: number, ascii: string): boolean {
  for (let k = 0; k < ascii.length; k++) {
    if ((t.charCodeAt(i + k) | 32) !== (ascii.charCodeAt(k) | 32)) return false;
  }
  return true;
}
