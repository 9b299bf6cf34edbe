/**
 * Parse once: remark (CommonMark + GFM + YAML front matter) → mdast → Note model.
 * Rules never parse; they read the model this module builds. The tree comes
 * from markdown.ts (or, after an edit, from incremental.ts).
 */
export { parseTree, parseFragment, unclosedFrontMatter } from './markdown.ts';
import { toString } from 'mdast-util-to-string';
import type { Heading, Root, RootContent } from 'mdast';
import { keepsBlockReadings, plainReferences, scanBlock, type BlockScan } from './block-scan.ts';
import { headingTitleRange, readGoals, readMedications } from './note-lists.ts';
import { buildFrontMatter } from './model/front-matter.ts';
import { attachIdentifiers, type IdentifierOptions, type PhiHit } from './identifiers.ts';
import { parseTree, unparsedTree } from './markdown.ts';
import { fastLineStarts } from './fast/parse.ts';
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
  const tree = parseTree(text);
  return buildNote(text, tree, options, new LineIndex(text, fastLineStarts(tree)));
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
 * neither is mutated afterwards (except by a later `reparse` with `reuse`,
 * which moves both in place and marks this model consumed).
 */
export function buildNote(
  text: string,
  tree: Root,
  options: ParseOptions = {},
  lines = new LineIndex(text),
  /** The detectors' hits in `text` (`findPhi`), when an incremental re-scan has them. */
  phi?: readonly PhiHit[],
  /**
   * The caller moved blocks of an earlier model's tree in place and is done
   * with that model (incremental.ts, `reuse`): their goal references are moved
   * too instead of made again.
   */
  movedInPlace = false,
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
  // What each top-level block holds (block-scan.ts), read once for the sections' text and the references below.
  const scans = tree.children.map((block) => scanBlock(text, block));
  const sectionScans: BlockScan[][] = [];
  let current: RootContent[] | undefined;
  let currentScans: BlockScan[] = [];
  let preambleEnd = text.length;
  // Per top-level block: the index of the section whose body holds it, else -1 (headings, preamble, after a `#`).
  const sectionOf = new Int32Array(tree.children.length).fill(-1);
  for (let i = 0; i < tree.children.length; i++) {
    const node = tree.children[i]!;
    if (node.type === 'heading' && node.depth <= 2) {
      if (current) closeSection(node);
      if (sections.length === 0) preambleEnd = Math.min(preambleEnd, off(node).start);
      if (node.depth === 2) {
        sections.push(makeSection(node));
        current = [];
        sectionBlocks.push(current);
        sectionScans.push((currentScans = []));
      } else current = undefined;
      continue;
    }
    if (current) {
      current.push(node);
      currentScans.push(scans[i]!);
      sectionOf[i] = sections.length - 1;
    }
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
    const plain = sectionText(sectionBlocks[i] ?? [], sectionScans[i] ?? []);
    s.text = plain.text;
    s.wordCount = plain.words;
  });

  // Goals (list items in the Goals section) and medications (`###` headings in Medication meaning): note-lists.ts.
  const { goals, unidentifiedGoals, definitionTokens } = readGoals(text, sections, sectionBlocks);
  const medications = readMedications(text, sections, sectionBlocks);

  // Goal references: every `[Gn]` in prose that is not a goal's own definition.
  const goalReferences: GoalReference[] = [];
  const directives: Directive[] = [];
  // Medications, their fields and section bodies are in document order and do
  // not overlap, and so are the tokens: one cursor each keeps this linear.
  const inMedication = cursor(medications, (md) => md.range);
  const inSection = cursor(sections, (sc) => sc.bodyRange);
  const sectionRoles = sections.map(sectionRole);
  let fieldsOf = -1;
  let inField = cursor<Note['medications'][number]['fields'][number]>([], (f) => f.range);
  // Scanned per top-level block (block-scan.ts), so a re-parse rescans only the blocks it re-parsed.
  for (let b = 0; b < tree.children.length; b++) {
    const block = tree.children[b]!;
    const scan = scans[b]!;
    if (scan.goalTokens.length === 0 && scan.directives.length === 0) continue;
    const base = block.position?.start.offset ?? 0;
    const role = sectionOf[b]! >= 0 ? sectionRoles[sectionOf[b]!] : undefined;
    if (role !== 'Goals' && role !== 'Medication meaning') {
      // Outside Goals and Medication meaning no token is a goal's definition or
      // stands in a medication (both are read from those sections' blocks only),
      // and every token of the block stands in the block's section: its references
      // depend on the block and that section's role alone (see plainReferences).
      for (const ref of plainReferences(block, scan.goalTokens, base, role, movedInPlace)) goalReferences.push(ref);
    } else for (const token of scan.goalTokens) {
      const start = base + token.at;
      if (definitionTokens.has(start)) continue;
      const medIndex = inMedication(start);
      const med = medications[medIndex];
      if (med && medIndex !== fieldsOf) {
        fieldsOf = medIndex;
        inField = cursor(med.fields, (f) => f.range);
      }
      const field = med ? med.fields[inField(start)] : undefined;
      const secIndex = inSection(start);
      goalReferences.push({
        id: token.id,
        range: { start, end: start + token.length },
        medication: medIndex >= 0 ? medIndex : undefined,
        field: field ? (field.meant ?? field.key) : undefined,
        section: secIndex >= 0 ? sectionRoles[secIndex] : undefined,
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
 * For offsets asked in increasing order: the index of the item whose range
 * holds the offset (start inclusive, end exclusive), or -1. Items must be
 * sorted by start and not overlap.
 */
function cursor<T>(items: readonly T[], range: (item: T) => Range): (offset: number) => number {
  let k = 0;
  return (offset) => {
    while (k < items.length && range(items[k]!).end <= offset) k++;
    const item = items[k];
    return item && range(item).start <= offset && offset < range(item).end ? k : -1;
  };
}

/**
 * A section's plain text (its blocks' text joined by '\n', trimmed; HTML
 * left out) and word count. Kept by the section's first block with the list of
 * blocks it was made from: after a keystroke elsewhere, a section made of the
 * same block nodes (kept or moved in place by incremental.ts, so the same
 * content) has the same text, and a 1.5 MB section is not joined again.
 */
function sectionText(blocks: readonly RootContent[], scans: readonly BlockScan[]): { text: string; words: number } {
  const first = blocks[0];
  if (!first) return { text: '', words: 0 };
  const keep = keepsBlockReadings();
  const hit = keep ? sectionTexts.get(first) : undefined;
  if (hit && hit.blocks.length === blocks.length && hit.blocks.every((b, i) => b === blocks[i])) return hit;
  const parts: string[] = [];
  let words = 0;
  for (let i = 0; i < blocks.length; i++) {
    if (blocks[i]!.type === 'html') continue;
    parts.push(scans[i]!.text);
    // Words never run across the '\n' joining blocks, so counts add up.
    words += scans[i]!.words;
  }
  const made = { blocks: [...blocks], text: parts.join('\n').trim(), words };
  if (keep) sectionTexts.set(first, made);
  return made;
}

const sectionTexts = new WeakMap<RootContent, { blocks: readonly RootContent[]; text: string; words: number }>();
