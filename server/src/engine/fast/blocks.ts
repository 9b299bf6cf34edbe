/**
 * The fast parser's block scanner: one top-level block at a time, for the
 * block subset notes are made of — ATX headings, paragraphs, and bullet or
 * ordered lists whose items hold paragraphs and nested lists (with blank lines,
 * lazy continuation lines and loose items). It follows micromark's container
 * rules (a list item continues on lines indented to its content column; a line
 * with the list's marker at most three columns in is the next item; a paragraph
 * takes lazy lines unless they start something) and builds the nodes, with
 * positions and `spread`, exactly as mdast-util-from-markdown does.
 *
 * It answers `undefined` for a block holding anything else (see classify.ts),
 * and the caller hands that block to remark. Inline content goes to inline.ts.
 */
import type { Heading, List, ListItem, Paragraph, RootContent } from 'mdast';
import type { Point } from 'unist';
import { classify, Start, type LineStart } from './classify.ts';
import type { Lines } from './lines.ts';
import type { Inline, Segment } from './inline.ts';
import { simpleDefinition } from './definition.ts';

export interface Scanned {
  node: RootContent;
  /** The line after the block. */
  next: number;
}

interface OpenItem {
  node: ListItem;
  /** Columns (from the line's start) where the item's content starts. */
  col: number;
}

interface OpenList {
  node: List;
  marker: number;
  item: OpenItem;
}

const copy = (p: Point): Point => ({ line: p.line, column: p.column, offset: p.offset });

export class BlockScanner {
  constructor(
    private readonly lines: Lines,
    private readonly inline: Inline,
    /** The note may define link references (see classify). */
    private readonly definitions: boolean,
  ) {}

  /** The top-level block starting at `line` (not blank), or undefined for remark. */
  scan(line: number): Scanned | undefined {
    const L = this.lines;
    if (L.odd[line]) return undefined;
    const indent = L.indent(line);
    if (indent >= 4) return undefined;
    if (this.definitions) {
      const definition = simpleDefinition(L, line, indent);
      if (definition) return { node: definition, next: line + 1 };
    }
    const s = classify(L.text, L.begin(line) + indent, L.end[line]!, this.definitions);
    if (L.tabBefore(line, s.kind === Start.Heading ? s.at + s.value : s.content)) return undefined;
    switch (s.kind) {
      case Start.Heading: {
        const node = this.heading(line, s);
        return node && { node, next: line + 1 };
      }
      case Start.Text:
        return this.rootParagraph(line, s.at);
      case Start.Bullet:
      case Start.Ordered:
        return this.list(line, s);
      default:
        return undefined;
    }
  }

  private heading(line: number, s: LineStart): Heading | undefined {
    const L = this.lines;
    const text = L.text;
    let from = s.at + s.value;
    const end = L.end[line]!;
    while (from < end && text.charCodeAt(from) === 32) from++;
    if (L.tabBefore(line, from)) return undefined;
    let to = L.trimmedEnd(line, from);
    // A closing run of `#`: the whole content, or after a space or tab.
    let h = to;
    while (h > from && text.charCodeAt(h - 1) === 35) h--;
    if (h < to && (h === from || text.charCodeAt(h - 1) === 32 || text.charCodeAt(h - 1) === 9)) {
      to = h;
      while (to > from && (text.charCodeAt(to - 1) === 32 || text.charCodeAt(to - 1) === 9)) to--;
    }
    const node: Heading = { type: 'heading', depth: s.value as Heading['depth'], children: [], position: { start: L.point(line, s.at), end: L.point(line, end) } };
    if (to > from) this.inline.heading(node, line, s.at, from, to);
    return node;
  }

  /** A paragraph at root level: lines until a blank line or a line that starts a block. */
  private rootParagraph(first: number, at: number): Scanned | undefined {
    const L = this.lines;
    const segments: Segment[] = [{ line: first, from: at }];
    let line = first + 1;
    for (; line < L.count; line++) {
      if (L.odd[line]) return undefined;
      if (L.blank(line)) break;
      const indent = L.indent(line);
      if (L.tabBefore(line, L.start[line]! + indent)) return undefined;
      if (indent >= 4) {
        segments.push({ line, from: L.start[line]! });
        continue;
      }
      const s = classify(L.text, L.start[line]! + indent, L.end[line]!, this.definitions);
      if (s.kind === Start.Text) segments.push({ line, from: L.start[line]! });
      else if (s.kind === Start.Heading || s.kind === Start.Bullet || (s.kind === Start.Ordered && s.one)) break;
      else return undefined;
    }
    return { node: this.paragraph(segments), next: line };
  }

  private paragraph(segments: Segment[]): Paragraph {
    const L = this.lines;
    const first = segments[0]!;
    const last = segments[segments.length - 1]!.line;
    const node: Paragraph = { type: 'paragraph', children: [], position: { start: L.point(first.line, first.from), end: L.point(last, L.end[last]!) } };
    this.inline.paragraph(node, segments);
    return node;
  }

