/**
 * Inlay hints: a goal's short text after each `[Gn]` reference, so a rationale
 * reads "… [G1] Coach his daughter's team …" without scrolling to Goals.
 * Definitions get none (their text follows anyway); undefined goals get none
 * (the `undefined-goal` diagnostic covers them).
 */
import type { CancellationToken, InlayHint, Range as LspRange } from 'vscode-languageserver';
import type { Note } from '../engine/index.ts';
import { fromLspRange, goalById, shortText } from './ranges.ts';

export function provideInlayHints(note: Note, range: LspRange, token: CancellationToken): InlayHint[] {
  if (token.isCancellationRequested) return [];
  const want = fromLspRange(note.lines, range);
  const hints: InlayHint[] = [];
  for (const ref of note.goalReferences) {
    if (ref.range.end < want.start || ref.range.start > want.end) continue;
    const goal = goalById(note, ref.id);
    if (!goal || !goal.text) continue;
    hints.push({
      position: note.lines.toLsp(ref.range.end),
      label: shortText(goal.text, 32),
      paddingLeft: true,
      tooltip: `${goal.id}: ${goal.text}`,
    });
  }
  return hints;
}
