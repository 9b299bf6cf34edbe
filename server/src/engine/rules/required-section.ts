/**
 * required-section: a section the note's template requires is absent.
 * Fix: insert the missing heading at its template position, so the note keeps
 * the template's order and the clinician only has to write the content.
 */
import { defineRule } from './types.ts';
import type { Note, Section } from '../model/note.ts';
import type { ResolvedTemplate } from '../config/types.ts';
import type { Fix } from './types.ts';

export default defineRule({
  id: 'required-section',
  description: 'A section the note’s template requires is missing.',
  defaultSeverity: 'error',
  defaultOptions: {},
  fixable: true,
  check({ note, template, report }) {
    for (const spec of template.sections) {
      if (!spec.required) continue;
      if (note.sections.some((s) => s.canonical === spec.name)) continue;
      const fix = insertSectionFix(note, template, spec.name);
      report({
        // Point at the place the section belongs, on one line.
        range: anchorRange(note, fix.edits[0]!.range.start),
        message: `Missing required section "${spec.name}" (template "${template.name}").`,
        fix,
      });
    }
  },
});

/** Where a missing section goes: before the next section that follows it in the template. */
export function insertSectionFix(note: Note, template: ResolvedTemplate, name: string): Fix {
  const order = template.sections.map((s) => s.name);
  const index = order.indexOf(name);
  const later = new Set(order.slice(index + 1));
  const next: Section | undefined = note.sections.find((s) => s.canonical !== undefined && later.has(s.canonical));
  const eol = note.lines.eol;
  const heading = `## ${name}${eol}${eol}`;
  if (next) {
    return { title: `Insert section "${name}"`, edits: [{ range: { start: next.headingRange.start, end: next.headingRange.start }, newText: heading }] };
  }
  // Append at the end, separated from what precedes by one blank line.
  const text = note.text;
  const end = text.length;
  const trailing = /(\r?\n)*$/.exec(text)![0];
  const lead = end === 0 || (note.frontMatter && note.frontMatter.range.end === end && trailing === '')
    ? (end === 0 ? '' : eol + eol)
    : trailing.length === 0 ? eol + eol : trailing === eol ? eol : '';
  return {
    title: `Insert section "${name}"`,
    edits: [{ range: { start: end, end }, newText: `${lead}## ${name}${eol}` }],
  };
}

function anchorRange(note: Note, offset: number) {
  const line = note.lines.lineAt(Math.min(offset, Math.max(0, note.text.length - 1)));
  const start = note.lines.lineStart(line);
  return { start, end: note.lines.lineContentEnd(line) };
}
