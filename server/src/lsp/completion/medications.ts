/** Completions inside a medication entry: field names, `Change:` values, meaning prompts. */
import {
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  type CompletionItem,
  type CompletionList,
  type Range as LspRange,
} from 'vscode-languageserver';
import { CHANGE_VALUES, MEDICATION_FIELDS, RULES_BY_ID, type Medication, type ResolvedConfig } from '../../engine/index.ts';
import { medicationAt, sectionAt } from '../ranges.ts';
import { medicationEntrySnippet } from './headings.ts';
import { around, pad, roleOf, snippetText, type CompletionInput } from './shared.ts';

const FIELD_DOCS: Record<string, string> = {
  Rationale: 'Why this medication, in terms of a goal it serves: link it with `[G1]`.',
  Meaning: 'What the medication means to the person: beliefs, family and past experience, ambivalence.',
  Change: `What changes today: ${CHANGE_VALUES.join(' | ')}.`,
  Plan: 'What happens next, and what you will ask about.',
  Response: 'What the medication has made possible so far (link goals).',
  Ambivalence: 'Wanting relief yet fearing dependence, loss of control or identity. Counts as Meaning.',
  Concerns: 'Worries raised by the person or their family.',
  'Hopes and fears': 'What the person hopes the medication will do, and fears it will do or take away. Counts as Meaning.',
  'Family history': 'The family’s history with this medication or with treatment (a parent’s lithium, a sibling’s bad reaction). Counts as Meaning.',
  Decision: 'Who decided, and how: “we agreed …”, “she chose …”, “I decided, because …”. The training preset asks for it on start, increase and switch.',
};

/** Openings for a `Decision:` line: who decided. */
const DECISION_OPENINGS = ['we agreed', 'she chose', 'he chose', 'they chose', 'I decided'];

/** The seven practices that carry over from psychodynamic work into a medication visit. */
export const MEANING_PROMPTS: readonly { key: string; label: string; stem: string; placeholder: string; field?: string }[] = [
  { key: 'affect', label: 'affect', stem: 'Feelings about taking it:', placeholder: 'what taking it, or stopping, feels like, in their words' },
  { key: 'avoidance', label: 'avoidance', stem: 'What is hard to talk about:', placeholder: 'what the conversation steers around, including its meaning' },
  { key: 'past', label: 'past experience', stem: 'Past experience:', placeholder: 'with caregivers and with treatment, their own or their family’s' },
  { key: 'patterns', label: 'patterns', stem: 'Patterns:', placeholder: 'e.g. stopping medication at the moment of recovery' },
  { key: 'interpersonal', label: 'interpersonal', stem: 'In their relationships:', placeholder: 'how it touches the people around them, and their relationship with the medication itself' },
  { key: 'relationship', label: 'the therapeutic relationship', stem: 'Between us:', placeholder: 'what prescribing means in our relationship' },
  // On a new line this one writes its own field (`- Hopes and fears: …`); after `Meaning:` it reads as a stem.
  { key: 'wishes', label: 'wishes and fears about treatment', stem: 'Hopes and fears:', placeholder: 'what they wish or fear the medication will do', field: 'Hopes and fears' },
];

