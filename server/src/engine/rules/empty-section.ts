/**
 * empty-section: a section is present but has (almost) nothing in it.
 *
 * - Template sections: fewer words than the template's `minWords` (default 1),
 *   counting every occurrence of the section together (a repeat is
 *   duplicate-section's business, not a second emptiness finding). Comments do
 *   not count as content.
 * - Other `##` sections (not in the note's template): reported only when they
 *   have no words at all, with a quick fix that removes the empty heading.
 *   Option `otherSections: false` turns this part off.
 * - Countertransference is left to `countertransference-reflection`, which also
 *   recognises formulaic entries ("none", "n/a"): declared in `defersTo`, so the
 *   host drops this rule's Countertransference finding while that rule is on in
 *   config, and one empty reflection is never reported twice.
 */
import { defineRule, type Fix } from './types.ts';
import { sectionRole, type Note, type Section } from '../model/note.ts';

export default defineRule({
  id: 'empty-section',
  description: 'A section has no content (or fewer words than its template asks for).',
  defaultSeverity: 'warning',
  defaultOptions: { otherSections: true },
  optionsSchema: {
    type: 'object',
    properties: {
      otherSections: {
        type: 'boolean',
        description: 'Also report completely empty sections that are not part of the template.',
      },
    },
  },
  fixable: false,
  defersTo: [{ rule: 'countertransference-reflection', when: { section: 'Countertransference' } }],
  check({ note, template, options, report }) {
    const done = new Set<string>();
    for (const s of note.sections) {
      const role = sectionRole(s);
      const spec = role === undefined ? undefined : template.sections.find((t) => t.name === role);
      if (spec) {
        if (done.has(spec.name)) continue;
        done.add(spec.name);
        const words = note.sections.filter((x) => sectionRole(x) === spec.name).reduce((n, x) => n + x.wordCount, 0);
        const min = Math.max(1, spec.minWords);
        if (words >= min) continue;
        report({
          range: s.headingRange,
          data: { section: spec.name },
          message:
            words === 0
              ? `Section "${spec.name}" is empty${min > 1 ? ` (template "${template.name}" asks for at least ${min} words)` : ''}.`
              : `Section "${spec.name}" has ${words} word${words === 1 ? '' : 's'}; template "${template.name}" asks for at least ${min}.`,
        });
        continue;
      }
      if (options.otherSections === false || s.wordCount > 0) continue;
      const remove = removeFix(note, s);
      report({
        range: s.headingRange,
        message: 'This section is empty.',
        ...(remove ? { suggestions: [remove] } : {}),
      });
    }
  },
});

/** Removes an empty heading, only when its body is blank (a comment there could be a directive). */
function removeFix(note: Note, s: Section): Fix | undefined {
  const text = note.text;
  if (text.slice(s.bodyRange.start, s.bodyRange.end).trim() !== '') return undefined;
  let from = s.headingRange.start;
  const to = s.bodyRange.end;
  let newText = '';
  if (to === text.length) {
    while (from > 0 && /\s/.test(text[from - 1]!)) from--;
    if (from > 0 && /(?:\r\n|\r|\n)$/.test(text)) newText = note.lines.eol;
  }
  return { title: 'Remove the empty heading', edits: [{ range: { start: from, end: to }, newText }] };
}
