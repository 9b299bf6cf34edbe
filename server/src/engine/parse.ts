/**
 * Parse once: remark (CommonMark + GFM + YAML front matter) → mdast → Note model.
 * Rules never parse; they read the model this module builds.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import { toString } from 'mdast-util-to-string';
import type { Heading, List, ListItem, Nodes, Root, RootContent } from 'mdast';
import { buildFrontMatter } from './model/front-matter.ts';
import { LineIndex, type Range } from './model/text.ts';
import {
  CANONICAL_SECTIONS,
  normalizeSectionKey,
  type Directive,
  type Goal,
  type GoalReference,
  type Medication,
  type MedicationField,
  type Note,
  type Section,
} from './model/note.ts';

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm);

export interface ParseOptions {
  /**
   * Maps a normalised heading key to the template section it stands for
   * (aliases included). Defaults to the five canonical sections.
   */
  resolveSection?: (key: string) => string | undefined;
}

const defaultSectionMap = new Map<string, string>(CANONICAL_SECTIONS.map((s) => [normalizeSectionKey(s), s]));
const defaultResolve = (key: string) => defaultSectionMap.get(key);

/** `[G1]`…`[G999]`, not preceded by a backslash escape. */
export const GOAL_TOKEN = /(?<!\\)\[G([1-9]\d{0,2})\]/g;
const GOAL_AT_START = /^\s*(?:\*\*|__)?\[G([1-9]\d{0,2})\](?:\*\*|__)?/;
const FIELD_AT_START = /^(\s*(?:\*\*|__)?)([A-Za-z][A-Za-z -]{0,30}?)(\s*(?:\*\*|__)?\s*:\s*(?:\*\*|__)?\s*)/;
const DIRECTIVE = /<!--\s*visitnotes-(disable-next-line|disable|enable)\b([\s\S]*?)-->/g;
const WORD = /\p{L}[\p{L}\p{N}'’-]*/gu;

export function parseNote(text: string, options: ParseOptions = {}): Note {
  const resolveSection = options.resolveSection ?? defaultResolve;
  const tree = parseTree(text);
  const lines = new LineIndex(text);
  const off = (n: { position?: { start: { offset?: number }; end: { offset?: number } } }): Range => ({
    start: n.position?.start.offset ?? 0,
    end: n.position?.end.offset ?? 0,
  });

  let frontMatter: Note['frontMatter'];
  const first = tree.children[0];
  if (first?.type === 'yaml') frontMatter = buildFrontMatter(text, off(first), first.value);

  // Sections: top-level `##` headings; a `#` heading also closes the previous section.
  const sections: Section[] = [];
  const sectionBlocks: RootContent[][] = [];
  let current: RootContent[] | undefined;
  let preambleEnd = text.length;
  for (const node of tree.children) {
    if (node.type === 'heading' && node.depth <= 2) {
      if (current) closeSection(node);
      if (sections.length === 0) preambleEnd = Math.min(preambleEnd, off(node).start);
      if (node.depth === 2) {
        sections.push(makeSection(node));
        current = [];
        sectionBlocks.push(current);
      } else current = undefined;
      continue;
    }
    current?.push(node);
  }
  if (current) closeSection(undefined);
  if (sections.length === 0) preambleEnd = text.length;

  function makeSection(h: Heading): Section {
    const headingRange = off(h);
    const title = toString(h);
    const titleRange = headingTitleRange(text, headingRange);
    const key = normalizeSectionKey(title);
    return {
      title,
      key,
      canonical: resolveSection(key),
      headingRange,
      titleRange,
      bodyRange: { start: headingRange.end, end: text.length },
      text: '',
      wordCount: 0,
    };
  }
  function closeSection(next: RootContent | undefined) {
    const s = sections[sections.length - 1]!;
    if (next) s.bodyRange = { start: s.bodyRange.start, end: off(next).start };
  }
  sections.forEach((s, i) => {
    const blocks = sectionBlocks[i] ?? [];
    s.text = blocks
      .filter((b) => b.type !== 'html')
      .map((b) => toString(b))
      .join('\n')
      .trim();
    s.wordCount = s.text.match(WORD)?.length ?? 0;
  });

  // Goals: list items in the Goals section.
  const goals: Goal[] = [];
  const unidentifiedGoals: Note['unidentifiedGoals'] = [];
  const definitionTokens = new Set<number>();
  sections.forEach((s, i) => {
    if (s.canonical !== 'Goals') return;
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
        const textStart = skipSpaces(text, content + m[0].length);
        goals.push({
          id: `G${m[1]}`,
          text: collapse(text.slice(textStart, trimEnd(text, range.end))),
          range,
          idRange,
          textRange: { start: textStart, end: trimEnd(text, range.end) },
        });
      }
    }
  });

  // Medications: `###` headings inside Medication meaning, fields as `- Name: value`.
  const medications: Medication[] = [];
  sections.forEach((s, i) => {
    if (s.canonical !== 'Medication meaning') return;
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
        if (!field) continue;
        med.fields.push(field);
        if (field.key === 'change' && med.change === undefined) {
          med.change = field.value.trim().split(/[\s,;.(]/)[0]?.toLowerCase() ?? '';
        }
      }
    }
  });

  // Goal references: every `[Gn]` in prose that is not a goal's own definition.
  const goalReferences: GoalReference[] = [];
  const directives: Directive[] = [];
  visit(tree, (node) => {
    if (node.type === 'text') {
      const r = off(node);
      const source = text.slice(r.start, r.end);
      for (const m of source.matchAll(GOAL_TOKEN)) {
        const start = r.start + m.index!;
        if (definitionTokens.has(start)) continue;
        const medIndex = medications.findIndex((md) => start >= md.range.start && start < md.range.end);
        const med = medications[medIndex];
        const field = med?.fields.find((f) => start >= f.range.start && start < f.range.end);
        const sec = sections.find((sc) => start >= sc.bodyRange.start && start < sc.bodyRange.end);
        goalReferences.push({
          id: `G${m[1]}`,
          range: { start, end: start + m[0].length },
          medication: medIndex >= 0 ? medIndex : undefined,
          field: field?.key,
          section: sec?.canonical,
        });
      }
    } else if (node.type === 'html') {
      const r = off(node);
      const source = text.slice(r.start, r.end);
      for (const m of source.matchAll(DIRECTIVE)) {
        const start = r.start + m.index!;
        directives.push({
          kind: m[1] as Directive['kind'],
          rules: m[2]!
            .split(/[\s,]+/)
            .map((x) => x.trim())
            .filter(Boolean),
          range: { start, end: start + m[0].length },
          line: lines.lineAt(start),
        });
      }
    }
  });

  const preambleStart = frontMatter ? frontMatter.range.end : 0;
  return {
    text,
    lines,
    tree,
    frontMatter,
    sections,
    goals,
    unidentifiedGoals,
    goalReferences,
    medications,
    directives,
    preambleRange: { start: Math.min(preambleStart, preambleEnd), end: preambleEnd },
  };
}

/**
 * micromark drops a leading BOM and counts offsets from after it; shift the tree
 * back so every offset indexes the text we were given.
 */
function parseTree(text: string): Root {
  if (text.charCodeAt(0) !== 0xfeff) return processor.parse(text) as Root;
  const tree = processor.parse(text.slice(1)) as Root;
  visit(tree, (n) => {
    const p = n.position;
    if (!p) return;
    if (p.start.offset !== undefined) p.start.offset += 1;
    if (p.end.offset !== undefined) p.end.offset += 1;
    if (p.start.line === 1) p.start.column += 1;
    if (p.end.line === 1) p.end.column += 1;
  });
  return tree;
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
function headingTitleRange(text: string, r: Range): Range {
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

function visit(node: Nodes, fn: (n: Nodes) => void): void {
  fn(node);
  if ('children' in node) for (const child of node.children) visit(child as Nodes, fn);
}
