/**
 * Document structure for the outline and breadcrumbs (sections → goals and
 * medication entries) and folding ranges (front matter, sections, entries).
 */
import {
  FoldingRangeKind,
  SymbolKind,
  type CancellationToken,
  type DocumentSymbol,
  type FoldingRange,
} from 'vscode-languageserver';
import { sectionRole, type Note, type Range } from '../engine/index.ts';
import { shortText, toLspRange, trimmedEnd } from './ranges.ts';

export function provideDocumentSymbols(note: Note, token: CancellationToken): DocumentSymbol[] {
  if (token.isCancellationRequested) return [];
  const { lines, text } = note;
  const symbols: DocumentSymbol[] = [];
  const sym = (name: string, kind: SymbolKind, range: Range, selection: Range, detail?: string, children?: DocumentSymbol[]): DocumentSymbol => ({
    name: name.trim() || '(untitled)',
    kind,
    range: toLspRange(lines, range),
    selectionRange: toLspRange(lines, selection),
    ...(detail ? { detail } : {}),
    ...(children ? { children } : {}),
  });

  const fm = note.frontMatter;
  if (fm) {
    const keys = fm.entries.map((e) =>
      sym(e.key, SymbolKind.Property, { start: e.keyRange.start, end: Math.max(e.keyRange.end, e.valueRange.end) }, e.keyRange),
    );
    symbols.push(sym('Front matter', SymbolKind.Module, fm.range, { start: fm.range.start, end: fm.range.start + 3 }, undefined, keys));
  }

  for (const s of note.sections) {
    const end = Math.max(s.headingRange.end, trimmedEnd(text, s.bodyRange));
    const range = { start: s.headingRange.start, end };
    const inside = (r: Range) => r.start >= range.start && r.end <= range.end;
    const children: DocumentSymbol[] = [];
    if (sectionRole(s) === 'Goals') {
      for (const g of note.goals) {
        if (!inside(g.range)) continue;
        children.push(sym(g.id, SymbolKind.Event, g.range, g.idRange, shortText(g.text, 60)));
      }
    }
    if (sectionRole(s) === 'Medication meaning') {
      for (const m of note.medications) {
        if (!inside(m.range)) continue;
        const fields = m.fields.map((f) => sym(f.name, SymbolKind.Field, f.range, f.nameRange, shortText(f.value, 60)));
        const change = m.change ? m.change : undefined;
        children.push(sym(m.title, SymbolKind.Object, m.range, m.titleRange, change, fields));
      }
    }
    const detail = s.canonical && s.canonical !== s.title ? s.canonical : undefined;
    symbols.push(sym(s.title, SymbolKind.Namespace, range, s.titleRange.end > s.titleRange.start ? s.titleRange : s.headingRange, detail, children));
  }
  return symbols;
}

export function provideFoldingRanges(note: Note, token: CancellationToken): FoldingRange[] {
  if (token.isCancellationRequested) return [];
  const { lines, text } = note;
  const out: FoldingRange[] = [];
  const add = (start: number, end: number, kind?: FoldingRangeKind) => {
    const startLine = lines.lineAt(start);
    const endLine = lines.lineAt(Math.max(start, end));
    if (endLine > startLine) out.push({ startLine, endLine, ...(kind ? { kind } : {}) });
  };
  if (note.frontMatter) add(note.frontMatter.range.start, note.frontMatter.range.end - 1, FoldingRangeKind.Region);
  for (const s of note.sections) add(s.headingRange.start, trimmedEnd(text, s.bodyRange));
  for (const m of note.medications) add(m.headingRange.start, trimmedEnd(text, m.range));
  return out.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}
