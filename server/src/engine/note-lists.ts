/**
 * The note's lists that carry meaning: goals (list items of the Goals section,
 * `- [G1] text`) and medications (`###` headings in Medication meaning with
 * `- Name: value` fields). Read from the blocks of each section, which
 * parse.ts has grouped; the ranges point into the note's text.
 */
import { toString } from 'mdast-util-to-string';
import type { List, ListItem, RootContent } from 'mdast';
import type { Range } from './model/text.ts';
import { changeOfValue } from './model/change-words.ts';
import { resolveFieldNames } from './model/fields.ts';
import { sectionRole, type Goal, type Medication, type MedicationField, type Note, type Section } from './model/note.ts';

const GOAL_AT_START = /^\s*(?:\*\*|__)?\[G([1-9]\d{0,2})\](?:\*\*|__)?/;
const FIELD_AT_START = /^(\s*(?:\*\*|__)?)([A-Za-z][A-Za-z -]{0,30}?)(\s*(?:\*\*|__)?\s*:\s*(?:\*\*|__)?\s*)/;

const off = (n: { position?: { start: { offset?: number }; end: { offset?: number } } }): Range => ({
  start: n.position?.start.offset ?? 0,
  end: n.position?.end.offset ?? 0,
});

export interface NoteGoals {
  goals: Goal[];
  unidentifiedGoals: Note['unidentifiedGoals'];
  /** Where each goal's own `[Gn]` starts: not a reference to it. */
  definitionTokens: Set<number>;
}

export function readGoals(text: string, sections: readonly Section[], sectionBlocks: readonly RootContent[][]): NoteGoals {
  const goals: Goal[] = [];
  const unidentifiedGoals: Note['unidentifiedGoals'] = [];
  const definitionTokens = new Set<number>();
  sections.forEach((s, i) => {
    if (sectionRole(s) !== 'Goals') return;
    for (const block of sectionBlocks[i] ?? []) {
      if (block.type !== 'list') continue;
      for (const item of (block as List).children) {
        const range = off(item);
        const content = contentStart(text, item);
        const source = text.slice(content, range.end);
        const m = GOAL_AT_START.exec(source);
        if (!m) {
          unidentifiedGoals.push({ range, text: toString(item).trim() });
          continue;
        }
        const idStart = content + m[0].indexOf('[');
        const idRange = { start: idStart, end: idStart + m[1]!.length + 3 };
        definitionTokens.add(idStart);
        const textStart = Math.min(skipSpaces(text, content + m[0].length), range.end);
        // A goal with no text (`- [G6] `): an empty range after the ID, never one that ends before it starts.
        const textEnd = Math.max(textStart, trimEnd(text, range.end));
        goals.push({
          id: `G${m[1]}`,
          text: collapse(text.slice(textStart, textEnd)),
          range,
          idRange,
          textRange: { start: textStart, end: textEnd },
        });
      }
    }
  });
  return { goals, unidentifiedGoals, definitionTokens };
}

export function readMedications(text: string, sections: readonly Section[], sectionBlocks: readonly RootContent[][]): Medication[] {
  const medications: Medication[] = [];
  sections.forEach((s, i) => {
    if (sectionRole(s) !== 'Medication meaning') return;
    let med: Medication | undefined;
    for (const block of sectionBlocks[i] ?? []) {
      if (block.type === 'heading' && block.depth === 3) {
        const headingRange = off(block);
        med = {
          title: toString(block).trim(),
          headingRange,
          titleRange: headingTitleRange(text, headingRange),
          range: { start: headingRange.start, end: headingRange.end },
          fields: [],
          change: undefined,
        };
        medications.push(med);
        continue;
      }
      if (!med) continue;
      if (block.type === 'heading' && block.depth < 3) {
        med = undefined;
        continue;
      }
      med.range = { start: med.range.start, end: off(block).end };
      if (block.type !== 'list') continue;
      for (const item of (block as List).children) {
        const field = readField(text, item);
        if (field) med.fields.push(field);
      }
    }
  });
  for (const med of medications) {
    resolveFieldNames(med.fields);
    const change = med.fields.find((f) => f.meant === 'change');
    if (change) med.change = changeOfValue(change.value) ?? change.value.trim().split(/[\s,;.(]/)[0]?.toLowerCase() ?? '';
  }
  return medications;
}

function readField(text: string, item: ListItem): MedicationField | undefined {
  const start = contentStart(text, item);
  const end = trimEnd(text, item.position?.end.offset ?? start);
  const source = text.slice(start, end);
  const m = FIELD_AT_START.exec(source);
  if (!m) return undefined;
  const nameStart = start + m[1]!.length;
  const name = m[2]!.trim();
  const valueStart = start + m[0].length;
  return {
    name,
    key: name.toLowerCase(),
    meant: undefined,
    nameRange: { start: nameStart, end: nameStart + name.length },
    value: collapse(text.slice(valueStart, end)),
    valueRange: { start: valueStart, end: Math.max(valueStart, end) },
    range: { start: item.position?.start.offset ?? start, end },
  };
}

/** Offset of a list item's first content character (after `- ` / `1. ` and a task box). */
function contentStart(text: string, item: ListItem): number {
  const child = item.children[0];
  if (child?.position?.start.offset !== undefined) return child.position.start.offset;
  const start = item.position?.start.offset ?? 0;
  const m = /^\s*(?:[-*+]|\d+[.)])\s*/.exec(text.slice(start, start + 12));
  return start + (m ? m[0].length : 0);
}

/** Range of a heading's text, without the `##` marker and closing hashes. */
export function headingTitleRange(text: string, r: Range): Range {
  const line = text.slice(r.start, r.end);
  const m = /^(\s*#+\s*)(.*?)(\s+#+\s*|\s*)$/.exec(line);
  if (!m) return r;
  const start = r.start + m[1]!.length;
  return { start, end: start + m[2]!.length };
}

function skipSpaces(text: string, i: number): number {
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return i;
}
function trimEnd(text: string, end: number): number {
  while (end > 0 && /\s/.test(text[end - 1]!)) end--;
  return end;
}
function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
