/**
 * The fast parser: the same remark tree (mdast, positions included) as
 * markdown.ts's remark setup, built by a line scanner for the blocks notes are
 * made of and by remark for everything else. The order of work:
 *
 * 1. front matter (the YAML node is its raw text, as remark-frontmatter gives it);
 * 2. top-level blocks, one at a time: the block scanner (blocks.ts) builds
 *    headings, paragraphs and lists; any other block starts a region that
 *    remark reads (regions.ts) up to a line where both are back at root level;
 * 3. inline content: plain text built directly, the rest read by remark in
 *    batches (inline.ts, inline-jobs.ts); a job remark reads differently than
 *    the scanner expected sends its top-level block to remark, and the note is
 *    scanned again.
 *
 * Link reference definitions (only possible where the note holds `]:`) turn
 * `[G1]` anywhere into a link: in such a note no bracket is plain text, a
 * one-line definition is built by the scanner (definition.ts), any other
 * paragraph starting with `[` is left to remark, and once remark has read
 * definitions, every part remark reads is read again knowing them.
 * test/engine/fast-parse.test.ts compares this parser with plain remark-gfm.
 */
import type { Nodes, Root, RootContent, Yaml } from 'mdast';
import { frontMatterEnd } from '../fence.ts';
import type { Defined } from '../remark.ts';
import { BlockScanner } from './blocks.ts';
import { Inline, type InlineJob } from './inline.ts';
import { runInlineJobs } from './inline-jobs.ts';
import { Lines } from './lines.ts';
import { parseRegion } from './regions.ts';

/**
 * The tree of `text`, a whole note (`fragment` false: front matter read at its
 * start) or text from the middle of one; undefined when the fast parser does
 * not read it (a fragment starting with a byte order mark, two of them, or
 * inline content remark reads unlike the scanner even after a second pass).
 */
export function fastTree(text: string, fragment: boolean, stats?: ParseStats): Root | undefined {
  const lines = new Lines(text);
  // micromark drops one leading byte order mark; a fragment's, or a second one, is left to remark.
  if (lines.bom && (fragment || text.charCodeAt(1) === 0xfeff)) return undefined;
  // Every definition needs `]:`; without one, no `[G1]` can be a link.
  const definitions = text.includes(']:');
  const toRemark = new Set<number>();
  let defined: Defined | undefined;
  for (let pass = 0; pass < 3; pass++) {
    if (stats) stats.passes++;
    const read = readBlocks(lines, fragment, definitions, toRemark, defined, stats);
    if (definitions && !defined) {
      // Definitions are read by remark (in regions); the other parts of the note
      // must see them, so with any, everything remark reads is read again.
      const found = definedIn(read.children);
      if (found.links.length + found.footnotes.length > 0) {
        defined = found;
        // Parts remark read did not know them: read again. (Definitions the
        // scanner built, fast/definition.ts, need no second pass.)
        if (read.remarkRead) continue;
      }
    }
    const failed = runInlineJobs(read.inline.jobs, lines, defined, stats);
    if (failed.length === 0) return root(lines, read.children);
    const byJob = new Map<InlineJob, number>(read.inline.jobs.map((j, i) => [j, read.jobBlock[i]!]));
    for (const job of failed) toRemark.add(byJob.get(job)!);
  }
  return undefined;
}

/** What the fast parser did, for tests and the benchmark. */
export interface ParseStats {
  /** Passes over the note (more after definitions or a job remark read unexpectedly). */
  passes: number;
  /** Top-level blocks the scanner built. */
  scanned: number;
  /** Regions read by remark, and the characters remark read for them (retries included). */
  regions: number;
  regionChars: number;
  /** Inline jobs, the remark parses that read them, and the characters remark read for them. */
  jobs: number;
  batches: number;
  jobChars: number;
}

export function newParseStats(): ParseStats {
  return { passes: 0, scanned: 0, regions: 0, regionChars: 0, jobs: 0, batches: 0, jobChars: 0 };
}

interface Read {
  children: RootContent[];
  inline: Inline;
  /** The top-level block (its first line) each inline job belongs to. */
  jobBlock: number[];
  /** Whether remark read any region. */
  remarkRead: boolean;
}

