/**
 * The server's open documents: vscode-languageserver-textdocument's behaviour
 * (same positions, same line offsets, same handling of CRLF and of positions
 * past a line's end), with one difference in how a large note's text is made
 * after an edit. The library joins the text around the edit
 * (`before + insert + after`) and V8 then flattens that into a new 1.6 MB
 * string, about 7 ms per keystroke in the 20,000-line note here, most of it
 * first touches of fresh memory. A note over 1 MiB whose characters are all
 * Latin-1 (nearly every note) is kept here in a byte buffer that is edited in
 * place instead, and each version's string is read out of it: Node makes such
 * a string external, one copy into memory from the C library's heap, 0.2–0.4 ms
 * here once the heap reuses freed blocks of that size (from the first garbage
 * collection that frees an earlier version's text; until then it costs as
 * much as the library's join). Other
 * documents, and any runtime without `Buffer` (the browser's server), join
 * strings as the library does. test/lsp/text-document.test.ts compares both
 * with the library after random edits.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';

/** Texts at least this long are kept in a buffer (Node makes strings from 1 MB of bytes external). */
export const BUFFERED_LENGTH = 1 << 20;

/** A UTF-16 code unit above 0xFF (surrogates included): the text is not Latin-1. */
const NOT_LATIN1 = /[\u0100-\uffff]/;

// Absent in the browser's server.
const NodeBuffer: typeof Buffer | undefined = typeof Buffer === 'function' ? Buffer : undefined;

/** A Latin-1 text edited in place. */
class Latin1Text {
  private bytes: Buffer;
  private length: number;

  constructor(text: string) {
    this.bytes = NodeBuffer!.allocUnsafe(text.length + (text.length >> 4));
    this.bytes.write(text, 0, 'latin1');
    this.length = text.length;
  }

  /** The text with [start, end) replaced by `insert` (all Latin-1). */
  splice(start: number, end: number, insert: string): string {
    const length = this.length - (end - start) + insert.length;
    if (length > this.bytes.length) {
      const grown = NodeBuffer!.allocUnsafe(length + (length >> 4));
      this.bytes.copy(grown, 0, 0, start);
      this.bytes.copy(grown, start + insert.length, end, this.length);
      this.bytes = grown;
    } else if (end - start !== insert.length) {
      this.bytes.copyWithin(start + insert.length, end, this.length);
    }
    if (insert.length > 0) this.bytes.write(insert, start, 'latin1');
    this.length = length;
    return this.bytes.toString('latin1', 0, length);
  }
}

