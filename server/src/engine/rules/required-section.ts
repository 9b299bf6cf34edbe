/**
 * required-section: a section the note's template requires is absent.
 *
 * When a heading reads as the missing section (`Section.standsFor`: a near-miss
 * spelling such as "## Goal", "## Relationship", "## Stroy", or a heading from
 * another note format such as "## HPI", "## Social history"), the finding
 * stands at that heading and the fix renames it, so the content already written
 * is kept — the parser already reads it as that section, so nothing else
 * cascades. When the reading is only likely ("## Assessment and plan" for
 * Medication meaning), renaming and inserting are both suggestions and `--fix`
 * does neither: inserting an empty section next to the content would hide it.
 * When the section's name is written at the wrong heading level ("# Story",
 * "### Goals"), the fix changes the level. Otherwise the fix inserts the missing
 * heading where the template puts it among the sections already in order, so
 * `section-order` never reports the insertion.
 */
import { defineRule } from './types.ts';
import { frontMatterSwallowsNote } from './frontmatter.ts';
import { longestIncreasing } from './section-order.ts';
import { normalizeSectionKey, sectionRole, type Note, type Section } from '../model/note.ts';
import type { ResolvedSection, ResolvedTemplate } from '../config/types.ts';
import type { Fix } from './types.ts';
import type { Range } from '../model/text.ts';
import { toString } from 'mdast-util-to-string';
import type { Nodes } from 'mdast';
import { parseFragment } from '../markdown.ts';

export default defineRule({
  id: 'required-section',
  description: 'A section the note’s template requires is missing.',
  defaultSeverity: 'error',
  defaultOptions: {},
  fixable: true,
  check({ note, template, config, report }) {
    // Headings swallowed by unclosed front matter are reported by `frontmatter`.
    if (frontMatterSwallowsNote(note, config)) return;
    const missing = template.sections.filter((spec) => spec.required && !note.sections.some((s) => s.canonical === spec.name));
    if (missing.length === 0) return;
    const wrongLevels = matchWrongLevels(note, missing);
    for (const spec of missing) {
      // The section's name as data: the status bar lists it without reading the message.
      const data = { section: spec.name };
      const near = note.sections.find((s) => s.standsFor?.section === spec.name);
      if (near) {
        const base = `Missing required section "${spec.name}" (template "${template.name}")`;
        const rename: Fix = { title: `Rename heading to "${spec.name}"`, edits: [{ range: near.titleRange, newText: spec.name }] };
        const how = near.standsFor!;
        if (how.sure) {
          report({
            range: near.titleRange,
            data,
            message:
              how.how === 'spelling'
                ? `${base}; this heading looks like it was meant to be "${spec.name}".`
                : `${base}; this heading reads as the template's "${spec.name}" — rename it?`,
            fix: rename,
          });
        } else {
          const insert = insertSectionFix(note, template, spec.name);
          report({
            range: near.titleRange,
            data,
            message: `${base}; this heading may hold what the template calls "${spec.name}" — rename it, or add the section.`,
            suggestions: [rename, ...(insert ? [insert] : [])],
          });
        }
        continue;
      }
      const level = wrongLevels.get(spec.name);
      if (level) {
        report({
          range: level.range,
          data,
          message: `Missing required section "${spec.name}" (template "${template.name}"); it is written as a level-${level.depth} heading, and sections use "##".`,
          fix: { title: `Make "${spec.name}" a "##" section heading`, edits: [{ range: level.marker, newText: '##' }] },
        });
        continue;
      }
      const fix = insertSectionFix(note, template, spec.name);
      report({
        range: anchorRange(note, fix ? fix.edits[0]!.range.start : note.text.length),
        data,
        message: `Missing required section "${spec.name}" (template "${template.name}").`,
        ...(fix ? { fix } : {}),
      });
    }
  },
});

interface WrongLevel {
  depth: number;
  /** The heading line. */
  range: Range;
  /** The `#` run to replace. */
  marker: Range;
}

/**
 * Top-level ATX headings of another level whose text is exactly a missing
 * section's name or alias. `###` headings inside Medication meaning are
 * medication entries and are left alone.
 */
function matchWrongLevels(note: Note, missing: ResolvedSection[]): Map<string, WrongLevel> {
  const out = new Map<string, WrongLevel>();
  const byKey = new Map<string, string>();
  for (const m of missing) for (const n of [m.name, ...m.aliases]) byKey.set(normalizeSectionKey(n), m.name);
  const medicationBodies = note.sections.filter((s) => sectionRole(s) === 'Medication meaning').map((s) => s.bodyRange);
  for (const node of note.tree.children) {
    if (node.type !== 'heading' || node.depth === 2) continue;
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) continue;
    if (node.depth >= 3 && medicationBodies.some((b) => start >= b.start && start < b.end)) continue;
    const target = byKey.get(normalizeSectionKey(toString(node)));
    if (!target || out.has(target)) continue;
    const m = /^( {0,3})(#{1,6})(?=[ \t]|$)/.exec(note.text.slice(start, end));
    if (!m) continue; // a setext heading: no `#` marker to change
    const markerStart = start + m[1]!.length;
    out.set(target, {
      depth: node.depth,
      range: { start, end: note.lines.lineContentEnd(note.lines.lineAt(start)) },
      marker: { start: markerStart, end: markerStart + m[2]!.length },
    });
  }
  return out;
}

