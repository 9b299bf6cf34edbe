/**
 * The request → provider table, one for the Node server and the browser's: each
 * handler finds the current version's analysis (server-state.ts) and hands it
 * to the provider module of its feature. No knowledge lives here.
 */
import type { CancellationToken } from 'vscode-languageserver';
import { mapOffset } from '../engine/index.ts';
import { provideCodeActions } from './code-actions.ts';
import { provideCompletions } from './completion.ts';
import { continuityCompletions, continuityHover, mergeHover } from './continuity-features.ts';
import { PATIENT_KEYS, TIMELINE, type PatientKeysParams, type TimelineParams } from './continuity-protocol.ts';
import { provideHover } from './hover.ts';
import { provideInlayHints } from './inlay-hints.ts';
import { registerLintWorkspace } from './lint-workspace.ts';
import { prepareRename, provideDefinition, provideHighlights, provideReferences, rename } from './navigation.ts';
import { provideSemanticTokens } from './semantic-tokens.ts';
import type { ServerState } from './server-state.ts';
import { provideDocumentSymbols, provideFoldingRanges } from './symbols.ts';
import { registerWebFeatures } from './web-features.ts';

export function registerHandlers(state: ServerState): void {
  const { connection, documents, cache, continuity } = state;
  const noteFor = (uri: string, token: CancellationToken) => state.noteFor(uri, token);
  const at = state.at.bind(state);

  connection.languages.diagnostics.on((params, token) => state.diagnostics?.pull(params, token) ?? { kind: 'full', items: [] });

  connection.onCompletion(async (params, token) => {
    const uri = params.textDocument.uri;
    const doc = documents.get(uri);
    if (!doc || !state.flags) return null;
    const pos = params.position;
    const linePrefix = doc.getText({ start: { line: pos.line, character: 0 }, end: pos });
    const lineSuffix = doc.getText({ start: pos, end: { line: pos.line + 1, character: 0 } }).replace(/(\r\n|\r|\n)$/, '');
    // The current model if parsed; else the last parsed one, with the cursor mapped into it.
    let a = cache.peek(uri);
    let noteOffset: number | undefined;
    if (!a?.isParsed) {
      const last = cache.lastParsed(uri);
      if (last && last.version < doc.version) {
        a = last;
        noteOffset = mapOffset(last.text, doc.getText(), doc.offsetAt(pos));
      } else a = await noteFor(uri, token);
    }
    if (!a || !a.isNote || token.isCancellationRequested) return null;
    const note = a.note;
    const list = provideCompletions(
      {
        linePrefix,
        lineSuffix,
        position: pos,
        note,
        noteOffset: noteOffset ?? note.lines.fromLsp(pos),
        config: a.config,
        template: a.template,
        snippets: state.flags.snippets,
        ...(/^[A-Za-z_-]*$/.test(linePrefix) ? { patientKeys: continuity.keysForNote(a) } : {}),
      },
      token,
    );
    // After `[`: the previous visit's goals this note has not carried forward yet.
    if (/\[[Gg]?\d{0,3}$/.test(linePrefix)) list.items.push(...continuityCompletions({ linePrefix, lineSuffix, position: pos, note }, continuity.history(a)));
    return list;
  });

  // --- Hover and navigation -------------------------------------------------
  connection.onHover(async (p, token) => {
    const a = await noteFor(p.textDocument.uri, token);
    if (!a) return null;
    const offset = at(a, p);
    const history = token.isCancellationRequested ? undefined : continuityHover(a.note, offset, continuity.history(a));
    return mergeHover(provideHover(a.note, a.template, offset, token), history);
  });
  connection.onDefinition(async (p, token) => {
    const a = await noteFor(p.textDocument.uri, token);
    return a ? provideDefinition(a.note, a.uri, at(a, p), token) : [];
  });
  connection.onReferences(async (p, token) => {
    const a = await noteFor(p.textDocument.uri, token);
    return a ? provideReferences(a.note, a.uri, at(a, p), p.context.includeDeclaration, token) : [];
  });
  connection.onDocumentHighlight(async (p, token) => {
    const a = await noteFor(p.textDocument.uri, token);
    return a ? provideHighlights(a.note, at(a, p), token) : [];
  });
  connection.onPrepareRename(async (p, token) => {
    const a = await noteFor(p.textDocument.uri, token);
    return a ? prepareRename(a.note, at(a, p), token) : null;
  });
  connection.onRenameRequest(async (p, token) => {
    const a = await noteFor(p.textDocument.uri, token);
    return a ? rename(a.note, a.uri, a.version, at(a, p), p.newName, !!state.flags?.documentChanges, token) : null;
  });

  // --- Structure ------------------------------------------------------------
  connection.onDocumentSymbol(async (p, token) => {
    const a = await noteFor(p.textDocument.uri, token);
    return a ? provideDocumentSymbols(a.note, token) : [];
  });
  connection.onFoldingRanges(async (p, token) => {
    const a = await noteFor(p.textDocument.uri, token);
    return a ? provideFoldingRanges(a.note, token) : [];
  });
  if (state.host.workspaceSymbols) connection.onWorkspaceSymbol((p, token) => state.index.symbols(p.query, token));

  // --- Code actions, inlay hints, semantic tokens ---------------------------
  connection.onCodeAction(async (p, token) => {
    const a = await noteFor(p.textDocument.uri, token);
    return a ? provideCodeActions(a, p, { documentChanges: !!state.flags?.documentChanges }, token) : [];
  });
  connection.languages.inlayHint.on(async (p, token) => {
    if (!state.settings.inlayHints.enabled) return [];
    const a = await noteFor(p.textDocument.uri, token);
    return a ? provideInlayHints(a.note, p.range, token) : [];
  });
  connection.languages.semanticTokens.on(async (p, token) => {
    const a = await noteFor(p.textDocument.uri, token);
    return a ? provideSemanticTokens(a.note, undefined, token) : { data: [] };
  });
  connection.languages.semanticTokens.onRange(async (p, token) => {
    const a = await noteFor(p.textDocument.uri, token);
    return a ? provideSemanticTokens(a.note, p.range, token) : { data: [] };
  });

  // --- Extension requests: timeline, patient keys, Lint Workspace, preview, ... ---
  connection.onRequest(TIMELINE, async (p: TimelineParams, token: CancellationToken) => {
    // The first workspace scan must finish, or a timeline opened at startup misses visits.
    await continuity.ready();
    const a = await noteFor(p.uri, token);
    return a ? await continuity.timeline(a, p) : null;
  });
  connection.onRequest(PATIENT_KEYS, async (p: PatientKeysParams) => {
    await continuity.ready();
    const file = state.toPath(p.uri);
    return file && typeof p.patient === 'string' ? continuity.patientKeys(file, p.patient) : { keys: [] };
  });
  registerLintWorkspace(connection, {
    cache,
    documents,
    workspace: continuity.workspace,
    ready: () => continuity.ready(),
    readFile: state.readFile,
    locations: state.host.locations,
    ...(state.host.readNote ? { readNote: state.host.readNote } : {}),
  });
  registerWebFeatures(connection, state);
}