/** Steps 1 and 2: front matter and the top-level blocks; inline jobs are collected, not read. */
function readBlocks(
  lines: Lines,
  fragment: boolean,
  definitions: boolean,
  toRemark: ReadonlySet<number>,
  defined: Defined | undefined,
  stats: ParseStats | undefined,
): Read {
  const inline = new Inline(lines, !definitions);
  const scanner = new BlockScanner(lines, inline, definitions);
  const children: RootContent[] = [];
  /** The first line of each child the scanner built (-1 for the others). */
  const childLines: number[] = [];
  const jobBlock: number[] = [];
  let remarkRead = false;
  let line = 0;
  if (!fragment) {
    const yaml = frontMatter(lines);
    if (yaml) {
      children.push(yaml.node);
      childLines.push(-1);
      line = yaml.next;
    }
  }
  while (line < lines.count) {
    if (lines.blank(line)) {
      line++;
      continue;
    }
    const scanned = toRemark.has(line) ? undefined : scanner.scan(line);
    if (scanned) {
      if (stats) stats.scanned++;
      children.push(scanned.node);
      childLines.push(line);
      while (jobBlock.length < inline.jobs.length) jobBlock.push(line);
      line = scanned.next;
      continue;
    }
    // An indented block after others may read differently in context (after a
    // list, micromark ends indented code early): remark starts at the last
    // block that starts at column 1.
    while (lines.indent(line) > 0 && childLines.length > 0 && childLines[childLines.length - 1]! >= 0) {
      children.pop();
      line = childLines.pop()!;
      if (lines.indent(line) === 0) break;
    }
    // Jobs of the blocks remark reads now are dropped (the scanner may also
    // have made some before giving up on this block).
    let keep = jobBlock.length;
    while (keep > 0 && jobBlock[keep - 1]! >= line) keep--;
    jobBlock.length = keep;
    inline.jobs.length = keep;
    const region = parseRegion(lines, line, definitions, defined, stats);
    remarkRead = true;
    children.push(...region.nodes);
    for (let i = 0; i < region.nodes.length; i++) childLines.push(-1);
    line = region.next;
  }
  return { children, inline, jobBlock, remarkRead };
}

const CONTAINERS = new Set(['blockquote', 'list', 'listItem', 'footnoteDefinition']);

/** The link reference and footnote definitions among `nodes` and in their containers. */
function definedIn(nodes: readonly RootContent[]): { links: string[]; footnotes: string[] } {
  const out = { links: [] as string[], footnotes: [] as string[] };
  const walk = (list: readonly Nodes[]) => {
    for (const node of list) {
      // mdast's identifier is micromark's lowercased; case folds back for every label.
      if (node.type === 'definition') out.links.push(node.identifier.toUpperCase());
      else if (node.type === 'footnoteDefinition') out.footnotes.push(node.identifier.toUpperCase());
      if ('children' in node && (CONTAINERS.has(node.type) || node.type === 'footnoteDefinition')) walk(node.children as Nodes[]);
    }
  };
  walk(nodes as Nodes[]);
  return out;
}

/** The front matter node and the line after it, when the note opens and closes front matter. */
function frontMatter(L: Lines): { node: Yaml; next: number } | undefined {
  const end = frontMatterEnd(L.text);
  if (end === undefined || end < 0) return undefined;
  // The closing fence is the first `---` line after the opening one.
  let close = 1;
  while (close < L.count && !isFence(L, close)) close++;
  if (close >= L.count) return undefined;
  // micromark reads NUL as U+FFFD, in front matter too.
  const raw = close > 1 ? L.text.slice(L.start[1], L.end[close - 1]) : '';
  const value = raw.includes('\0') ? raw.replace(/\0/g, '\uFFFD') : raw;
  const node: Yaml = { type: 'yaml', value, position: { start: L.point(0, L.begin(0)), end: L.point(close, L.end[close]!) } };
  return { node, next: close + 1 };
}

function isFence(L: Lines, line: number): boolean {
  const t = L.text;
  const s = L.start[line]!;
  if (!t.startsWith('---', s)) return false;
  for (let i = s + 3; i < L.end[line]!; i++) {
    const c = t.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

function root(L: Lines, children: RootContent[]): Root {
  const last = L.count - 1;
  const tree: Root = {
    type: 'root',
    children,
    position: { start: L.point(0, L.begin(0)), end: L.point(last, L.text.length) },
  };
  lineStartsOfTree.set(tree, L.start);
  return tree;
}

/**
 * Where each line of a tree's text starts, when the fast parser made the tree:
 * `Lines` found them already (at `\n`, `\r\n` and a lone `\r`, as the model's
 * LineIndex does), so the model need not scan the text again.
 */
const lineStartsOfTree = new WeakMap<Root, number[]>();

export function fastLineStarts(tree: Root): number[] | undefined {
  return lineStartsOfTree.get(tree);
}
