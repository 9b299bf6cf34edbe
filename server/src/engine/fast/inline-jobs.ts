/**
 * Inline jobs (inline.ts) read by remark, many to one parse: the jobs' sources
 * are joined with blank lines into one fragment of about 16 KB, parsed, and
 * each top-level node of the result checked against the job it must come from
 * (same type, same start and end). A job's source is a paragraph's lines or a
 * heading's line, which read the same on their own as in the note: the block
 * scanner only makes jobs of lines that start no other block, and a blank line
 * closes every block the fragment could open. When a node does not match
 * anyway, the job is parsed alone; a job that still does not match is
 * returned, and its top-level block goes to remark whole.
 *
 * The inline nodes' positions are mapped back line by line: each segment of a
 * job starts at a known offset of a known line of the note, and holds no tab,
 * so columns follow from offsets.
 */
import type { Nodes, Root, RootContent } from 'mdast';
import type { Point } from 'unist';
import type { Defined } from '../remark.ts';
import { getRemark } from '../remark-provider.ts';
import type { InlineJob } from './inline.ts';
import { buildSimpleReferences } from './references.ts';
import type { Lines } from './lines.ts';
import type { ParseStats } from './parse.ts';

/** About this many characters of jobs go to remark at once. */
const BATCH = 16 * 1024;
const SEPARATOR = '\n\n';

/** Reads every job; answers the jobs remark did not read as the block scanner expected. */
export function runInlineJobs(jobs: readonly InlineJob[], lines: Lines, defined?: Defined, stats?: ParseStats): InlineJob[] {
  if (stats) stats.jobs += jobs.length;
  if (defined && defined.links.length > 0) {
    // Paragraphs of plain text and `[label]` need no remark (references.ts).
    const links = new Set(defined.links);
    jobs = jobs.filter((job) => !buildSimpleReferences(job, lines, links));
  }
  const failed: InlineJob[] = [];
  let i = 0;
  while (i < jobs.length) {
    let size = 0;
    let j = i;
    while (j < jobs.length && (j === i || size + jobs[j]!.source.length <= BATCH)) size += jobs[j++]!.source.length + SEPARATOR.length;
    const batch = jobs.slice(i, j);
    if (!readBatch(batch, lines, defined, stats)) {
      for (const job of batch) if (batch.length === 1 || !readBatch([job], lines, defined, stats)) failed.push(job);
    }
    i = j;
  }
  return failed;
}

function readBatch(batch: readonly InlineJob[], lines: Lines, defined: Defined | undefined, stats: ParseStats | undefined): boolean {
  if (stats) stats.batches++;
  const starts: number[] = [];
  const firstLines: number[] = [];
  let source = '';
  let lineCount = 0;
  for (const job of batch) {
    if (source) {
      source += SEPARATOR;
      lineCount += 2;
    }
    starts.push(source.length);
    firstLines.push(lineCount + 1);
    source += job.source;
    lineCount += job.segments.length - 1;
  }
  if (stats) stats.jobChars += source.length;
  const tree: Root = getRemark().parseWithRemark(source, false, defined);
  if (tree.children.length !== batch.length) return false;
  for (let k = 0; k < batch.length; k++) {
    const got = tree.children[k]!;
    const job = batch[k]!;
    const p = got.position;
    if (got.type !== job.node.type || !p || p.start.offset !== starts[k] || p.end.offset !== starts[k]! + job.source.length) return false;
    if (got.type === 'heading' && job.node.type === 'heading' && got.depth !== job.node.depth) return false;
  }
  for (let k = 0; k < batch.length; k++) {
    const job = batch[k]!;
    const got = tree.children[k]! as Extract<RootContent, { children: unknown }>;
    const map = (point: Point) => {
      const segment = point.line - firstLines[k]!;
      const { line, from } = job.segments[segment]!;
      const offset = from + (point.offset! - starts[k]! - job.starts[segment]!);
      point.line = line + 1;
      point.column = offset - lines.start[line]! + 1;
      point.offset = offset;
    };
    const walk = (node: Nodes) => {
      if (node.position) {
        map(node.position.start);
        map(node.position.end);
      }
      if ('children' in node) for (const child of node.children) walk(child as Nodes);
    };
    for (const child of got.children as Nodes[]) walk(child);
    (job.node as { children: unknown }).children = got.children;
  }
  return true;
}
