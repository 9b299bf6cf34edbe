/**
 * The preview's renderer, on the desktop and in the browser: the language
 * server renders the open note under its config with the findings Problems
 * shows (one renderer, one CSP; the webview gets the page, never the engine).
 */
import type * as vscode from 'vscode';
import { PREVIEW_HTML, type PreviewHtmlParams, type PreviewHtmlResult } from '../../../server/src/lsp/web-protocol.ts';
import type { ClientSource } from '../client-source.ts';
import type { PreviewPage, PreviewRenderer } from './preview-panel.ts';

export class ServerPreviewRenderer implements PreviewRenderer {
  constructor(private readonly server: ClientSource) {}

  async render(document: vscode.TextDocument, includePrivate: boolean, page?: PreviewPage): Promise<{ body: string; html?: string } | undefined> {
    const client = await this.server.ready();
    if (!client) return undefined;
    const uri = client.code2ProtocolConverter.asUri(document.uri);
    const params: PreviewHtmlParams = page ? { uri, includePrivate, page } : { uri, includePrivate };
    return (await client.sendRequest<PreviewHtmlResult>(PREVIEW_HTML, params)) ?? undefined;
  }
}
