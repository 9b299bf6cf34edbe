/**
 * Code actions. Each engine fix becomes the preferred quick fix on its
 * diagnostic and each suggestion another quick fix, read from
 * `diagnostic.data` (no re-lint) when it belongs to the current version, else
 * looked up in the current version's findings (which goals a rationale may
 * link is `rationale-goal-link`'s knowledge: its suggestions, never a goal
 * marked met or dropped). Plus: "Insert all missing sections", "Disable <rule>
 * for this line", and `source.fixAll.visitnotes` for fix-on-save.
 */
import {
  CodeActionKind,
  CodeActionTriggerKind,
  type CancellationToken,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { fixAll, type Finding, type Fix, type Note } from '../engine/index.ts';
import type { Analysis } from './documents.ts';
import { minimalEdit, toLspEdits, toLspRange } from './ranges.ts';
import { diagnosticData, SOURCE } from './to-diagnostic.ts';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.visitnotes`;

export interface CodeActionOptions {
  /** Client supports versioned `documentChanges` in workspace edits. */
  documentChanges: boolean;
}

export function provideCodeActions(
  analysis: Analysis,
  params: CodeActionParams,
  options: CodeActionOptions,
  token: CancellationToken,
): CodeAction[] {
  if (token.isCancellationRequested || !analysis.isNote) return [];
  const only = params.context.only;
  const wants = (kind: string, explicitOnly = false) =>
    only ? only.some((o) => kind === o || kind.startsWith(`${o}.`)) : !explicitOnly;
  const note = analysis.note;
  const edit = (edits: LspTextEdit[]): WorkspaceEdit =>
    options.documentChanges
      ? { documentChanges: [{ textDocument: { uri: analysis.uri, version: analysis.version }, edits }] }
      : { changes: { [analysis.uri]: edits } };
  const actions: CodeAction[] = [];

  if (wants(CodeActionKind.QuickFix)) {
    const ours = params.context.diagnostics.filter((d) => d.source === SOURCE && typeof d.code === 'string');
    const disable: CodeAction[] = [];
    let missingSections = false;
    for (const d of ours) {
      const ruleId = d.code as string;
      const found = findingFor(analysis, d);
      if (found?.fix) {
        actions.push({
          title: found.fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [d],
          isPreferred: true,
          edit: edit(toLspEdits(note.lines, found.fix)),
        });
      }
      for (const s of found?.suggestions ?? []) {
        actions.push({ title: s.title, kind: CodeActionKind.QuickFix, diagnostics: [d], edit: edit(toLspEdits(note.lines, s)) });
      }
      if (ruleId === 'required-section') missingSections = true;
      const off = disableForLine(note, d, ruleId);
      if (off) disable.push({ title: off.title, kind: CodeActionKind.QuickFix, diagnostics: [d], edit: edit(toLspEdits(note.lines, off)) });
    }
    if (missingSections && !token.isCancellationRequested) {
      const all = insertAllMissingSections(analysis);
      if (all) {
        actions.push({
          title: 'Insert all missing sections',
          kind: CodeActionKind.QuickFix,
          diagnostics: ours.filter((d) => d.code === 'required-section'),
          edit: edit([all]),
        });
      }
    }
    actions.push(...dedupeByEdit(disable));
  }

  // Source actions cost a full fix-all: only when asked for by kind (save, Source Action
  // menu) or by an explicit request for everything (a menu the user opened), never for
  // the automatic light-bulb requests that follow the cursor.
  const explicit = !only && params.context.triggerKind === CodeActionTriggerKind.Invoked;
  if ((wants(FIX_ALL_KIND, true) || explicit) && !token.isCancellationRequested) {
    // With the history the diagnostics used, starting from their lint (not a second
    // parse and lint): editor and CLI fix-all agree once a cross-visit rule has a fix.
    const history = analysis.history;
    const fixed = fixAll(analysis.text, { config: analysis.config, ...(history ? { history } : {}) }, { findings: analysis.findings });
    const change = minimalEdit(note.lines, analysis.text, fixed.text);
    actions.push({
      title: `Fix all auto-fixable Visit Notes problems${fixed.fixedCount ? ` (${fixed.fixedCount})` : ''}`,
      kind: FIX_ALL_KIND,
      ...(change ? { edit: edit([change]) } : {}),
    });
  }
  return actions;
}

/** The finding behind a diagnostic: its data when it is of this version, else a lookup. */
function findingFor(analysis: Analysis, d: Diagnostic): Pick<Finding, 'fix' | 'suggestions' | 'range'> | undefined {
  const data = diagnosticData(d);
  const lines = analysis.note.lines;
  if (data && data.version === analysis.version) {
    return { range: { start: lines.fromLsp(d.range.start), end: lines.fromLsp(d.range.end) }, fix: data.fix, suggestions: data.suggestions };
  }
  // Stale or missing data: the same rule at the same range in the current findings, if any.
  return analysis.findings.find((f) => {
    if (f.ruleId !== d.code) return false;
    const r = toLspRange(lines, f.range);
    return (
      r.start.line === d.range.start.line &&
      r.start.character === d.range.start.character &&
      r.end.line === d.range.end.line &&
      r.end.character === d.range.end.character
    );
  });
}

/** Every missing required section at once: the engine's fix-all, limited to that rule. */
function insertAllMissingSections(analysis: Analysis): LspTextEdit | undefined {
  const missing = analysis.findings.filter((f) => f.ruleId === 'required-section' && f.fix);
  if (missing.length < 2) return undefined;
  const fixed = fixAll(analysis.text, { config: analysis.config, only: ['required-section'] });
  return minimalEdit(analysis.note.lines, analysis.text, fixed.text);
}

/**
 * `<!-- visitnotes-disable-next-line rule -->` above the diagnostic's line, with
 * that line's indentation and the note's line break; a rule is added to an
 * existing directive right above instead. Not offered inside the front matter,
 * where a comment would break the YAML.
 */
export function disableForLine(note: Note, d: Diagnostic, ruleId: string): Fix | undefined {
  const line = d.range.start.line;
  if (line < 0 || line >= note.lines.lineCount) return undefined;
  const fm = note.frontMatter;
  if (fm && line >= note.lines.lineAt(fm.range.start) && line <= note.lines.lineAt(fm.range.end)) return undefined;
  const title = `Disable ${ruleId} for this line`;
  const above = note.directives.find(
    (x) => x.kind === 'disable-next-line' && x.rules.length > 0 && note.lines.lineAt(x.range.end) === line - 1,
  );
  if (above) {
    if (above.rules.includes(ruleId)) return undefined;
    const source = note.text.slice(above.range.start, above.range.end);
    const close = source.lastIndexOf('-->');
    let at = above.range.start + close;
    while (at > above.range.start && /\s/.test(note.text[at - 1]!)) at--;
    return { title, edits: [{ range: { start: at, end: at }, newText: `, ${ruleId}` }] };
  }
  const start = note.lines.lineStart(line);
  const indent = /^[ \t]*/.exec(note.lines.lineText(line))![0];
  return {
    title,
    edits: [{ range: { start, end: start }, newText: `${indent}<!-- visitnotes-disable-next-line ${ruleId} -->${note.lines.eol}` }],
  };
}

/** Two diagnostics of one rule on one line share one "disable" action. */
function dedupeByEdit(actions: CodeAction[]): CodeAction[] {
  const byEdit = new Map<string, CodeAction>();
  for (const a of actions) {
    const key = `${a.title}\n${JSON.stringify(a.edit)}`;
    const prev = byEdit.get(key);
    if (prev) prev.diagnostics = [...(prev.diagnostics ?? []), ...(a.diagnostics ?? [])];
    else byEdit.set(key, a);
  }
  return [...byEdit.values()];
}
