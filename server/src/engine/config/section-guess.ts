/**
 * Which template section a heading probably means when it names none of the
 * note's template sections: a near-miss spelling (`## Goal`, `## Relationship`,
 * `## Stroy`) or a heading from another note format (`## HPI`, `## Social
 * history`, `## Assessment and plan`; data/clinical-headings.json). The parser
 * reads such a heading as the section the note lacks (`Section.standsFor`), so
 * goals under `## Goal` are goals and a missing-section error does not cascade
 * into errors at every goal reference; `required-section` suggests the rename.
 */
import headings from './data/clinical-headings.json' with { type: 'json' };
import { normalizeSectionKey, type SectionGuess } from '../model/note.ts';
import { closeNames } from '../model/spelling.ts';
import type { ResolvedConfig, ResolvedTemplate } from './types.ts';
import { templateFor } from './resolve.ts';

type Guesser = (key: string, canonical: string | undefined, template: string | undefined) => SectionGuess[];

let clinical: Map<string, { section: string; sure: boolean }[]> | undefined;

/**
 * Other formats' headings by key, made on first use: a note whose headings are all its
 * template's sections never asks, and making the map cost each cold run half a millisecond.
 */
function clinicalHeadings(): Map<string, { section: string; sure: boolean }[]> {
  if (clinical) return clinical;
  clinical = new Map();
  for (const [section, lists] of Object.entries((headings as { sections: Record<string, { sure: string[]; likely: string[] }> }).sections)) {
    for (const [list, sure] of [
      [lists.sure, true],
      [lists.likely, false],
    ] as const) {
      for (const h of list) {
        const k = headingKey(h);
        clinical.set(k, [...(clinical.get(k) ?? []), { section, sure }]);
      }
    }
  }
  return clinical;
}

/** `Assessment & Plan:` and `assessment and plan` are one key. */
function headingKey(title: string): string {
  return normalizeSectionKey(title.replace(/\s*&\s*/g, ' and ').replace(/’/g, "'"));
}

const cache = new WeakMap<ResolvedConfig, Guesser>();

/** The guesser for a config: per template, what a heading no section resolves to may stand for. */
export function sectionGuesser(config: ResolvedConfig): Guesser {
  let g = cache.get(config);
  if (g) return g;
  const perTemplate = new Map<ResolvedTemplate, (key: string) => SectionGuess[]>();
  g = (key, canonical, requested) => {
    const template = templateFor(config, requested);
    // A heading that is one of the note's own template sections stands for itself.
    if (canonical !== undefined && template.sections.some((s) => s.name === canonical)) return [];
    let guess = perTemplate.get(template);
    if (!guess) perTemplate.set(template, (guess = guessesFor(template)));
    return guess(key);
  };
  cache.set(config, g);
  return g;
}

function guessesFor(template: ResolvedTemplate): (key: string) => SectionGuess[] {
  const inTemplate = new Set(template.sections.map((s) => s.name));
  const names: { key: string; section: string }[] = [];
  for (const s of template.sections) for (const n of [s.name, ...s.aliases]) names.push({ key: headingKey(n), section: s.name });
  const nameKeys = names.map((n) => n.key);
  return (raw) => {
    const key = headingKey(raw);
    const out: SectionGuess[] = [];
    for (const c of clinicalHeadings().get(key) ?? []) {
      if (inTemplate.has(c.section)) out.push({ section: c.section, sure: c.sure, how: 'clinical' });
    }
    if (out.length === 0 && key.length >= 3) {
      // A near-miss spelling counts only when every close name points to one section.
      const close = closeNames(key, nameKeys, key.length >= 8 ? 2 : 1);
      const targets = new Set(close.map((k) => names.find((n) => n.key === k)!.section));
      if (targets.size === 1) out.push({ section: [...targets][0]!, sure: true, how: 'spelling' });
    }
    return out;
  };
}