export function medicationCompletions(input: CompletionInput): CompletionList | undefined {
  const { note } = input;
  const section = sectionAt(note, input.noteOffset);
  if (roleOf(section) !== 'Medication meaning') return undefined;
  const entry = medicationAt(note, input.noteOffset);
  const onHeadingLine = entry && note.lines.lineAt(entry.medication.headingRange.start) === note.lines.lineAt(input.noteOffset);
  if (onHeadingLine) return undefined;

  const value = /^\s*(?:[-*+])\s+(?:\*\*|__)?([A-Za-z][A-Za-z -]*?)(?:\*\*|__)?\s*:\s*(?:\*\*|__)?[ \t]*([A-Za-z-]*)$/.exec(input.linePrefix);
  if (value) {
    const field = value[1]!.toLowerCase();
    const typed = value[2]!;
    const ahead = /^[A-Za-z-]*/.exec(input.lineSuffix)![0].length;
    const range = around(input, typed.length, ahead);
    if (field === 'change') {
      return {
        isIncomplete: false,
        items: CHANGE_VALUES.map((v, i) => ({
          label: v,
          kind: CompletionItemKind.EnumMember,
          sortText: pad(i),
          textEdit: { range, newText: v },
        })),
      };
    }
    if (field === 'meaning') {
      return { isIncomplete: false, items: MEANING_PROMPTS.map((p, i) => promptItem(input, { ...p, field: undefined }, range, '', i)) };
    }
    if (field === 'decision') {
      return {
        isIncomplete: false,
        items: DECISION_OPENINGS.map((v, i) => ({
          label: v,
          kind: CompletionItemKind.Text,
          detail: 'who decided',
          sortText: pad(i),
          textEdit: { range, newText: `${v} ` },
        })),
      };
    }
    return { isIncomplete: false, items: [] };
  }

  const name = /^(\s*)([-*+])(\s+)((?:\*\*|__)?)([A-Za-z][A-Za-z -]*)?$/.exec(input.linePrefix);
  const blank = /^\s*$/.test(input.linePrefix) && /^\s*$/.test(input.lineSuffix);
  if (!name && !blank) return undefined;
  const items: CompletionItem[] = [];
  if (entry) {
    const typed = name?.[5] ?? '';
    const ahead = name ? /^[A-Za-z -]*/.exec(input.lineSuffix)![0].replace(/\s+$/, '').length : 0;
    const range = around(input, typed.length, ahead);
    const colonFollows = name ? /^[A-Za-z -]*\s*(?:\*\*|__)?\s*:/.test(input.lineSuffix) : false;
    const bullet = name ? '' : '- ';
    items.push(...fieldItems(input, entry.medication, range, bullet, colonFollows));
    MEANING_PROMPTS.forEach((p, i) => items.push(promptItem(input, p, range, `${bullet}${p.field ?? 'Meaning'}: `, i)));
  }
  if (blank && input.snippets) items.push(medicationEntrySnippet(around(input, input.linePrefix.length, input.lineSuffix.length), note.lines.eol));
  return { isIncomplete: false, items };
}

function fieldItems(input: CompletionInput, med: Medication, range: LspRange, bullet: string, colonFollows: boolean): CompletionItem[] {
  const present = new Set(med.fields.map((f) => f.key));
  const required = new Set(input.template.medicationFields.map((f) => f.toLowerCase()));
  const decisionAsked = decisionAskedFor(input.config, med);
  const names = [...input.template.medicationFields, ...MEDICATION_FIELDS.filter((f) => !required.has(f.toLowerCase()))];
  const seen = new Set<string>();
  const items: CompletionItem[] = [];
  names.forEach((field, i) => {
    const key = field.toLowerCase();
    if (seen.has(key)) return;
    seen.add(key);
    const has = present.has(key);
    const asked = key === 'decision' && decisionAsked;
    const rank = has ? 2 : required.has(key) || asked ? 0 : 1;
    items.push({
      label: field,
      kind: CompletionItemKind.Field,
      detail: has
        ? 'already in this entry'
        : required.has(key)
          ? `missing · required by template "${input.template.name}"`
          : asked
            ? `missing · asked for on "${med.change}" (decision-recorded)`
            : 'optional',
      ...(FIELD_DOCS[field] ? { documentation: FIELD_DOCS[field] } : {}),
      sortText: `${rank}${pad(i)}`,
      filterText: `${bullet}${field}`,
      textEdit: { range, newText: colonFollows ? `${bullet}${field}` : `${bullet}${field}: ` },
    });
  });
  return items;
}

/** Whether the config's decision-recorded rule asks this entry for a Decision line. */
function decisionAskedFor(config: ResolvedConfig, med: Medication): boolean {
  const rule = RULES_BY_ID.get('decision-recorded');
  const setting = config.rules['decision-recorded'];
  if (!rule || (setting?.severity ?? rule.defaultSeverity) === 'off' || med.change === undefined) return false;
  const changes = (setting?.options['changes'] ?? (rule.defaultOptions as Record<string, unknown>)['changes']) as unknown;
  return Array.isArray(changes) && changes.includes(med.change);
}

function promptItem(
  input: CompletionInput,
  p: (typeof MEANING_PROMPTS)[number],
  range: LspRange,
  lead: string,
  i: number,
): CompletionItem {
  const item: CompletionItem = {
    label: `Meaning prompt: ${p.label}`,
    kind: CompletionItemKind.Snippet,
    detail: p.placeholder,
    documentation: {
      kind: MarkupKind.Markdown,
      value: `A prompt for the medication's meaning — **${p.label}**: ${p.placeholder}.`,
    },
    sortText: `~${pad(i)}`,
    filterText: `${lead}${p.label}`,
  };
  // A prompt with its own field (`Hopes and fears: …`) needs no stem after the field name.
  const stem = p.field ? '' : `${p.stem} `;
  if (input.snippets) {
    item.insertTextFormat = InsertTextFormat.Snippet;
    item.textEdit = { range, newText: `${snippetText(lead)}${snippetText(stem)}\${1:${snippetText(p.placeholder)}}` };
  } else {
    item.textEdit = { range, newText: `${lead}${stem}` };
  }
  return item;
}
