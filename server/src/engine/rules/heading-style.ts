/**
 * heading-style: a section heading that names a template section but is
 * written differently from the template's name ("## story", "## Goals:",
 * "## Medication  meaning", "## STORY:"). A house-style preference, not a
 * problem in the note — every rule already reads such a heading as the
 * section — so it is off in the `recommended` preset and on in `strict` and
 * `training`, where programs want uniform notes.
 *
 * The fix rewrites the heading text to the template's name, keeping inline
 * markup around the words ("**goals**" → "**Goals**"). Headings that match
 * through an alias ("## Narrative") are the template's own choice and are left
 * alone.
 *
 * A heading read as an optional template section it does not name
 * ("## Past psychiatric history" for the intake template's Treatment
 * history) is suggested the template's name too — a fix when the reading is
 * sure. For a required section that is `required-section`'s finding.
 */
import { defineRule } from './types.ts';
import { normalizeSectionKey } from '../model/note.ts';

export default defineRule({
  id: 'heading-style',
  description: 'A section heading is written differently from the template’s name (case, trailing punctuation, spacing).',
  defaultSeverity: 'info',
  defaultOptions: {},
  fixable: true,
  check({ note, template, report }) {
    for (const s of note.sections) {
      if (s.standsFor) {
        const spec = template.sections.find((t) => t.name === s.standsFor!.section);
        if (!spec || spec.required) continue;
        const rename = { title: `Rename heading to "${spec.name}"`, edits: [{ range: s.titleRange, newText: spec.name }] };
        report({
          range: s.titleRange,
          message: `This heading reads as the template's "${spec.name}"; the template's name keeps notes uniform.`,
          ...(s.standsFor.sure ? { fix: rename } : { suggestions: [rename] }),
        });
        continue;
      }
      const spec = template.sections.find((t) => t.name === s.canonical);
      if (!spec) continue;
      if (s.key !== normalizeSectionKey(spec.name)) continue; // matched through an alias
      if (s.title === spec.name) continue;
      const source = note.text.slice(s.titleRange.start, s.titleRange.end);
      // Keep inline markup around the words ("**story**" → "**Story**") when the
      // flattened title appears verbatim in the source; otherwise rewrite it all.
      const at = s.title.length > 0 ? source.indexOf(s.title) : -1;
      const range = at >= 0 ? { start: s.titleRange.start + at, end: s.titleRange.start + at + s.title.length } : s.titleRange;
      report({
        range: s.titleRange,
        message: `Heading "${s.title.trim()}" is written differently from the template's "${spec.name}".`,
        fix: { title: `Rename heading to "${spec.name}"`, edits: [{ range, newText: spec.name }] },
      });
    }
  },
});