class NoteTextDocument implements TextDocument {
  private lineOffsets: number[] | undefined;
  private buffered: Latin1Text | undefined;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    public version: number,
    private content: string,
    private readonly bufferedLength: number,
  ) {
    this.buffered = bufferFor(content, bufferedLength);
  }

  get isBuffered(): boolean {
    return this.buffered !== undefined;
  }

  getText(range?: Range): string {
    return range ? this.content.substring(this.offsetAt(range.start), this.offsetAt(range.end)) : this.content;
  }

  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if ('range' in change && change.range) {
        const range = wellFormed(change.range);
        const startOffset = this.offsetAt(range.start);
        const endOffset = this.offsetAt(range.end);
        const offsetsBefore = this.getLineOffsets();
        this.content = this.spliced(startOffset, endOffset, change.text);
        const insertedEnd = startOffset + change.text.length;
        const c = this.content;
        const crlfAtStart = c.charCodeAt(startOffset - 1) === 13 && c.charCodeAt(startOffset) === 10;
        const crlfAtEnd = c.charCodeAt(insertedEnd - 1) === 13 && c.charCodeAt(insertedEnd) === 10;
        if (crlfAtStart || crlfAtEnd) {
          // A CRLF pair across an edit boundary is not in the inserted text's line offsets.
          this.lineOffsets = undefined;
          continue;
        }
        // The lines of the offsets, not of the range: the library takes the range's
        // lines, which leaves its line offsets wrong for a line past the end.
        let offsets = offsetsBefore;
        const startLine = lineOf(offsets, startOffset);
        const endLine = lineOf(offsets, endOffset);
        const added = lineOffsetsOf(change.text, false, startOffset);
        if (endLine - startLine === added.length) {
          for (let i = 0; i < added.length; i++) offsets[i + startLine + 1] = added[i]!;
        } else {
          offsets = this.lineOffsets = offsets.slice(0, startLine + 1).concat(added, offsets.slice(endLine + 1));
        }
        const diff = change.text.length - (endOffset - startOffset);
        if (diff !== 0) for (let i = startLine + 1 + added.length; i < offsets.length; i++) offsets[i] = offsets[i]! + diff;
      } else {
        this.content = change.text;
        this.buffered = bufferFor(change.text, this.bufferedLength);
        this.lineOffsets = undefined;
      }
    }
    this.version = version;
  }

  private spliced(start: number, end: number, insert: string): string {
    if (this.buffered && !NOT_LATIN1.test(insert)) return this.buffered.splice(start, end, insert);
    this.buffered = undefined;
    return this.content.substring(0, start) + insert + this.content.substring(end);
  }

  private getLineOffsets(): number[] {
    this.lineOffsets ??= lineOffsetsOf(this.content, true);
    return this.lineOffsets;
  }

  positionAt(offset: number): Position {
    offset = Math.max(Math.min(offset, this.content.length), 0);
    const offsets = this.getLineOffsets();
    if (offsets.length === 0) return { line: 0, character: offset };
    const line = lineOf(offsets, offset);
    offset = this.beforeEol(offset, offsets[line]!);
    return { line, character: offset - offsets[line]! };
  }

  offsetAt(position: Position): number {
    const offsets = this.getLineOffsets();
    if (position.line >= offsets.length) return this.content.length;
    if (position.line < 0) return 0;
    const lineOffset = offsets[position.line]!;
    if (position.character <= 0) return lineOffset;
    const next = position.line + 1 < offsets.length ? offsets[position.line + 1]! : this.content.length;
    return this.beforeEol(Math.min(lineOffset + position.character, next), lineOffset);
  }

  getLineRange(line: number): Range {
    const offsets = this.getLineOffsets();
    if (line >= offsets.length) {
      const last = offsets.length - 1;
      return { start: { line: last, character: 0 }, end: { line: last, character: this.content.length - offsets[last]! } };
    }
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const start = offsets[line]!;
    const next = line + 1 < offsets.length ? offsets[line + 1]! : this.content.length;
    return { start: { line, character: 0 }, end: { line, character: this.beforeEol(next, start) - start } };
  }

  getEOLCharacters(line: number): string {
    const offsets = this.getLineOffsets();
    if (line >= offsets.length || line < 0) return '';
    const next = line + 1 < offsets.length ? offsets[line + 1]! : this.content.length;
    return this.content.substring(this.beforeEol(next, offsets[line]!), next);
  }

  get lineCount(): number {
    return this.getLineOffsets().length;
  }

  private beforeEol(offset: number, lineOffset: number): number {
    while (offset > lineOffset && isEol(this.content.charCodeAt(offset - 1))) offset--;
    return offset;
  }
}

/**
 * What `new TextDocuments(…)` takes: the library's `TextDocument` namespace,
 * with this module's documents. `bufferedLength`: the length from which a
 * Latin-1 text is kept in a buffer (tests lower it).
 */
export function noteTextDocuments(bufferedLength = BUFFERED_LENGTH) {
  return {
    create(uri: string, languageId: string, version: number, content: string): TextDocument {
      return new NoteTextDocument(uri, languageId, version, content, bufferedLength);
    },
    update(document: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument {
      if (!(document instanceof NoteTextDocument)) throw new Error('update: not a document made by noteTextDocuments().create');
      document.update(changes, version);
      return document;
    },
  };
}

/** Whether the document keeps its text in a buffer (for tests). */
export function isBuffered(document: TextDocument): boolean {
  return document instanceof NoteTextDocument && document.isBuffered;
}

function bufferFor(text: string, bufferedLength: number): Latin1Text | undefined {
  return NodeBuffer && text.length >= bufferedLength && !NOT_LATIN1.test(text) ? new Latin1Text(text) : undefined;
}

function lineOffsetsOf(text: string, atLineStart: boolean, textOffset = 0): number[] {
  const result = atLineStart ? [textOffset] : [];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (isEol(ch)) {
      if (ch === 13 && i + 1 < text.length && text.charCodeAt(i + 1) === 10) i++;
      result.push(textOffset + i + 1);
    }
  }
  return result;
}

/** The line holding `offset`: the last line starting at or before it. */
function lineOf(offsets: readonly number[], offset: number): number {
  let low = 0;
  let high = offsets.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (offsets[mid]! > offset) high = mid;
    else low = mid + 1;
  }
  return Math.max(0, low - 1);
}

function isEol(c: number): boolean {
  return c === 13 || c === 10;
}

function wellFormed(range: Range): Range {
  const { start, end } = range;
  return start.line > end.line || (start.line === end.line && start.character > end.character) ? { start: end, end: start } : range;
}
