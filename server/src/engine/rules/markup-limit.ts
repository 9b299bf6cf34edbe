/**
 * markup-limit: a block the parser read as plain text, because reading its
 * markup would cost more than linear time (a paragraph with more than 1,000
 * emphasis, link, code or HTML characters; a block of over 32 KB with no point
 * where it ends). The parser marks such a block (fast/literal.ts); everything
 * else in the note is read and linted as usual. The finding stands on the
 * block's first line.
 */
import type { Nodes } from 'mdast';
import { defineRule } from './types.ts';
import { INLINE_MARKUP_LIMIT, REGION_LIMIT } from '../limits.ts';
import type { LiteralBlock } from '../fast/literal.ts';
import type { Note } from '../model/note.ts';

const CONTAINERS = new Set(['root', 'list', 'listItem', 'blockquote', 'footnoteDefinition']);

export default defineRule({
  id: 'markup-limit',
  description: 'A block holds more Markdown than the linter reads; it is read as plain text.',
  defaultSeverity: 'warning',
  defaultOptions: {},
  fixable: false,
  check({ note, report }) {
    for (const { node, why } of literalBlocks(note)) {
      const start = node.position?.start.offset ?? 0;
      report({ range: { start, end: note.lines.lineContentEnd(note.lines.lineAt(start)) }, message: message(why) });
    }
  },
});

function message(why: LiteralBlock): string {
  if (why.reason === 'markup') {
    return `This paragraph has ${why.count.toLocaleString('en-US')} characters that can start Markdown markup (emphasis, links, code, HTML), more than the ${INLINE_MARKUP_LIMIT.toLocaleString('en-US')} the linter reads in one paragraph; it is read as plain text. Split it into paragraphs or remove markup.`;
  }
  return `This block runs over ${REGION_LIMIT / 1024} KB with no point where it ends (an unclosed code fence or HTML block, or one very large table, quote or list); it is read as plain text. Close it, or split it with blank lines.`;
}

/** Nodes the parser read as plain text, in document order (blocks and their containers only). */
export function literalBlocks(note: Note): { node: Nodes; why: LiteralBlock }[] {
  const out: { node: Nodes; why: LiteralBlock }[] = [];
  // Only a paragraph with more than INLINE_MARKUP_LIMIT markup characters, or a
  // block over REGION_LIMIT, is read as plain text: a shorter note has none.
  if (note.text.length <= INLINE_MARKUP_LIMIT) return out;
  const root = note.tree;
  const why = root.data?.visitnotesLiteral;
  if (why) out.push({ node: root, why });
  for (const block of root.children) for (const found of literalsIn(block)) out.push(found);
  return out;
}

type Found = { node: Nodes; why: LiteralBlock };
const NONE: readonly Found[] = [];

/**
 * The literal nodes in one top-level block, kept by block node: what the parser
 * marked depends on the block's content only, and a block the language server
 * did not re-parse after a keystroke is the same node (kept, or moved in place
 * by incremental.ts). So a keystroke in a 20,000-line note walks the re-parsed
 * blocks, not every container of the note.
 */
function literalsIn(block: Nodes): readonly Found[] {
  // A block that holds no blocks is read at once: a WeakMap entry per paragraph
  // would cost more than looking (and every note has a hundred of them).
  if (!CONTAINERS.has(block.type)) {
    const why = block.data?.visitnotesLiteral;
    return why ? [{ node: block, why }] : NONE;
  }
  let found = literalsByBlock.get(block);
  if (!found) {
    const list: Found[] = [];
    walk(block, list);
    found = list.length > 0 ? list : NONE;
    literalsByBlock.set(block, found);
  }
  return found;
}

const literalsByBlock = new WeakMap<Nodes, readonly Found[]>();

function walk(node: Nodes, out: Found[]): void {
  const why = node.data?.visitnotesLiteral;
  if (why) out.push({ node, why });
  if (CONTAINERS.has(node.type)) for (const child of (node as { children: Nodes[] }).children) walk(child, out);
}
