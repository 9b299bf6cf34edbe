/** Completions in the front matter: keys, `visit` values, template names, `patient-key`. */
import { CompletionItemKind, type CompletionItem, type CompletionList, type Range as LspRange } from 'vscode-languageserver';
import { FRONT_MATTER_KEYS, newPatientKey, VISIT_KINDS } from '../../engine/index.ts';
import { frontMatterLines } from '../ranges.ts';
import { around, pad, type CompletionInput } from './shared.ts';

const KEY_DOCS: Record<string, string> = {
  patient: 'Pseudonym or initials — never a full name.',
  date: 'ISO date of the visit (YYYY-MM-DD).',
  clinician: 'Who saw the person.',
  visit: 'Kind of visit: intake, follow-up, crisis, transfer or other.',
  template: 'A template named in config; the config default applies when absent.',
  'patient-key':
    'A random pseudonymous key that tells apart people who share a pseudonym or initials. Never derived from a name, a birth date or a record number. Later notes of the same person copy it.',
};

const VISIT_DOCS: Record<string, string> = {
  intake: 'A first visit.',
  'follow-up': 'A follow-up medication visit.',
  crisis: 'A visit in crisis.',
  transfer: 'Care transferred from or to another clinician.',
  other: 'Any other kind of visit.',
};

export function frontMatterCompletions(input: CompletionInput): CompletionList | undefined {
  const { note, linePrefix, lineSuffix } = input;
  const fm = frontMatterLines(note);
  const line = note.lines.lineAt(input.noteOffset);
  if (!fm || line < fm.first || line > fm.last) return undefined;

  const value = /^(visit|template)[ \t]*:[ \t]*([\w-]*)$/.exec(linePrefix);
  if (value) {
    const ahead = /^[\w-]*/.exec(lineSuffix)![0].length;
    const range = around(input, value[2]!.length, ahead);
    if (value[1] === 'visit') {
      return {
        isIncomplete: false,
        items: VISIT_KINDS.map((v, i) => ({
          label: v,
          kind: CompletionItemKind.EnumMember,
          documentation: VISIT_DOCS[v],
          sortText: pad(i),
          textEdit: { range, newText: v },
        })),
      };
    }
    const names = Object.keys(input.config.templates);
    return {
      isIncomplete: false,
      items: names.map((name, i) => {
        const t = input.config.templates[name]!;
        const isDefault = name === input.config.defaultTemplate;
        return {
          label: name,
          kind: CompletionItemKind.Module,
          detail: `${t.sections.filter((s) => s.required).length} required sections${isDefault ? ' · default' : ''}`,
          documentation: t.description,
          sortText: `${isDefault ? 0 : 1}${pad(i)}`,
          textEdit: { range, newText: name },
        };
      }),
    };
  }

  const key = /^([A-Za-z_-]*)$/.exec(linePrefix);
  if (!key || lineSuffix.includes(':')) return undefined;
  const present = new Set(
    (note.frontMatter?.entries ?? []).filter((e) => note.lines.lineAt(e.keyRange.start) !== line).map((e) => e.key),
  );
  const ahead = /^[A-Za-z_-]*/.exec(lineSuffix)![0].length;
  const range = around(input, key[1]!.length, ahead);
  const items: CompletionItem[] = [];
  FRONT_MATTER_KEYS.forEach((k, i) => {
    if (present.has(k)) return;
    if (k === 'patient-key') {
      items.push(...patientKeyItems(input, range, i));
      return;
    }
    const required = k === 'patient' || k === 'date';
    const newText = k === 'date' ? `date: ${input.today ?? isoToday()}` : `${k}: `;
    items.push({
      label: k,
      kind: CompletionItemKind.Property,
      detail: required ? 'required' : 'optional',
      documentation: KEY_DOCS[k],
      sortText: `${required ? 0 : 1}${pad(i)}`,
      textEdit: { range, newText },
    });
  });
  return { isIncomplete: false, items };
}

/** The key this patient's other notes carry (same person), and a new random one (someone new). */
function patientKeyItems(input: CompletionInput, range: LspRange, i: number): CompletionItem[] {
  const known = (input.patientKeys ?? []).map((k, j) => ({
    label: `patient-key: ${k.key}`,
    kind: CompletionItemKind.Property,
    detail: `optional · carried by ${k.notes} other note${k.notes === 1 ? '' : 's'} with this patient value`,
    documentation: `${KEY_DOCS['patient-key']} Choose this when the note is about the same person.`,
    sortText: `1${pad(i)}${j}`,
    filterText: 'patient-key',
    textEdit: { range, newText: `patient-key: ${k.key}` },
  }));
  const fresh = input.newPatientKey ?? newPatientKey();
  return [
    ...known,
    {
      label: 'patient-key',
      kind: CompletionItemKind.Property,
      detail: known.length ? 'optional · a new random key: someone else with the same initials' : 'optional · a new random key',
      documentation: KEY_DOCS['patient-key'],
      sortText: `1${pad(i)}9`,
      filterText: 'patient-key',
      textEdit: { range, newText: `patient-key: ${fresh}` },
    },
  ];
}

function isoToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
