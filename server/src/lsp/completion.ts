/**
 * Completions that know the note. The context comes from the text of the
 * cursor's line (always current) and the parsed model (sections, goals,
 * medication entries, front matter). The model may be one keystroke behind the
 * text: `noteOffset` is the cursor mapped into the model's text, so a fast
 * typist never waits for a parse.
 */
import type { CancellationToken, CompletionList } from 'vscode-languageserver';
import { frontMatterCompletions } from './completion/front-matter.ts';
import { goalCompletions } from './completion/goals.ts';
import { headingCompletions } from './completion/headings.ts';
import { medicationCompletions } from './completion/medications.ts';
import { EMPTY, type CompletionInput } from './completion/shared.ts';

export type { CompletionInput } from './completion/shared.ts';
export { MEANING_PROMPTS } from './completion/medications.ts';

export function provideCompletions(input: CompletionInput, token: CancellationToken): CompletionList {
  if (token.isCancellationRequested) return EMPTY;
  return (
    frontMatterCompletions(input) ??
    headingCompletions(input) ??
    goalCompletions(input) ??
    medicationCompletions(input) ??
    EMPTY
  );
}
