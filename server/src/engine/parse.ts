/**
 * Parse once: remark (CommonMark + GFM + YAML front matter) → mdast → Note model.
 * Rules never parse; they read the model this module builds. The tree comes
 * from markdown.ts (or, after an edit, from incremental.ts).
 */
export { parseTree, parseFragment, unclosedFrontMatter } from './markdown.ts';
import { toString } from 'mdast-util-to-string';
import type { Heading, Root, RootContent } from 'mdast';
import { blockText, scanBlock } from './block-scan.ts';
import { headingTitleRange, readGoals, readMedications } from './note-lists.ts';
import { buildFrontMatter } from './model/front-matter.ts';
import { attachIdentifiers, type IdentifierOptions, type PhiHit } from './identifiers.ts';
import { parseTree, unparsedTree } from './markdown.ts';
import { LineIndex, type Range } from './model/text.ts';
import {
  CANONICAL_SECTIONS,
  normalizeSectionKey,
  type Directive,
  type GoalReference,
  type Note,
  type Section,
  type SectionGuess,
  sectionRole,
} from './model/note.ts';

export interface ParseOptions {
  /**
   * Maps a normalised heading key to the template section it stands for
   * (aliases included). Defaults to the five canonical sections.
   */
  resolveSection?: (key: string) => string | undefined;
  /** Which identifiers to find and mask (the `phi` rule's options); default: all kinds. */
  identifiers?: IdentifierOptions;
  /**
   * What a heading that names none of the note's template sections probably
   * means (config/section-guess.ts), given its key, what it resolved to and
   * the note's front-matter `template`. Without it, no heading is guessed.
   */
  guessSection?: (key: string, canonical: string | undefined, template: string | undefined) => SectionGuess[];
}

const defaultSectionMap = new Map<string, string>(CANONICAL_SECTIONS.map((s) => [normalizeSectionKey(s), s]));
const defaultResolve = (key: string) => defaultSectionMap.get(key);

export { GOAL_TOKEN, countWords, shareBlockText } from './block-scan.ts';

export function parseNote(text: string, options: ParseOptions = {}): Note {
  return buildNote(text, parseTree(text), options);
}

/**
 * The model of a note that is not to be parsed (the watchdog stopped it):
 * empty, like a note over the limits, with `reason` as its `unparsedReason`.
 */
export function unparsedNote(text: string, reason: string, options: ParseOptions = {}): Note {
  return buildNote(text, unparsedTree(text, reason), options);
}

/**
 * The model of `text` from its remark tree. Separate from parsing so the
 * language server can re-parse only the blocks an edit touched (incremental.ts)
 * and still build the model the same way. The model refers to the tree's nodes;
 * neither is mutated afterwards.
 */
export function buildNote(
  text: string,
  tree: Root,
  options: ParseOptions = {},
  lines = new LineIndex(text),
  /** The detectors' hits in `text` (`findPhi`), when an incremental re-scan has them. */
  phi?: readonly PhiHit[],
): Note {
  const resolveSection = options.resolveSection ?? defaultResolve;
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
      standsFor: undefined,
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
  if (options.guessSection) guessSections(sections, options.guessSection, frontMatter);
  sections.forEach((s, i) => {
    const parts: string[] = [];
    let words = 0;
    for (const b of sectionBlocks[i] ?? []) {
      if (b.type === 'html') continue;
      const plain = blockText(b);
      parts.push(plain.text);
      // Words never run across the '\n' joining blocks, so counts add up.
      words += plain.words;
    }
    s.text = parts.join('\n').trim();
    s.wordCount = words;
  });

  // Goals (list items in the Goals section) and medications (`###` headings in Medication meaning): note-lists.ts.
  const { goals, unidentifiedGoals, definitionTokens } = readGoals(text, sections, sectionBlocks);
  const medications = readMedications(text, sections, sectionBlocks);

  // Goal references: every `[Gn]` in prose that is not a goal's own definition.
  const goalReferences: GoalReference[] = [];
  const directives: Directive[] = [];
  // Scanned per top-level block (block-scan.ts), so a re-parse rescans only the blocks it re-parsed.
  for (const block of tree.children) {
    const scan = scanBlock(text, block);
    if (scan.goalTokens.length === 0 && scan.directives.length === 0) continue;
    const base = block.position?.start.offset ?? 0;
    for (const token of scan.goalTokens) {
      const start = base + token.at;
      if (definitionTokens.has(start)) continue;
      // Medications, fields and section bodies are in document order and do not
      // overlap: binary search keeps a 20,000-line note linear.
      const medIndex = indexContaining(medications, start, (md) => md.range);
      const med = medications[medIndex];
      const field = med ? med.fields[indexContaining(med.fields, start, (f) => f.range)] : undefined;
      const sec = sections[indexContaining(sections, start, (sc) => sc.bodyRange)];
      goalReferences.push({
        id: token.id,
        range: { start, end: start + token.length },
        medication: medIndex >= 0 ? medIndex : undefined,
        field: field ? (field.meant ?? field.key) : undefined,
        section: sec ? sectionRole(sec) : undefined,
      });
    }
    for (const d of scan.directives) {
      const start = base + d.at;
      directives.push({ kind: d.kind, rules: [...d.rules], range: { start, end: start + d.length }, line: lines.lineAt(start) });
    }
  }

  const preambleStart = frontMatter ? frontMatter.range.end : 0;
  return attachIdentifiers({
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
  }, options.identifiers, phi);
}

/**
 * Reads each heading that names none of the template's sections as the section
 * it probably means, when the note lacks that section: the first such heading
 * claims it, so `## HPI` and a later `## History` do not both become the Story.
 */
function guessSections(sections: Section[], guess: NonNullable<ParseOptions['guessSection']>, frontMatter: Note['frontMatter']): void {
  const value = frontMatter?.entries.find((e) => e.key === 'template')?.value;
  const template = typeof value === 'string' ? value.trim() : undefined;
  const present = new Set<string>();
  const candidates: { s: Section; guesses: SectionGuess[] }[] = [];
  for (const s of sections) {
    const guesses = guess(s.key, s.canonical, template);
    if (guesses.length > 0) candidates.push({ s, guesses });
    else if (s.canonical !== undefined) present.add(s.canonical);
  }
  for (const { s, guesses } of candidates) {
    const g = guesses.find((x) => !present.has(x.section));
    if (!g) continue;
    s.standsFor = g;
    present.add(g.section);
  }
}

/**
 * Index of the item whose range holds `offset` (start inclusive, end exclusive),
 * or -1. Items must be sorted by start and not overlap.
 */
function indexContaining<T>(items: readonly T[], offset: number, range: (item: T) => Range): number {
  let lo = 0;
  let hi = items.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = range(items[mid]!);
    if (offset < r.start) hi = mid - 1;
    else if (offset >= r.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}
