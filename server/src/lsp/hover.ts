/**
 * Hover: on `[Gn]` the goal's text and where it is referenced; on a medication
 * heading its rationale, meaning and linked goals; on a section heading what
 * the note's template expects there.
 */
import { MarkupKind, type CancellationToken, type Hover } from 'vscode-languageserver';
import type { Note, ResolvedTemplate } from '../engine/index.ts';
import { goalById, goalTokenAt, toLspRange } from './ranges.ts';

export function provideHover(note: Note, template: ResolvedTemplate, offset: number, token: CancellationToken): Hover | null {
  if (token.isCancellationRequested) return null;
  return goalHover(note, offset) ?? medicationHover(note, offset) ?? sectionHover(note, template, offset);
}

function markdown(value: string) {
  return { kind: MarkupKind.Markdown, value };
}

/** Escapes Markdown so note text renders as written. */
function md(text: string): string {
  return text.replace(/([\\`*_{}[\]<>#|])/g, '\\$1');
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function goalHover(note: Note, offset: number): Hover | null {
  const t = goalTokenAt(note, offset);
  if (!t) return null;
  const goal = goalById(note, t.id);
  const refs = note.goalReferences.filter((r) => r.id === t.id);
  const lines: string[] = [];
  if (goal) lines.push(`**${t.id}** — ${md(goal.text)}`);
  else lines.push(`**${t.id}** is referenced but not defined in the Goals section.`);
  lines.push('', refs.length ? `Referenced in ${plural(refs.length, 'place')}.` : 'Not referenced anywhere yet.');
  const where = refs
    .map((r) => {
      const med = r.medication !== undefined ? note.medications[r.medication] : undefined;
      if (med) return `- ${md(med.title)}${r.field ? ` — ${capitalize(r.field)}` : ''}`;
      return r.section ? `- ${md(r.section)}` : undefined;
    })
    .filter((x): x is string => !!x);
  if (where.length) lines.push('', ...dedupe(where));
  return { contents: markdown(lines.join('\n')), range: toLspRange(note.lines, t.range) };
}

function medicationHover(note: Note, offset: number): Hover | null {
  const index = note.medications.findIndex((m) => offset >= m.headingRange.start && offset <= m.headingRange.end);
  const med = note.medications[index];
  if (!med) return null;
  const field = (key: string) => med.fields.find((f) => f.key === key)?.value;
  const lines = [`**${md(med.title)}**`, ''];
  const change = field('change');
  if (change) lines.push(`**Change:** ${md(change)}`, '');
  lines.push(`**Rationale:** ${field('rationale') ? md(field('rationale')!) : '_none written_'}`, '');
  lines.push(`**Meaning:** ${field('meaning') ? md(field('meaning')!) : '_none written_'}`, '');
  const ids = dedupe(note.goalReferences.filter((r) => r.medication === index).map((r) => r.id));
  if (ids.length) {
    lines.push('**Linked goals:**');
    for (const id of ids) {
      const g = goalById(note, id);
      lines.push(`- ${id} — ${g ? md(g.text) : '_not defined_'}`);
    }
  } else lines.push('**Linked goals:** none');
  return { contents: markdown(lines.join('\n')), range: toLspRange(note.lines, med.headingRange) };
}

function sectionHover(note: Note, template: ResolvedTemplate, offset: number): Hover | null {
  const section = note.sections.find((s) => offset >= s.headingRange.start && offset <= s.headingRange.end);
  if (!section) return null;
  const spec = template.sections.find((s) => s.name === section.canonical);
  const lines: string[] = [];
  if (!spec) {
    lines.push(
      `**${md(section.title)}** is not a section of template "${md(template.name)}".`,
      '',
      `The template expects: ${template.sections.map((s) => md(s.name)).join(', ')}.`,
    );
  } else {
    const alias = normalize(section.title) !== normalize(spec.name) ? ` (alias of ${md(spec.name)})` : '';
    lines.push(`**${md(spec.name)}**${alias} — ${spec.required ? 'required' : 'optional'} in template "${md(template.name)}".`);
    if (spec.description) lines.push('', spec.description);
    if (spec.minWords > 1) lines.push('', `At least ${spec.minWords} words.`);
  }
  return { contents: markdown(lines.join('\n')), range: toLspRange(note.lines, section.headingRange) };
}

function normalize(s: string): string {
  return s.trim().toLowerCase().replace(/[\s.:;,!?]+$/u, '');
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function dedupe<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}
