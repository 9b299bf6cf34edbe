/**
 * duplicate-section: a section (one that resolves to a known section name,
 * directly or through an alias) appears more than once. The second and later
 * headings are reported, each pointing at the first.
 *
 * Headings that resolve to no known section ("## Addendum") are free-form and are
 * not checked: programs use repeated free headings on purpose.
 *
 * No automatic fix: a repeated heading is sometimes a wrong name for a different
 * section. A quick fix (suggestion) merges the repeat's content into the first.
 */
import { defineRule, type Fix } from './types.ts';
import type { Note, Section } from '../model/note.ts';

export default defineRule({
  id: 'duplicate-section',
  description: 'A section appears more than once.',
  defaultSeverity: 'warning',
  defaultOptions: {},
  fixable: false,
  check({ note, report }) {
    const first = new Map<string, Section>();
    for (const s of note.sections) {
      if (s.canonical === undefined) continue;
      const earlier = first.get(s.canonical);
      if (!earlier) {
        first.set(s.canonical, s);
        continue;
      }
      const line = note.lines.lineAt(earlier.headingRange.start) + 1;
      const as = s.key === earlier.key ? '' : ` (here as "${s.title.trim()}")`;
      const merge = mergeFix(note, earlier, s);
      report({
        range: s.headingRange,
        message: `Section "${s.canonical}" is repeated${as}; it first appears at line ${line}.`,
        related: [{ range: earlier.headingRange, message: `First "${s.canonical}" section.` }],
        ...(merge ? { suggestions: [merge] } : {}),
      });
    }
  },
});

/**
 * Moves the repeat's content to the end of the first section and removes the
 * repeated heading. Nothing written is dropped.
 */
function mergeFix(note: Note, first: Section, repeat: Section): Fix | undefined {
  const text = note.text;
  const eol = note.lines.eol;
  // The repeat's body without leading blank lines and trailing whitespace.
  const body = text
    .slice(repeat.bodyRange.start, repeat.bodyRange.end)
    .replace(/^(?:[ \t]*(?:\r\n|\r|\n))+/, '')
    .replace(/\s+$/, '');
  // End of the first section's written content.
  let end = first.bodyRange.end;
  while (end > first.bodyRange.start && /\s/.test(text[end - 1]!)) end--;
  const firstIsEmpty = end === first.bodyRange.start;
  const removal = removeRange(text, repeat);
  if (end > removal.start && end <= removal.end) return undefined;
  const edits = [{ range: removal, newText: removal.end === text.length && removal.start > 0 && /(?:\r\n|\r|\n)$/.test(text) ? eol : '' }];
  if (body !== '') edits.unshift({ range: { start: end, end }, newText: `${firstIsEmpty ? eol : eol + eol}${body}` });
  return { title: `Merge into the first "${repeat.canonical}" section`, edits };
}

/** The repeat's block; at the end of the note it also takes the blank lines before it. */
function removeRange(text: string, s: Section) {
  const to = s.bodyRange.end;
  let from = s.headingRange.start;
  if (to === text.length) while (from > 0 && /\s/.test(text[from - 1]!)) from--;
  return { start: from, end: to };
}
