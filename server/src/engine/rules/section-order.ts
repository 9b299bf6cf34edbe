/**
 * section-order: template sections out of the template's order.
 *
 * Only when the template is `ordered`. Only template sections count
 * (other `##` sections may stand anywhere) and only the first occurrence of each
 * (repeats are duplicate-section's). The rule keeps the longest run of sections
 * already in template order and reports each section outside it, so one
 * misplaced section yields one finding, not a cascade. Each finding offers a
 * quick fix (a suggestion, never applied by `--fix`) that moves the section.
 *
 * Heading spelling ("## story", "## Goals:") used to be reported here; it is
 * `heading-style` now. The `normalizeHeadings` option is still accepted so
 * older configs load, and has no effect.
 */
import { defineRule, type Fix, type RuleContext, type TextEdit } from './types.ts';
import { sectionRole, type Note, type Section } from '../model/note.ts';
import type { ResolvedTemplate } from '../config/types.ts';

export default defineRule({
  id: 'section-order',
  description: 'Sections are out of the template’s order.',
  defaultSeverity: 'info',
  defaultOptions: { normalizeHeadings: true },
  optionsSchema: {
    type: 'object',
    properties: {
      normalizeHeadings: {
        type: 'boolean',
        description: 'Deprecated and without effect: heading spelling is reported by the heading-style rule.',
      },
    },
  },
  fixable: false,
  check({ note, template, report }) {
    if (template.ordered) checkOrder(note, template, report);
  },
});

type Report = RuleContext['report'];

function checkOrder(note: Note, template: ResolvedTemplate, report: Report): void {
  const rank = new Map(template.sections.map((s, i) => [s.name, i]));
  const seen = new Set<string>();
  const placed: { section: Section; rank: number }[] = [];
  for (const s of note.sections) {
    // A heading read as a section (`## HPI` for Story) stands where that section stands.
    const role = sectionRole(s);
    if (role === undefined || seen.has(role)) continue;
    const r = rank.get(role);
    if (r === undefined) continue;
    seen.add(role);
    placed.push({ section: s, rank: r });
  }
  if (placed.length < 2) return;
  const keep = longestIncreasing(placed.map((p) => p.rank));
  const kept = placed.filter((_, i) => keep.has(i));
  placed.forEach((p, i) => {
    if (keep.has(i)) return;
    const name = sectionRole(p.section)!;
    // Where it belongs among the sections kept in order: before the first kept
    // section the template puts after it, else after the last one it puts before it.
    const before = kept.find((k) => k.rank > p.rank);
    const after = before ? undefined : [...kept].reverse().find((k) => k.rank < p.rank);
    const anchor = (before ?? after)!;
    const anchorName = sectionRole(anchor.section)!;
    const move = moveFix(note, p.section, before ? { before: anchor.section } : { after: anchor.section });
    report({
      range: p.section.headingRange,
      message: `"${name}" is out of order: template "${template.name}" puts it ${before ? 'before' : 'after'} "${anchorName}".`,
      related: [{ range: anchor.section.headingRange, message: `"${anchorName}" is here.` }],
      ...(move ? { suggestions: [move] } : {}),
    });
  });
}

/** Indices of one longest strictly increasing subsequence (patience sorting). */
export function longestIncreasing(values: number[]): Set<number> {
  const tails: number[] = []; // index into values of the smallest tail for each length
  const prev: number[] = new Array(values.length).fill(-1);
  values.forEach((v, i) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (values[tails[mid]!]! < v) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1]!;
    tails[lo] = i;
  });
  const out = new Set<number>();
  let i = tails.length ? tails[tails.length - 1]! : -1;
  while (i >= 0) {
    out.add(i);
    i = prev[i]!;
  }
  return out;
}

/**
 * Moves a section's whole block (heading through the line before the next
 * `##`/`#` heading) before or after another section.
 */
function moveFix(note: Note, section: Section, target: { before: Section } | { after: Section }): Fix | undefined {
  const text = note.text;
  const eol = note.lines.eol;
  const from = section.headingRange.start;
  const to = section.bodyRange.end;
  const block = text.slice(from, to).replace(/\s+$/, '');
  const name = sectionRole(section)!;
  const remove = removeBlock(text, from, to, eol);
  if ('before' in target) {
    const at = target.before.headingRange.start;
    if (at >= remove.range.start && at <= remove.range.end) return undefined;
    return {
      title: `Move "${name}" before "${sectionRole(target.before)}"`,
      edits: [{ range: { start: at, end: at }, newText: `${block}${eol}${eol}` }, remove],
    };
  }
  const after = target.after;
  const at = after.bodyRange.end;
  if (at >= remove.range.start && at <= remove.range.end) return undefined;
  if (at < text.length) {
    return {
      title: `Move "${name}" after "${sectionRole(after)}"`,
      edits: [{ range: { start: at, end: at }, newText: `${block}${eol}${eol}` }, remove],
    };
  }
  // Appending at the end of the note: make sure a blank line separates it.
  const trailing = /(?:\r\n|\r|\n)*$/.exec(text)![0];
  const breaks = trailing.match(/\r\n|\r|\n/g)?.length ?? 0;
  const lead = breaks === 0 ? eol + eol : breaks === 1 ? eol : '';
  return {
    title: `Move "${name}" after "${sectionRole(after)}"`,
    edits: [remove, { range: { start: at, end: at }, newText: `${lead}${block}${eol}` }],
  };
}

/**
 * The edit that takes a section block out. A block that ends the note also takes
 * the blank lines before it, so the note still ends with a single line break.
 */
function removeBlock(text: string, from: number, to: number, eol: string): TextEdit {
  if (to < text.length) return { range: { start: from, end: to }, newText: '' };
  let start = from;
  while (start > 0 && /\s/.test(text[start - 1]!)) start--;
  const endsWithBreak = /(?:\r\n|\r|\n)$/.test(text);
  return { range: { start, end: to }, newText: start > 0 && endsWithBreak ? eol : '' };
}
