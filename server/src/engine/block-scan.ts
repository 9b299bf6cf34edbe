/**
 * What the model reads from one top-level block on its own: its plain text and
 * word count, its `[Gn]` tokens and its `visitnotes-…` directive comments.
 * Each depends on the block's content only, never on where it stands, so it is
 * cached by node with offsets relative to the block's start: an incremental
 * re-parse (incremental.ts) keeps, shifts in place or copies the blocks it did
 * not re-parse, and a 20,000-line note is then not walked again after every
 * keystroke, only the blocks the edit touched. The goal references of a block
 * outside Goals and Medication meaning are kept by node too (`plainReferences`).
 */
import { toString } from 'mdast-util-to-string';
import type { Nodes, RootContent } from 'mdast';
import type { Directive, GoalReference } from './model/note.ts';
import { charCode } from './char-code.ts';
import { onFirstUse, PUNCTUATION, RIGHT_QUOTE } from './letters.ts';

/** `[G1]`…`[G999]`, not preceded by a backslash escape. */
export const GOAL_TOKEN = /(?<!\\)\[G([1-9]\d{0,2})\]/g;
/** A private copy for the scan loop (exec with lastIndex, no per-node regex clone). */
const GOAL_SCAN = new RegExp(GOAL_TOKEN.source, 'g');
const DIRECTIVE = /<!--\s*visitnotes-(disable-next-line|disable|enable)\b([\s\S]*?)-->/g;

/** A `[Gn]` token in a block: `at` is relative to the block's start. */
export interface GoalToken {
  at: number;
  length: number;
  id: string;
}

/** A directive comment in a block, `at` relative to the block's start. */
export interface DirectiveToken {
  at: number;
  length: number;
  kind: Directive['kind'];
  rules: string[];
}

export interface BlockScan {
  /** Plain text (mdast-util-to-string) and its word count. */
  text: string;
  words: number;
  goalTokens: GoalToken[];
  directives: DirectiveToken[];
}

const cache = new WeakMap<object, BlockScan>();

/**
 * Whether the readings are kept by node for a later parse of the same blocks.
 * The language server re-parses after every keystroke and needs them; a CLI
 * lint parses each note once, and there keeping them cost more than reading:
 * the WeakMap inserts were ~7 % of the engine's time, besides their work for
 * the garbage collector (docs/performance.md).
 */
let keep = true;

export function keepsBlockReadings(): boolean {
  return keep;
}

/** Runs `parse` (a parse whose tree is read once and dropped) without keeping its block readings. */
export function withoutKeptReadings<T>(parse: () => T): T {
  const was = keep;
  keep = false;
  try {
    return parse();
  } finally {
    keep = was;
  }
}

/** The `[Gn]` tokens and directives of a top-level block of `text` (cached by node). */
export function scanBlock(text: string, node: RootContent): BlockScan {
  let hit = cache.get(node);
  if (hit) return hit;
  const base = node.position?.start.offset ?? 0;
  const goalTokens: GoalToken[] = [];
  const directives: DirectiveToken[] = [];
  visit(node, (n) => {
    if (n.type === 'text') {
      const start = n.position?.start.offset ?? 0;
      const end = n.position?.end.offset ?? 0;
      if (end - start < 4) return;
      const source = text.slice(start, end);
      GOAL_SCAN.lastIndex = 0;
      for (let m = GOAL_SCAN.exec(source); m; m = GOAL_SCAN.exec(source)) {
        goalTokens.push({ at: start + m.index - base, length: m[0].length, id: `G${m[1]}` });
      }
    } else if (n.type === 'html') {
      const start = n.position?.start.offset ?? 0;
      const source = text.slice(start, n.position?.end.offset ?? 0);
      for (const m of source.matchAll(DIRECTIVE)) {
        directives.push({
          at: start + m.index! - base,
          length: m[0].length,
          kind: m[1] as Directive['kind'],
          rules: m[2]!
            .split(/[\s,]+/)
            .map((x) => x.trim())
            .filter(Boolean),
        });
      }
    }
  });
  const plain = toString(node);
  hit = { text: plain, words: countWords(plain), goalTokens, directives };
  if (keep) cache.set(node, hit);
  return hit;
}

/**
 * The goal references of a block outside Goals and Medication meaning, whose
 * section's role is `section`. Kept by block node: after a keystroke elsewhere
 * the same node (kept, or moved in place by incremental.ts: the same content)
 * under the same role has the same references, the very same objects when it
 * has not moved (a 20,000-line note has 15,000 of them). A block moved in place
 * (`moved`: the previous model is consumed) has its references moved with it;
 * otherwise they are made again from the block's tokens.
 */
export function plainReferences(
  block: RootContent,
  tokens: readonly GoalToken[],
  base: number,
  section: string | undefined,
  moved: boolean,
): readonly GoalReference[] {
  const hit = plainRefs.get(block);
  if (hit && hit.section === section) {
    if (hit.base === base) return hit.refs;
    if (moved) {
      const d = base - hit.base;
      for (const ref of hit.refs) {
        ref.range.start += d;
        ref.range.end += d;
      }
      hit.base = base;
      return hit.refs;
    }
  }
  const refs = new Array<GoalReference>(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const start = base + token.at;
    refs[i] = { id: token.id, range: { start, end: start + token.length }, medication: undefined, field: undefined, section };
  }
  if (keep) plainRefs.set(block, { base, section, refs });
  return refs;
}

const plainRefs = new WeakMap<RootContent, { base: number; section: string | undefined; refs: GoalReference[] }>();

/** Lets a copy of a block (same content, shifted positions) reuse the original's cached reading. */
export function shareBlockText(original: RootContent, copy: RootContent): void {
  const full = cache.get(original);
  if (full) cache.set(copy, full);
}

const LETTER = onFirstUse(() => /\p{L}/u);
const WORD_CHAR = onFirstUse(() => /[\p{L}\p{N}'’-]/u);

/**
 * The words of a section: how many times `\p{L}[\p{L}\p{N}'’-]*` (Unicode
 * classes) matches in `s`, without building the array of matches (a
 * 20,000-line section has hundreds of thousands of words). ASCII is
 * classified inline; other code points by the same Unicode classes.
 */
export function countWords(s: string): number {
  let count = 0;
  let inWord = false;
  const length = s.length;
  for (let i = 0; i < length; i++) {
    const c = charCode(s, i);
    let letter: boolean;
    let wordChar: boolean;
    if (c < 128) {
      const lower = c | 32;
      letter = lower >= 97 && lower <= 122;
      wordChar = letter || (c >= 48 && c <= 57) || c === 39 || c === 45;
    } else {
      if (PUNCTUATION.has(c)) {
        // Common punctuation (letters.ts): no letter; only `’` continues a word.
        letter = false;
        wordChar = c === RIGHT_QUOTE;
      } else {
        const cp = s.codePointAt(i)!;
        const ch = String.fromCodePoint(cp);
        if (cp > 0xffff) i++;
        letter = LETTER().test(ch);
        wordChar = letter || WORD_CHAR().test(ch);
      }
    }
    if (inWord) inWord = wordChar;
    else if (letter) {
      inWord = true;
      count++;
    }
  }
  return count;
}

function visit(node: Nodes, fn: (n: Nodes) => void): void {
  fn(node);
  if ('children' in node) for (const child of node.children) visit(child as Nodes, fn);
}
