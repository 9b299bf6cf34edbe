/**
 * Across visits, the editor features that read a note's history (continuity.ts
 * gives it): completion of the previous visit's goals after `[G`, and a goal's
 * history in its hover.
 */
import { CompletionItemKind, MarkupKind, type CompletionItem, type Hover, type Position, type Range as LspRange } from 'vscode-languageserver';
import { goalHistory, goalHistoryMarkdown, pendingGoals, sectionRole, type Note, type VisitHistory } from '../engine/index.ts';
import { goalTokenAt } from './ranges.ts';

export interface ContinuityCompletionInput {
  linePrefix: string;
  lineSuffix: string;
  position: Position;
  note: Note;
}

/**
 * After `[` or `[G`: the previous visit's goals this note has not carried
 * forward yet. In a Goals list item they carry the goal forward (ID and text);
 * elsewhere they insert the reference.
 */
export function continuityCompletions(input: ContinuityCompletionInput, history: VisitHistory | undefined): CompletionItem[] {
  const m = /(?<!\\)\[([Gg]\d{0,3})?$/.exec(input.linePrefix);
  if (!m) return [];
  const pending = pendingGoals(history, input.note);
  if (pending.length === 0) return [];
  const ahead = /^\d*\]?/.exec(input.lineSuffix)![0].length;
  const range: LspRange = {
    start: { line: input.position.line, character: input.position.character - m[0].length },
    end: { line: input.position.line, character: input.position.character + ahead },
  };
  const definingGoal = /^\s*(?:[-*+]|\d+[.)])\s+(?:\*\*|__)?\[([Gg]\d{0,3})?$/.test(input.linePrefix) && inGoalsSection(input.note, input.position.line);
  return pending.map((g, i) => ({
    label: `[${g.id}]`,
    kind: CompletionItemKind.Reference,
    detail: `${definingGoal ? 'carry forward' : 'previous visit'}${g.date ? ` (${g.date})` : ''}: ${short(g.text, 50)}`,
    documentation: {
      kind: MarkupKind.Markdown,
      value: `**${g.id}** — ${escapeMd(g.text)}\n\nFrom the previous visit${g.date ? ` (${g.date})` : ''}; not carried forward in this note yet.`,
    },
    // After this note's own goals (which sort by number), before nothing else.
    sortText: `~${String(i).padStart(3, '0')}`,
    filterText: `[${g.id}]`,
    textEdit: { range, newText: definingGoal ? `[${g.id}] ${g.text}` : `[${g.id}]` },
  }));
}

/** The goal's wording, status and medications at every earlier visit, for the hover on `[Gn]`. */
export function continuityHover(note: Note, offset: number, history: VisitHistory | undefined): string | undefined {
  if (!history || history.previous.length === 0) return undefined;
  const t = goalTokenAt(note, offset);
  if (!t) return undefined;
  const entries = goalHistory(history, t.id, note);
  if (!entries.some((e) => !e.current)) return undefined;
  return goalHistoryMarkdown(t.id, entries);
}

/** Appends the continuity section to a hover (or makes one). */
export function mergeHover(hover: Hover | null, extra: string | undefined): Hover | null {
  if (!extra) return hover;
  if (!hover) return { contents: { kind: MarkupKind.Markdown, value: extra } };
  const c = hover.contents;
  const value = typeof c === 'string' ? c : 'value' in c && !Array.isArray(c) ? c.value : '';
  return { ...hover, contents: { kind: MarkupKind.Markdown, value: `${value}\n\n---\n\n${extra}` } };
}

function inGoalsSection(note: Note, line: number): boolean {
  const offset = note.lines.lineStart(Math.min(line, note.lines.lineCount - 1));
  const s = note.sections.find((x) => offset >= x.headingRange.start && offset <= x.bodyRange.end);
  return (s ? sectionRole(s) : undefined) === 'Goals';
}

function short(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

function escapeMd(text: string): string {
  return text.replace(/([\\`*_{}[\]<>#|])/g, '\\$1');
}
