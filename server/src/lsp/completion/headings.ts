/** Completions on a heading line: `##` sections of the template (missing first), `###` medications. */
import {
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  type CompletionItem,
  type CompletionList,
  type Range as LspRange,
} from 'vscode-languageserver';
import { CHANGE_VALUES } from '../../engine/index.ts';
import { matchMedications } from '../medications.ts';
import { sectionAt } from '../ranges.ts';
import { around, pad, roleOf, type CompletionInput } from './shared.ts';

export function headingCompletions(input: CompletionInput): CompletionList | undefined {
  const m = /^( {0,3})(#{1,6})([ \t]*)(.*)$/.exec(input.linePrefix);
  if (!m) return undefined;
  const [, , hashes, space, typed] = m as unknown as [string, string, string, string, string];
  const section = sectionAt(input.note, input.noteOffset);
  if (hashes.length === 3 && roleOf(section) === 'Medication meaning') return medicationNameCompletions(input, typed, space);
  if (hashes.length === 1 && typed === '' && space === '') return sectionCompletions(input, around(input, 1), '## ');
  if (hashes.length !== 2) return { isIncomplete: false, items: [] };
  const ahead = input.lineSuffix.replace(/[ \t]+$/, '').length;
  if (space === '') return sectionCompletions(input, around(input, 0, ahead), ' ');
  return sectionCompletions(input, around(input, typed.length, ahead), '');
}

function sectionCompletions(input: CompletionInput, range: LspRange, lead: string): CompletionList {
  const { note, template } = input;
  const present = new Set(note.sections.map((s) => s.canonical).filter(Boolean));
  const items = template.sections.map((s, i): CompletionItem => {
    const missing = !present.has(s.name);
    const status = !missing ? 'already in this note' : s.required ? 'missing · required' : 'optional';
    return {
      label: s.name,
      kind: CompletionItemKind.Module,
      detail: `${status} · template "${template.name}"`,
      ...(s.description ? { documentation: { kind: MarkupKind.Markdown, value: s.description } } : {}),
      sortText: `${missing ? 0 : 1}${pad(i)}`,
      filterText: `${lead}${s.name}`,
      textEdit: { range, newText: `${lead}${s.name}` },
    };
  });
  return { isIncomplete: false, items };
}

function medicationNameCompletions(input: CompletionInput, typed: string, space: string): CompletionList {
  const items: CompletionItem[] = [];
  const eol = input.note.lines.eol;
  // Only while the first word is being typed: after it comes the regimen.
  if (/^[A-Za-z][A-Za-z-]*$/.test(typed) || typed === '') {
    const ahead = /^[A-Za-z-]*/.exec(input.lineSuffix)![0].length;
    const range = around(input, typed.length, ahead);
    const lead = space === '' ? ' ' : '';
    matchMedications(typed).forEach(({ medication, viaBrand }, i) => {
      items.push({
        label: medication.name,
        kind: CompletionItemKind.Value,
        detail: viaBrand ? `${viaBrand} → ${medication.name} · ${medication.class}` : medication.class,
        ...(viaBrand ? { labelDetails: { description: viaBrand } } : {}),
        ...(medication.brands.length
          ? { documentation: `${medication.class}. Also known as: ${medication.brands.join(', ')}.` }
          : {}),
        sortText: pad(i),
        filterText: `${lead}${viaBrand ?? medication.name}`,
        textEdit: { range, newText: `${lead}${medication.name}` },
      });
    });
  }
  if (typed === '' && input.snippets) {
    const start = input.linePrefix.length;
    items.push(medicationEntrySnippet(around(input, start, input.lineSuffix.length), eol));
  }
  return { isIncomplete: true, items };
}

export function medicationEntrySnippet(range: LspRange, eol: string): CompletionItem {
  const changes = CHANGE_VALUES.join(',');
  const body = [
    '### ${1:Medication} ${2:dose and schedule}',
    `- Change: \${3|${changes}|}`,
    '- Rationale: ${4:what it should make possible} [${5:G1}]',
    '- Meaning: ${6:what it means to them}',
    '- Plan: ${0}',
  ].join(eol);
  return {
    label: 'Medication entry',
    kind: CompletionItemKind.Snippet,
    detail: '### heading with Change, Rationale (linked to a goal), Meaning and Plan',
    insertTextFormat: InsertTextFormat.Snippet,
    sortText: '~0',
    filterText: '### Medication entry',
    textEdit: { range, newText: body },
  };
}