/**
 * Where a missing section goes: among the template sections already in the
 * template's order (the run `section-order` keeps), before the first that the
 * template puts after it, else after the last that it puts before it, else at
 * the end. Headings read as a section (`## HPI` for Story) count as that section.
 */
export function insertSectionFix(note: Note, template: ResolvedTemplate, name: string): Fix | undefined {
  const rank = new Map(template.sections.map((s, i) => [s.name, i]));
  const mine = rank.get(name) ?? template.sections.length;
  const placed: { section: Section; rank: number }[] = [];
  const seen = new Set<string>();
  for (const s of note.sections) {
    const role = sectionRole(s);
    const r = role === undefined ? undefined : rank.get(role);
    if (r === undefined || seen.has(role!)) continue;
    seen.add(role!);
    placed.push({ section: s, rank: r });
  }
  const keep = longestIncreasing(placed.map((p) => p.rank));
  const kept = placed.filter((_, i) => keep.has(i));
  const before = kept.find((k) => k.rank > mine)?.section;
  const after = before ? undefined : [...kept].reverse().find((k) => k.rank < mine)?.section;
  const next = before ?? (after ? note.sections.find((s) => s.headingRange.start >= after.bodyRange.end) : undefined);
  const eol = note.lines.eol;
  const heading = `## ${name}${eol}${eol}`;
  if (next) {
    return { title: `Insert section "${name}"`, edits: [{ range: { start: next.headingRange.start, end: next.headingRange.start }, newText: heading }] };
  }
  // Append at the end, separated from what precedes by one blank line.
  const text = note.text;
  const end = text.length;
  const trailing = /(?:\r\n|\r|\n)*$/.exec(text)![0];
  const breaks = trailing.match(/\r\n|\r|\n/g)?.length ?? 0;
  const onlyBom = end === 1 && text.charCodeAt(0) === 0xfeff;
  const lead = end === 0 || onlyBom ? '' : breaks === 0 ? eol + eol : breaks === 1 ? eol : '';
  const newText = `${lead}## ${name}${eol}`;
  // An unclosed code fence or HTML block at the end would swallow the heading, and
  // fix-all would append it again on every pass: offer no fix then.
  if (!appendedHeadingSurvives(note, newText)) return undefined;
  return {
    title: `Insert section "${name}"`,
    edits: [{ range: { start: end, end }, newText }],
  };
}

/**
 * Whether text appended at the end is read as a new top-level block. The
 * appended heading always follows a blank line, which closes every block but
 * code and HTML; only when the last top-level block ends in one of those is it
 * parsed again, with the appended text, once per note and appended text (a
 * note missing five sections with a 100,000-item list at its end was parsed
 * again five times).
 */
function appendedHeadingSurvives(note: Note, appended: string): boolean {
  const last = note.tree.children[note.tree.children.length - 1];
  if (!last || last.type === 'yaml' || last.type === 'heading' || !mayStayOpen(last)) return true;
  let memo = survives.get(note);
  if (!memo) survives.set(note, (memo = new Map()));
  let answer = memo.get(appended);
  if (answer === undefined) {
    const start = last.position?.start.offset ?? 0;
    const tree = parseFragment(note.text.slice(start) + appended);
    const tail = tree.children[tree.children.length - 1];
    answer = tail?.type === 'heading' && tail.depth === 2;
    memo.set(appended, answer);
  }
  return answer;
}

const survives = new WeakMap<Note, Map<string, boolean>>();
const CONTAINERS = new Set(['list', 'listItem', 'blockquote', 'footnoteDefinition']);

/** Whether the block ends in code or HTML (looking into its last children), or was read as plain text. */
function mayStayOpen(block: Nodes): boolean {
  for (let node: Nodes | undefined = block; node; ) {
    if (node.type === 'code' || node.type === 'html' || node.data?.visitnotesLiteral) return true;
    if (!CONTAINERS.has(node.type) || !('children' in node)) return false;
    node = node.children[node.children.length - 1] as Nodes | undefined;
  }
  return false;
}

/**
 * Where the finding stands, on one line: the heading the missing section goes
 * before; when it goes at the end, the last section's heading; in a note with
 * no sections, the first line (the front matter's opening fence).
 */
function anchorRange(note: Note, insertAt: number): Range {
  const before = note.sections.find((s) => s.headingRange.start === insertAt);
  const last = note.sections[note.sections.length - 1];
  const start = before ? before.headingRange.start : last ? last.headingRange.start : note.frontMatter ? note.frontMatter.range.start : 0;
  return { start, end: note.lines.lineContentEnd(note.lines.lineAt(start)) };
}
