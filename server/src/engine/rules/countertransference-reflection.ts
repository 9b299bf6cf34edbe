/**
 * countertransference-reflection: the Countertransference section is present but
 * empty, says only something formulaic ("None.", "N/A", "Deferred", "-",
 * "Nothing to add."), or describes only the patient ("No issues. Good rapport,
 * pt pleasant and engaged."): reflection is the clinician's own reactions
 * (reading/self-report.ts reads whose they are).
 *
 * Formulaic means: once the phrases of the `formulaic` vocabulary and a few filler
 * words ("today", "at this time", "noted", "this visit") are taken away, no word is
 * left. Any sentence of its own ("Nothing stood out; I felt at ease with her.")
 * keeps the rule quiet. A missing section is `required-section`'s finding, not this
 * rule's. `empty-section` leaves Countertransference to this rule (while it is on),
 * so this rule also applies a template's `minWords` for the section. Repeated
 * Countertransference headings count together, as in `empty-section`: one with
 * real content is enough.
 */
import type { RootContent } from 'mdast';
import { defineRule } from './types.ts';
import { sectionRole, type Note, type Section } from '../model/note.ts';
import type { Range } from '../model/text.ts';
import { tokenize, type TermList } from '../vocabulary/index.ts';
import { regionText } from '../vocabulary/note-text.ts';
import { speaksForSelf } from '../reading/self-report.ts';
import { relationshipNames } from '../reading/relationships.ts';

/** Words that add nothing to a formulaic entry ("None noted at this time."). */
const FILLER = new Set(
  (
    'today now currently current at this that time visit visits session sessions appointment noted identified observed ' +
    'reported recorded significant notable particular specific special the a an to for of in on next per as and or ' +
    'countertransference ct transference reaction reactions response responses issue issues concern concerns feeling ' +
    'feelings until further yet so far from me my clinician provider prescriber writer will be is was were are all any ' +
    'really particularly much no not n x i have had has i\'m i\'ve further else'
  ).split(/\s+/),
);

export default defineRule({
  id: 'countertransference-reflection',
  description: 'The Countertransference section is empty, formulaic ("None.", "N/A", "deferred") or describes only the patient, not the clinician’s own reactions.',
  defaultSeverity: 'warning',
  defaultOptions: {},
  optionsSchema: { type: 'object', properties: {}, additionalProperties: false },
  fixable: false,
  check({ note, template, vocabulary, report }) {
    const sections = note.sections.filter((s) => sectionRole(s) === 'Countertransference');
    const first = sections[0];
    if (!first) return;
    const written = sections.filter((s) => s.text.trim() !== '');
    const name = first.title.trim() || 'Countertransference';
    const blocks = sections.flatMap((s) => contentBlocks(note, s));
    const at = blocks[0] ? firstLineOf(note, blocks[0]) : first.headingRange;
    if (written.length === 0) {
      report({ range: at, message: `${name} is empty. A line on what you noticed in yourself during the visit is enough.` });
      return;
    }
    if (written.every((s) => isFormulaic(s.text, vocabulary.formulaic))) {
      const block = contentBlocks(note, written[0]!)[0];
      report({
        range: block ? firstLineOf(note, block) : written[0]!.headingRange,
        message: `${name} holds only a placeholder. What did you notice in yourself during this visit, even briefly?`,
      });
      return;
    }
    // Written, but only about the patient: "Good rapport, pt pleasant and engaged."
    const names = relationshipNames(note);
    if (!written.some((s) => speaksForSelf(regionText(note, s.bodyRange).text, { names }))) {
      const block = contentBlocks(note, written[0]!)[0];
      report({
        range: block ? firstLineOf(note, block) : written[0]!.headingRange,
        message: `${name} describes the patient, not your own reactions. What did you notice in yourself during this visit, even briefly?`,
      });
      return;
    }
    // empty-section defers to this rule for Countertransference, so honour the template's minimum here.
    const min = template.sections.find((t) => t.name === 'Countertransference')?.minWords ?? 1;
    const words = sections.reduce((n, s) => n + s.wordCount, 0);
    if (min > 1 && words < min) {
      report({
        range: first.headingRange,
        message: `${name} has ${words} word${words === 1 ? '' : 's'}; template "${template.name}" asks for at least ${min}.`,
      });
    }
  },
});

/** True when nothing but formulaic phrases, filler words and punctuation remains. */
export function isFormulaic(text: string, formulaic: TermList): boolean {
  const tokens = tokenize(text);
  if (tokens.length === 0) return true; // "—", "-", "...", "?"
  const covered = formulaic.covered(tokens);
  return tokens.every((t, i) => covered[i] || FILLER.has(t.norm) || FILLER.has(t.key));
}

/** The section's blocks (HTML comments aside), from the tree. */
function contentBlocks(note: Note, section: Section): RootContent[] {
  return note.tree.children.filter((n) => {
    const s = n.position?.start.offset;
    return s !== undefined && s >= section.bodyRange.start && s < section.bodyRange.end && n.type !== 'html';
  });
}

function firstLineOf(note: Note, node: RootContent): Range {
  const start = node.position!.start.offset!;
  const end = node.position!.end.offset ?? start;
  const line = note.lines.lineAt(start);
  let stop = Math.min(end, note.lines.lineContentEnd(line));
  while (stop > start && /\s/.test(note.text[stop - 1]!)) stop--;
  return { start, end: stop };
}
