/**
 * What the client told `initialize` it supports, read once: the server core
 * (server-core.ts) decides from these flags whether to pull or push
 * diagnostics, which registrations to ask for and which refreshes to send.
 */
import type { ClientCapabilities } from 'vscode-languageserver';

export interface ClientFlags {
  pull: boolean;
  diagnosticRefresh: boolean;
  snippets: boolean;
  documentChanges: boolean;
  watchRegistration: boolean;
  configurationPull: boolean;
  configurationRegistration: boolean;
  inlayHintRefresh: boolean;
  semanticTokensRefresh: boolean;
  workspaceFolders: boolean;
}

export function readClientFlags(c: ClientCapabilities): ClientFlags {
  return {
    pull: !!c.textDocument?.diagnostic,
    diagnosticRefresh: !!c.workspace?.diagnostics?.refreshSupport,
    snippets: !!c.textDocument?.completion?.completionItem?.snippetSupport,
    documentChanges: !!c.workspace?.workspaceEdit?.documentChanges,
    watchRegistration: !!c.workspace?.didChangeWatchedFiles?.dynamicRegistration,
    configurationPull: !!c.workspace?.configuration,
    configurationRegistration: !!c.workspace?.didChangeConfiguration?.dynamicRegistration,
    inlayHintRefresh: !!c.workspace?.inlayHint?.refreshSupport,
    semanticTokensRefresh: !!c.workspace?.semanticTokens?.refreshSupport,
    workspaceFolders: !!c.workspace?.workspaceFolders,
  };
}
