/**
 * The language server as it runs in the browser (a web worker beside
 * vscode.dev's or github.dev's extension host): the same engine and the same
 * per-feature providers as the Node server, wired to a connection the worker
 * entry (server/src/bundle/web-server.ts) creates over postMessage.
 *
 * What it leaves out, for now: config discovery (`.visitnotes.*`, `extends`)
 * and the visit index read the file system with Node's `fs`; in the browser
 * they are to come through `workspace.fs` once the engine's workspace API takes
 * injected file access (issue 13). Until then every note lints with the
 * built-in `recommended` config and no history (the cross-visit rules stay
 * quiet). Nothing here may import Node: the build fails if a Node built-in
 * reaches the browser bundle (scripts/bundle-options.mjs).
 *
 * Stage two shares one handler table with server.ts; until the server is split
 * (issue 13), the few lines that map a request to a provider are repeated here.
 */
import {
  TextDocuments,
  type CancellationToken,
  type Connection,
  type InitializeResult,
  type TextDocumentPositionParams,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lintText, RECOMMENDED } from '../engine/index.ts';
import { provideCodeActions } from './code-actions.ts';
import { provideCompletions } from './completion.ts';
import type { ConfigResult } from './configs.ts';
import { Analysis } from './documents.ts';
import { provideHover } from './hover.ts';
import { provideInlayHints } from './inlay-hints.ts';
import { prepareRename, provideDefinition, provideHighlights, provideReferences, rename } from './navigation.ts';
import { provideSemanticTokens } from './semantic-tokens.ts';
import { EDITING_CAPABILITIES } from './capabilities.ts';
import { DEFAULT_SETTINGS, readSettings, type Settings } from './settings.ts';
import { provideDocumentSymbols, provideFoldingRanges } from './symbols.ts';
import { registerWebFeatures } from './web-features.ts';

/** Set by the browser build (scripts/bundle-options.mjs); absent when this module runs unbundled. */
declare const VISITNOTES_VERSION: string | undefined;

/** The one config every note gets in the browser until config discovery reads `workspace.fs`. */
const BUILT_IN: ConfigResult = { config: RECOMMENDED, file: undefined, generation: 0 };

/**
 * A short note the worker lints once right after `initialize`, while the client is
 * still registering its features and opening documents: the engine builds its
 * vocabulary and medication lexicon on first use, so the first real note does not
 * wait for that. Nothing is reported from it.
 */
const WARM_UP = `---
patient: A.B.
date: 2026-01-01
---
## Story
She walks to work and likes the quiet.
## Goals
- [G1] Sleep through the night.
## Medication meaning
### Sertraline 50 mg daily
- Change: start
- Rationale: So she can sleep through the night [G1].
- Meaning: Hopes it helps.
## Countertransference
I noticed I wanted to reassure her.
`;

/** Notes by language (the client sends only `visitnote` documents) or, for other clients, by name. */
export function isWebNote(uri: string, languageId: string): boolean {
  return /^visit-?notes?$/i.test(languageId) || /\.visit\.md$/i.test(uri);
}

/**
 * Parse once per version, re-using the previous version's tree for the blocks an
 * edit did not touch (the engine's incremental parser), as the Node server does.
 */
export class WebNoteCache {
  private readonly current = new Map<string, Analysis>();

  constructor(private readonly documents: TextDocuments<TextDocument>) {}

  analyze(uri: string): Analysis | undefined {
    const doc = this.documents.get(uri);
    if (!doc) return undefined;
    const cached = this.current.get(uri);
    if (cached?.version === doc.version) return cached;
    const previous = cached?.isParsed ? cached : undefined;
    const analysis = new Analysis(uri, doc.version, doc.getText(), BUILT_IN, isWebNote(uri, doc.languageId), {
      previous: (a) => (previous && previous.version <= a.version ? previous.note : undefined),
    });
    this.current.set(uri, analysis);
    return analysis;
  }

  delete(uri: string): void {
    this.current.delete(uri);
  }
}