  /** A list and everything nested in it, following micromark's container rules. */
  private list(first: number, s: LineStart): Scanned | undefined {
    const L = this.lines;
    const stack: OpenList[] = [];
    let para: Segment[] | undefined; // the open paragraph, in the innermost item
    let blank = false; // a blank line since the last line with content
    let line: number; // the list's current line, once past its first item (the loop below)

    const closePara = () => {
      if (!para) return;
      stack[stack.length - 1]!.item.node.children.push(this.paragraph(para));
      para = undefined;
    };
    /** Closes the lists nested deeper than `depth` (their items end with their last child). */
    const closeTo = (depth: number) => {
      closePara();
      while (stack.length > depth) {
        const open = stack.pop()!;
        closeItem(open.item);
        const items = open.node.children;
        open.node.position!.end = copy(items[items.length - 1]!.position!.end);
        if (stack.length > 0) stack[stack.length - 1]!.item.node.children.push(open.node);
      }
    };
    const closeItem = (item: OpenItem) => {
      const kids = item.node.children;
      item.node.position!.end = copy(kids[kids.length - 1]!.position!.end);
    };
    /** Starts an item (in `open`, or in a new list at the top of the stack); false when its content is not plain. */
    const startItem = (l: number, m: LineStart, open: OpenList | undefined): boolean => {
      const content = classify(L.text, m.content, L.end[l]!, this.definitions);
      if (content.kind !== Start.Text || L.tabBefore(l, m.content)) return false;
      const start = L.point(l, m.at);
      const node: ListItem = { type: 'listItem', spread: false, checked: null, children: [], position: { start, end: start } };
      const item = { node, col: m.content - L.begin(l) };
      if (open) {
        closeItem(open.item);
        open.node.children.push(node);
        open.item = item;
      } else {
        const ordered = m.kind === Start.Ordered;
        const list: List = { type: 'list', ordered, start: ordered ? m.value : null, spread: false, children: [node], position: { start: copy(start), end: start } };
        stack.push({ node: list, marker: m.marker, item });
      }
      para = [{ line: l, from: m.content }];
      return true;
    };

    if (!startItem(first, s, undefined)) return undefined;
    const root = stack[0]!.node;
    for (line = first + 1; line < L.count; line++) {
      if (L.odd[line]) return undefined;
      if (L.blank(line)) {
        closePara();
        blank = true;
        continue;
      }
      const indent = L.indent(line);
      if (L.tabBefore(line, L.start[line]! + indent)) return undefined;
      // Items whose content column the line reaches continue.
      let k = 0;
      while (k < stack.length && indent >= stack[k]!.item.col) k++;
      const base = k > 0 ? stack[k - 1]!.item.col : 0;
      const rel = indent - base;
      const m = rel < 4 ? classify(L.text, L.start[line]! + indent, L.end[line]!, this.definitions) : undefined;
      const isItem = m !== undefined && (m.kind === Start.Bullet || m.kind === Start.Ordered);

      if (k < stack.length) {
        const open = stack[k]!;
        // The next item of an open list: same kind of marker, at most three columns in.
        if (isItem && m.marker === open.marker && (m.kind === Start.Ordered) === open.node.ordered) {
          closeTo(k + 1);
          if (blank) open.node.spread = true;
          if (!startItem(line, m, open)) return undefined;
          blank = false;
          continue;
        }
        if (para && !blank) {
          // A lazy line continues the paragraph unless it starts something.
          if (!m || m.kind === Start.Text) {
            para.push({ line, from: L.start[line]! });
            continue;
          }
          if (m.kind === Start.Heading && k === 0) break;
          if (!isItem || (m.kind === Start.Ordered && !m.one)) return undefined;
          // A new list interrupts the paragraph.
        } else if (k === 0) {
          // After a blank line the list is over, unless the line may be an item
          // remark reads and the scanner does not (an empty one).
          if (m?.kind === Start.Other && !(this.definitions && rel === indent && simpleDefinition(L, line, indent))) return undefined;
          break;
        }
        closeTo(k);
        if (k === 0) break; // a list of another kind at root level
      } else if (para && !blank) {
        // Every open item continues: paragraph continuation, or a nested list interrupting it.
        if (!m || m.kind === Start.Text) {
          para.push({ line, from: L.start[line]! });
          continue;
        }
        if (!isItem || (m.kind === Start.Ordered && !m.one)) return undefined;
      }
      // A new block in the item at depth k - 1 (k ≥ 1): a paragraph or a nested list.
      closePara();
      if (!m) return undefined; // indented code
      const item = stack[k - 1]!.item;
      if (blank) item.node.spread = true;
      blank = false;
      if (m.kind === Start.Text) para = [{ line, from: m.at }];
      else if (!isItem || !startItem(line, m, undefined)) return undefined;
    }
    closeTo(0);
    return { node: root, next: line };
  }
}
