/**
 * goal-id: every item of the Goals list carries a `[G<n>]` ID, and no ID is
 * defined twice. IDs are what a medication's Rationale links to, and what
 * follows a goal from one visit to the next.
 *
 * - An item without an ID gets a fix that inserts `[Gn] ` at the start of its
 *   text, with a number no goal or reference in this note (or, when the caller
 *   has the patient's earlier visits, any earlier visit) uses yet, so a
 *   reference that is waiting for its definition is never silently bound to
 *   the wrong goal.
 * - An ID written in a near-miss form (`G1:`, `(G1)`, `[g1]`, `[G 1]`,
 *   `Goal 1:`, `*[G1]*`) is rewritten to `[G1]`, keeping the number when it
 *   is free.
 * - An empty bullet gets no fix (only a suggestion to remove it).
 * - A second definition of an ID is reported at the second one, with the first
 *   as related location; renumbering is a suggestion, since references to the
 *   ID may mean either goal.
 */
import { defineRule, type Fix } from './types.ts';
import type { Note } from '../model/note.ts';
import type { Range } from '../model/text.ts';
import type { VisitHistory } from '../visits/summary.ts';

const MAX_GOAL = 999;
/** List marker and an optional task box, before an item's text. */
const ITEM_PREFIX = /^[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+(?:\[[ xX]\][ \t]+)?|(?=\r?\n|$))/;
/** An ID written almost right at the start of an item's text. */
const NEAR_MISS_ID = new RegExp(
  [
    String.raw`^(?:\*\*?|__?)?`,
    '(?:',
    String.raw`[\[({]\s*[Gg]\s*[-#]?\s*(\d{1,4})\s*[\])}]\s*[:.\-–—]?`, // [g1] [G 1] (G1) {G1} [G01] [G1000]
    '|',
    String.raw`G-?(\d{1,4})(?:\s*[:.)\-–—]|(?=\s))`, // G1: G1. G1) G1 -
    '|',
    String.raw`[Gg]oal\s*#?\s*(\d{1,4})\s*[:.)\-–—]`, // Goal 1:
    ')',
    String.raw`(?:\*\*?|__?)?[ \t]*`,
  ].join(''),
);

