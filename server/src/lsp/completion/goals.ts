/** Completions of goal references after `[` or `[G`. */
import { CompletionItemKind, MarkupKind, type CompletionItem, type CompletionList } from 'vscode-languageserver';
import { sectionAt, shortText } from '../ranges.ts';
import { around, pad, roleOf, type CompletionInput } from './shared.ts';

export function goalCompletions(input: CompletionInput): CompletionList | undefined {
  const m = /(?<!\\)\[([Gg]\d{0,3})?$/.exec(input.linePrefix);
  if (!m) return undefined;
  const { note } = input;
  const ahead = /^\d*\]?/.exec(input.lineSuffix)![0].length;
  const range = around(input, m[0].length, ahead);
  const section = sectionAt(note, input.noteOffset);
  const definingGoal = roleOf(section) === 'Goals' && /^\s*(?:[-*+]|\d+[.)])\s+(?:\*\*|__)?\[([Gg]\d{0,3})?$/.test(input.linePrefix);
  if (definingGoal) {
    // A new goal: IDs referenced but not yet defined first, then the next free one.
    const defined = new Set(note.goals.map((g) => g.id));
    const undefinedRefs = [...new Set(note.goalReferences.map((r) => r.id).filter((id) => !defined.has(id)))];
    const max = Math.max(0, ...[...defined, ...undefinedRefs].map((id) => Number(id.slice(1))));
    const items: CompletionItem[] = undefinedRefs.map((id, i) => ({
      label: `[${id}]`,
      kind: CompletionItemKind.Reference,
      detail: 'referenced in this note but not defined yet',
      sortText: `0${pad(i)}`,
      filterText: `[${id}]`,
      textEdit: { range, newText: `[${id}] ` },
    }));
    if (max < 999) {
      const next = `G${max + 1}`;
      items.push({
        label: `[${next}]`,
        kind: CompletionItemKind.Reference,
        detail: 'new goal',
        documentation: 'Name something the person wants to do or be able to do, in their words.',
        sortText: '1',
        filterText: `[${next}]`,
        textEdit: { range, newText: `[${next}] ` },
      });
    }
    return { isIncomplete: false, items };
  }
  const goals = [...note.goals].sort((a, b) => Number(a.id.slice(1)) - Number(b.id.slice(1)));
  const seen = new Set<string>();
  const items: CompletionItem[] = [];
  for (const g of goals) {
    if (seen.has(g.id)) continue;
    seen.add(g.id);
    items.push({
      label: `[${g.id}]`,
      kind: CompletionItemKind.Reference,
      detail: shortText(g.text, 60),
      documentation: { kind: MarkupKind.Markdown, value: `**${g.id}** — ${g.text}` },
      sortText: pad(Number(g.id.slice(1))),
      filterText: `[${g.id}]`,
      textEdit: { range, newText: `[${g.id}]` },
    });
  }
  return { isIncomplete: false, items };
}
