/**
 * Paragraphs whose only markup is `[label]` — shortcut references to link
 * reference definitions, or plain brackets — built without remark. In a note
 * that defines references no bracket is plain (inline.ts), so every such
 * paragraph was an inline job, and remark reads references at about twice its
 * cost per character of prose: 3,000 `See [r1].` lines made a note ten times
 * as costly as prose. Only one-line paragraphs with simple labels (the
 * characters definition.ts accepts) are built here; anything else stays a job.
 * test/engine/fast-parse.test.ts compares the trees with remark's.
 */
import type { LinkReference, PhrasingContent, Text } from 'mdast';
import { countMarkup, type InlineJob } from './inline.ts';
import type { Lines } from './lines.ts';

const LABEL_MAX = 100;

function isLabelChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 46 || c === 45;
}

/**
 * Builds the job's children when it is such a paragraph (true), else leaves
 * it for remark (false). `defined`: the note's link identifiers, upper-cased
 * as micromark normalises them.
 */
export function buildSimpleReferences(job: InlineJob, L: Lines, defined: ReadonlySet<string>): boolean {
  if (job.node.type !== 'paragraph' || job.segments.length !== 1) return false;
  const { line, from } = job.segments[0]!;
  const t = L.text;
  const end = L.trimmedEnd(line, from);
  const kids: PhrasingContent[] = [];
  const text = (a: number, b: number): Text => ({ type: 'text', value: t.slice(a, b), position: { start: L.point(line, a), end: L.point(line, b) } });
  let textFrom = from;
  let i = from;
  while (i < end) {
    const c = t.charCodeAt(i);
    if (c !== 91) {
      if (c === 93 || countMarkup(t, i, i + 1, false) > 0) return false;
      i++;
      continue;
    }
    let j = i + 1;
    while (j < end && j - i <= LABEL_MAX && isLabelChar(t.charCodeAt(j))) j++;
    if (j === i + 1 || j - i > LABEL_MAX || t.charCodeAt(j) !== 93) return false;
    const next = t.charCodeAt(j + 1);
    if (next === 40 || next === 91) return false; // an inline link or a full/collapsed reference
    const label = t.slice(i + 1, j);
    if (defined.has(label.toUpperCase())) {
      if (i > textFrom) kids.push(text(textFrom, i));
      const ref: LinkReference = {
        type: 'linkReference',
        identifier: label.toLowerCase(),
        label,
        referenceType: 'shortcut',
        children: [text(i + 1, j)],
        position: { start: L.point(line, i), end: L.point(line, j + 1) },
      };
      kids.push(ref);
      textFrom = j + 1;
    }
    i = j + 1;
  }
  if (end > textFrom) kids.push(text(textFrom, end));
  job.node.children = kids;
  return true;
}
