/**
 * Semantic tokens, with a small legend of standard types so every theme colours
 * them: goal IDs (`variable`, `declaration` where defined), medication field
 * names and front-matter keys (`property`), and `Change:` values (`enumMember`).
 */
import type { CancellationToken, Range as LspRange, SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver';
import { CHANGE_VALUES, type Note, type Range } from '../engine/index.ts';
import { fromLspRange } from './ranges.ts';

export const TOKEN_TYPES = ['variable', 'property', 'enumMember'] as const;
export const TOKEN_MODIFIERS = ['declaration'] as const;
export const LEGEND: SemanticTokensLegend = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] };

const VARIABLE = 0;
const PROPERTY = 1;
const ENUM_MEMBER = 2;
const DECLARATION = 1 << 0;

interface Token {
  range: Range;
  type: number;
  modifiers: number;
}

export function provideSemanticTokens(note: Note, range: LspRange | undefined, token: CancellationToken): SemanticTokens {
  if (token.isCancellationRequested) return { data: [] };
  const want = range ? fromLspRange(note.lines, range) : { start: 0, end: note.text.length };
  const tokens: Token[] = [];
  for (const g of note.goals) tokens.push({ range: g.idRange, type: VARIABLE, modifiers: DECLARATION });
  for (const r of note.goalReferences) tokens.push({ range: r.range, type: VARIABLE, modifiers: 0 });
  for (const m of note.medications) {
    for (const f of m.fields) {
      tokens.push({ range: f.nameRange, type: PROPERTY, modifiers: 0 });
      if (f.key === 'change') {
        const word = /^[A-Za-z]+/.exec(note.text.slice(f.valueRange.start, f.valueRange.end));
        if (word && (CHANGE_VALUES as readonly string[]).includes(word[0].toLowerCase())) {
          tokens.push({ range: { start: f.valueRange.start, end: f.valueRange.start + word[0].length }, type: ENUM_MEMBER, modifiers: 0 });
        }
      }
    }
  }
  for (const e of note.frontMatter?.entries ?? []) tokens.push({ range: e.keyRange, type: PROPERTY, modifiers: 0 });

  tokens.sort((a, b) => a.range.start - b.range.start);
  const data: number[] = [];
  let prevLine = 0;
  let prevChar = 0;
  let lastEnd = -1;
  for (const t of tokens) {
    if (t.range.end <= want.start || t.range.start >= want.end) continue;
    if (t.range.start < lastEnd || t.range.end <= t.range.start) continue; // no overlaps, no empties
    const start = note.lines.toLsp(t.range.start);
    const end = note.lines.toLsp(t.range.end);
    if (end.line !== start.line) continue; // tokens never span lines
    data.push(start.line - prevLine, start.line === prevLine ? start.character - prevChar : start.character, end.character - start.character, t.type, t.modifiers);
    prevLine = start.line;
    prevChar = start.character;
    lastEnd = t.range.end;
  }
  return { data };
}
