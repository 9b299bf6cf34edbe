/**
 * remark, as the engine assembles it: unified + remark-parse + remark-frontmatter
 * (YAML) + GFM from its parts, in remark-gfm's order. This is the reference
 * model of Markdown; the fast parser (fast/) builds the same trees for the
 * blocks it understands and asks this module for the rest.
 *
 * GFM parts chosen per text: literal autolinks are tried at every letter and
 * digit (about 30% of the parse time of a typical note) but need `@`, `www.`
 * or `http(s)://` to match; tables are tried at every line but need `|`, `:-`
 * or `-:` in their delimiter row. Text without those is parsed without them
 * (the property tests in test/engine/ compare every tree with plain remark-gfm).
 */
import { unified, type Processor } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import type { Extension as MicromarkExtension } from 'micromark-util-types';
import type { Extension as FromMarkdownExtension } from 'mdast-util-from-markdown';
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import type { Root } from 'mdast';

// ---------------------------------------------------------------- parsers

interface ParserKind {
  frontMatter: boolean;
  autolink: boolean;
  table: boolean;
}

const processors = new Map<string, Processor<Root>>();

/** unified + remark-parse (+ remark-frontmatter) + GFM's parts, in remark-gfm's order. */
function processorFor(kind: ParserKind): Processor<Root> {
  const key = `${+kind.frontMatter}${+kind.autolink}${+kind.table}`;
  let p = processors.get(key);
  if (!p) {
    const micromark: MicromarkExtension[] = [];
    const fromMarkdown: FromMarkdownExtension[] = [];
    if (kind.autolink) {
      micromark.push(gfmAutolinkLiteral());
      fromMarkdown.push(gfmAutolinkLiteralFromMarkdown());
    }
    micromark.push(gfmFootnote(), gfmStrikethrough());
    fromMarkdown.push(gfmFootnoteFromMarkdown(), gfmStrikethroughFromMarkdown());
    if (kind.table) {
      micromark.push(gfmTable());
      fromMarkdown.push(gfmTableFromMarkdown());
    }
    micromark.push(gfmTaskListItem());
    fromMarkdown.push(gfmTaskListItemFromMarkdown());
    micromark.push(definitionsExtension);
    function gfmParts(this: Processor) {
      const data = this.data();
      (data.micromarkExtensions ??= []).push(...micromark);
      (data.fromMarkdownExtensions ??= []).push(...fromMarkdown);
    }
    const base = unified().use(remarkParse);
    p = (kind.frontMatter ? base.use(remarkFrontmatter, ['yaml']) : base).use(gfmParts) as unknown as Processor<Root>;
    processors.set(key, p);
  }
  return p;
}

const AUTOLINK_TRIGGER = /@|www\.|https?:\/\//i;

/**
 * Link reference and footnote definitions made elsewhere in the note, by
 * micromark's identifier (`normalizeIdentifier`), for parsing part of a note.
 */
export interface Defined {
  links: readonly string[];
  footnotes: readonly string[];
}

/**
 * The cheapest parser that reads `text` exactly as full GFM would. `defined`:
 * the text is part of a note whose other parts define these references, so a
 * `[label]` or `[^label]` naming one reads as a reference here too.
 */
export function parseWithRemark(text: string, frontMatter: boolean, defined?: Defined): Root {
  const p = processorFor({
    frontMatter,
    autolink: AUTOLINK_TRIGGER.test(text),
    table: text.includes('|') || text.includes(':-') || text.includes('-:'),
  });
  seed = defined;
  try {
    return p.parse(text) as Root;
  } finally {
    seed = undefined;
  }
}

let seed: Defined | undefined;

/**
 * micromark keeps the identifiers defined so far in arrays it searches for
 * every reference (`defined.includes`), quadratic in a note with thousands of
 * definitions and references. A set answers in constant time; it is also where
 * `parseWithRemark` puts the definitions of the rest of the note. Installed by
 * a construct tried at the first line start (the document's `null` hook, tried
 * at every line start but doing nothing after the first), before any inline
 * content is read.
 */
class DefinedSet {
  private readonly set: Set<string>;
  constructor(ids: readonly string[] = []) {
    this.set = new Set(ids);
  }
  push(...ids: string[]): number {
    for (const id of ids) this.set.add(id);
    return this.set.size;
  }
  includes(id: string): boolean {
    return this.set.has(id);
  }
}

interface SeededParser {
  defined: unknown;
  gfmFootnotes?: unknown;
  visitnotesSeeded?: boolean;
}

const definitionsExtension: MicromarkExtension = {
  document: {
    null: {
      name: 'visitnotesDefinitions',
      tokenize(_effects, _ok, nok) {
        const parser = this.parser as unknown as SeededParser;
        if (!parser.visitnotesSeeded) {
          parser.visitnotesSeeded = true;
          // A footnote definition on the first line may have been read already.
          const had = (list: unknown): string[] => (Array.isArray(list) ? list : []);
          parser.defined = new DefinedSet([...(seed?.links ?? []), ...had(parser.defined)]);
          parser.gfmFootnotes = new DefinedSet([...(seed?.footnotes ?? []), ...had(parser.gfmFootnotes)]);
        }
        return nok;
      },
    },
  },
};