export default defineRule({
  id: 'goal-id',
  description: 'A Goals list item has no [G<n>] ID, or a goal ID is defined twice.',
  defaultSeverity: 'error',
  defaultOptions: {},
  fixable: true,
  check({ note, history, report }) {
    const used = usedGoalNumbers(note, history);
    const claimed = new Set<number>(note.goals.map((g) => goalNumber(g.id)));

    // Items without an ID: first honour numbers written in near-miss IDs, then hand out fresh ones.
    const items = note.unidentifiedGoals.map((u) => {
      const start = contentStart(note, u.range);
      const end = firstLineEnd(note, start, u.range.end);
      const near = NEAR_MISS_ID.exec(note.text.slice(start, end));
      const written = near ? Number(near[1] ?? near[2] ?? near[3]) : undefined;
      return { start, end, near, written, range: u.range };
    });
    const numberFor = new Map<number, number | undefined>();
    items.forEach((item, i) => {
      const n = item.written;
      if (n !== undefined && n >= 1 && n <= MAX_GOAL && !claimed.has(n)) {
        claimed.add(n);
        numberFor.set(i, n);
      }
    });
    let next = [...used, ...claimed].reduce((a, b) => Math.max(a, b), 0) + 1;
    items.forEach((item, i) => {
      const textEmpty = item.start >= item.end;
      if (numberFor.has(i) || textEmpty) return;
      numberFor.set(i, next <= MAX_GOAL ? next++ : undefined);
    });

    items.forEach((item, i) => {
      if (item.start >= item.end) {
        const marker = firstLineEnd(note, item.range.start, item.range.end);
        report({
          range: { start: item.range.start, end: Math.max(marker, item.range.start + 1) },
          message: 'Empty item in Goals: write a goal after an ID such as [G1], or remove the bullet.',
          suggestions: [removeLineFix(note, item.range)],
        });
        return;
      }
      const n = numberFor.get(i);
      const id = n === undefined ? undefined : `G${n}`;
      if (item.near) {
        const nearText = item.near[0].trim();
        const replaced: Range = { start: item.start, end: item.start + item.near[0].length };
        report({
          range: { start: item.start, end: item.start + nearText.length },
          message: id
            ? `"${nearText}" is not a goal ID of the form [G<n>] (n from 1 to 999), so nothing can link to it; write it as [${id}].`
            : `"${nearText}" is not a goal ID of the form [G<n>] (n from 1 to 999), so nothing can link to it.`,
          ...(id ? { fix: { title: `Write the goal ID as [${id}]`, edits: [{ range: replaced, newText: `[${id}] ` }] } } : {}),
        });
        return;
      }
      report({
        range: { start: item.start, end: item.end },
        message: id
          ? `Goal has no ID, so no medication can link to it; start it with [${id}].`
          : 'Goal has no ID, so no medication can link to it; start it with [G<n>].',
        ...(id ? { fix: { title: `Add goal ID [${id}]`, edits: [{ range: { start: item.start, end: item.start }, newText: `[${id}] ` }] } } : {}),
      });
    });

    // IDs defined twice.
    const first = new Map<string, (typeof note.goals)[number]>();
    let fresh = next;
    for (const g of note.goals) {
      const earlier = first.get(g.id);
      if (!earlier) {
        first.set(g.id, g);
        continue;
      }
      const line = note.lines.toLineColumn(earlier.idRange.start).line;
      const renumber = fresh <= MAX_GOAL ? `G${fresh++}` : undefined;
      report({
        range: g.idRange,
        message: `Goal ${g.id} is defined twice (first on line ${line}); references to ${g.id} cannot tell the two apart.`,
        related: [{ range: earlier.idRange, message: `${g.id} first defined here` }],
        ...(renumber
          ? { suggestions: [{ title: `Renumber this goal to ${renumber}`, edits: [{ range: g.idRange, newText: `[${renumber}]` }] }] }
          : {}),
      });
    }
  },
});

function goalNumber(id: string): number {
  return Number(id.slice(1));
}

/** Every goal number this note (and the patient's earlier visits, when known) already uses. */
function usedGoalNumbers(note: Note, history: VisitHistory | undefined): number[] {
  const out: number[] = [];
  for (const g of note.goals) out.push(goalNumber(g.id));
  for (const r of note.goalReferences) out.push(goalNumber(r.id));
  for (const v of history?.previous ?? []) for (const g of v.goals) out.push(goalNumber(g.id));
  return out.filter((n) => Number.isFinite(n));
}

/** First character of a list item's text (after the marker and a task box). */
function contentStart(note: Note, item: Range): number {
  const m = ITEM_PREFIX.exec(note.text.slice(item.start, item.end));
  return item.start + (m ? m[0].length : 0);
}

/** End of the line `start` is on, within the item, trailing spaces trimmed. */
function firstLineEnd(note: Note, start: number, itemEnd: number): number {
  let end = Math.min(itemEnd, note.lines.lineContentEnd(note.lines.lineAt(start)));
  while (end > start && /\s/.test(note.text[end - 1]!)) end--;
  return end;
}

/** Removes the whole line(s) of an empty item, line break included. */
function removeLineFix(note: Note, item: Range): Fix {
  const startLine = note.lines.lineAt(item.start);
  const endLine = note.lines.lineAt(item.end);
  const start = note.lines.lineStart(startLine);
  const end = endLine + 1 < note.lines.lineCount ? note.lines.lineStart(endLine + 1) : note.lines.lineContentEnd(endLine);
  return { title: 'Remove the empty item', edits: [{ range: { start, end }, newText: '' }] };
}