export function startWebServer(connection: Connection): Connection {
  const documents = new TextDocuments(TextDocument);
  const cache = new WebNoteCache(documents);
  let settings: Settings = DEFAULT_SETTINGS;
  let snippets = false;
  let documentChanges = false;

  const noteFor = (uri: string, token: CancellationToken): Analysis | undefined => {
    const a = cache.analyze(uri);
    return a?.isNote && !token.isCancellationRequested ? a : undefined;
  };
  const at = (a: Analysis, p: TextDocumentPositionParams) => a.note.lines.fromLsp(p.position);

  connection.onInitialize((params): InitializeResult => {
    const c = params.capabilities;
    snippets = !!c.textDocument?.completion?.completionItem?.snippetSupport;
    documentChanges = !!c.workspace?.workspaceEdit?.documentChanges;
    settings = readSettings(params.initializationOptions, DEFAULT_SETTINGS);
    return {
      serverInfo: {
        name: 'visitnotes-language-server (web)',
        ...(typeof VISITNOTES_VERSION === 'string' ? { version: VISITNOTES_VERSION } : {}),
      },
      capabilities: {
        ...EDITING_CAPABILITIES,
        // Pull only: every client that runs a web extension (VS Code 1.100+) pulls.
        diagnosticProvider: { identifier: 'visitnotes', interFileDependencies: false, workspaceDiagnostics: false },
      },
    };
  });
  connection.onInitialized(() => {
    setTimeout(() => lintText(WARM_UP, { config: RECOMMENDED }), 0);
  });
  connection.onDidChangeConfiguration((p) => {
    settings = readSettings(p.settings, settings);
  });
  documents.onDidClose((e) => cache.delete(e.document.uri));

  connection.languages.diagnostics.on(async (params, token) => {
    const a = noteFor(params.textDocument.uri, token);
    if (!a) return { kind: 'full', items: [] };
    if (params.previousResultId === a.resultId) return { kind: 'unchanged', resultId: a.resultId };
    // Parse, then let a newer keystroke or a cancellation in before linting.
    a.note;
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (token.isCancellationRequested) return { kind: 'full', items: [] };
    return { kind: 'full', resultId: a.resultId, items: a.diagnostics };
  });

  connection.onCompletion((params, token) => {
    const doc = documents.get(params.textDocument.uri);
    const a = noteFor(params.textDocument.uri, token);
    if (!doc || !a) return null;
    const pos = params.position;
    const linePrefix = doc.getText({ start: { line: pos.line, character: 0 }, end: pos });
    const lineSuffix = doc.getText({ start: pos, end: { line: pos.line + 1, character: 0 } }).replace(/(\r\n|\r|\n)$/, '');
    return provideCompletions(
      { linePrefix, lineSuffix, position: pos, note: a.note, noteOffset: at(a, params), config: a.config, template: a.template, snippets },
      token,
    );
  });
  connection.onHover((p, token) => {
    const a = noteFor(p.textDocument.uri, token);
    return a ? provideHover(a.note, a.template, at(a, p), token) : null;
  });
  connection.onDefinition((p, token) => {
    const a = noteFor(p.textDocument.uri, token);
    return a ? provideDefinition(a.note, a.uri, at(a, p), token) : [];
  });
  connection.onReferences((p, token) => {
    const a = noteFor(p.textDocument.uri, token);
    return a ? provideReferences(a.note, a.uri, at(a, p), p.context.includeDeclaration, token) : [];
  });
  connection.onDocumentHighlight((p, token) => {
    const a = noteFor(p.textDocument.uri, token);
    return a ? provideHighlights(a.note, at(a, p), token) : [];
  });
  connection.onPrepareRename((p, token) => {
    const a = noteFor(p.textDocument.uri, token);
    return a ? prepareRename(a.note, at(a, p), token) : null;
  });
  connection.onRenameRequest((p, token) => {
    const a = noteFor(p.textDocument.uri, token);
    return a ? rename(a.note, a.uri, a.version, at(a, p), p.newName, documentChanges, token) : null;
  });
  connection.onDocumentSymbol((p, token) => {
    const a = noteFor(p.textDocument.uri, token);
    return a ? provideDocumentSymbols(a.note, token) : [];
  });
  connection.onFoldingRanges((p, token) => {
    const a = noteFor(p.textDocument.uri, token);
    return a ? provideFoldingRanges(a.note, token) : [];
  });
  connection.onCodeAction((p, token) => {
    const a = noteFor(p.textDocument.uri, token);
    return a ? provideCodeActions(a, p, { documentChanges }, token) : [];
  });
  connection.languages.inlayHint.on((p, token) => {
    if (!settings.inlayHints.enabled) return [];
    const a = noteFor(p.textDocument.uri, token);
    return a ? provideInlayHints(a.note, p.range, token) : [];
  });
  connection.languages.semanticTokens.on((p, token) => {
    const a = noteFor(p.textDocument.uri, token);
    return a ? provideSemanticTokens(a.note, undefined, token) : { data: [] };
  });
  connection.languages.semanticTokens.onRange((p, token) => {
    const a = noteFor(p.textDocument.uri, token);
    return a ? provideSemanticTokens(a.note, p.range, token) : { data: [] };
  });

  registerWebFeatures(connection, noteFor, (p) => isWebNote(p.uri, p.languageId ?? ''));

  documents.listen(connection);
  connection.listen();
  return connection;
}
