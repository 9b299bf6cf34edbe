/**
 * Document URIs as file paths and back, and which open documents are notes.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isNoteFileName } from '../engine/index.ts';
import { matcherFor, type ConfigResult } from './configs.ts';

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function pathToUri(file: string): string {
  return pathToFileURL(file).href;
}

/**
 * Which documents are notes: what the engine's note matcher says for files
 * (`*.visit.md`, plus Markdown matched by the config's `include`, minus
 * `ignore`), and any buffer whose language is Visit Notes.
 */
export function isNoteDocument(
  uri: string,
  languageId: string | undefined,
  configResult: Pick<ConfigResult, 'config' | 'file'>,
  file: string | undefined = uriToPath(uri),
): boolean {
  if (languageId && /^visit-?notes?$/i.test(languageId)) return true;
  if (!file) return isNoteFileName(uri);
  return matcherFor(configResult).isNote(file);
}
