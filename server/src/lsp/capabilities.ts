/**
 * What the language server offers while a note is written, the same in the
 * Node server (server.ts) and the web worker (web-server.ts); each adds what
 * only it has (push diagnostics and workspace symbols, or pull diagnostics).
 */
import { CodeActionKind, TextDocumentSyncKind, type ServerCapabilities } from 'vscode-languageserver';
import { FIX_ALL_KIND } from './code-actions.ts';
import { LEGEND } from './semantic-tokens.ts';

export const EDITING_CAPABILITIES = {
  textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
  completionProvider: { triggerCharacters: ['[', '#', ':', ' '], resolveProvider: false },
  hoverProvider: true,
  definitionProvider: true,
  referencesProvider: true,
  documentHighlightProvider: true,
  renameProvider: { prepareProvider: true },
  documentSymbolProvider: { label: 'Visit Notes' },
  foldingRangeProvider: true,
  codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
  inlayHintProvider: { resolveProvider: false },
  semanticTokensProvider: { legend: LEGEND, full: true, range: true },
} satisfies ServerCapabilities;
