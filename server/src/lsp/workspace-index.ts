/**
 * Workspace symbols: goals and medication entries across every note in the
 * workspace folders, found as `visitnotes lint` finds them (the engine's
 * NoteWorkspace: `*.visit.md`, `include`, `ignore`, `.gitignore`). The folders are scanned lazily, on the first
 * `workspace/symbol` request, then kept current by watched-file events and
 * open-document edits, which only mark a note dirty; dirty notes are re-read
 * and re-parsed on the next request. Work is time-sliced so other requests
 * keep flowing, and a cancelled request keeps the progress made.
 *
 * Only symbol names and ranges are kept, never whole notes.
 */
import path from 'node:path';
import { SymbolKind, type CancellationToken, type Range as LspRange, type SymbolInformation } from 'vscode-languageserver';
import { isMarkdownFileName, parseWithConfig, type Note, type NoteWorkspace } from '../engine/index.ts';
import type { ConfigResult } from './configs.ts';
import { pathToUri } from './documents.ts';
import { shortText, toLspRange } from './ranges.ts';
import { yieldToEventLoop } from './diagnostics.ts';

interface IndexedSymbol {
  name: string;
  kind: SymbolKind;
  range: LspRange;
}

export interface WorkspaceIndexDeps {
  /** Text of a note: the open buffer when there is one, else the file (undefined: gone). */
  readFile(file: string): Promise<string | undefined>;
  configFor(file: string): Promise<ConfigResult>;
  /** Which files are notes (the server's one workspace: the same discovery as the CLI). */
  workspace: Pick<NoteWorkspace, 'findNotes' | 'isNote'>;
  /** URI to report for a path (an open document's own URI when there is one). */
  uriFor?(file: string): string;
}

const SLICE_MS = 12;
const MAX_RESULTS = 2000;

export class WorkspaceIndex {
  private folders: string[] = [];
  private readonly entries = new Map<string, IndexedSymbol[]>();
  private readonly dirty = new Set<string>();
  private scan: Promise<void> | undefined;
  private scannedOnce = false;

  constructor(private readonly deps: WorkspaceIndexDeps) {}

  setFolders(folders: string[]): void {
    this.folders = [...new Set(folders.map((f) => path.resolve(f)))];
    this.scan = undefined;
    this.scannedOnce = false;
    this.entries.clear();
    this.dirty.clear();
  }

  /** Number of indexed notes (for logs and tests). */
  get size(): number {
    return this.entries.size;
  }

  /** A note was created, changed (on disk or in an open buffer) or deleted. */
  fileChanged(file: string, deleted = false): void {
    if (!isMarkdownFileName(file) || !this.inFolders(file)) return;
    if (deleted) {
      this.entries.delete(file);
      this.dirty.delete(file);
    } else if (this.scannedOnce) this.dirty.add(file);
  }

  /** Config (or a `.gitignore`) changed: notes may resolve sections differently, and other files may be notes now. */
  configChanged(): void {
    for (const file of this.entries.keys()) this.dirty.add(file);
    this.scan = undefined;
  }

  async symbols(query: string, token: CancellationToken): Promise<SymbolInformation[]> {
    await this.ensureScanned();
    if (!(await this.refresh(token))) return [];
    const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
    const out: SymbolInformation[] = [];
    for (const file of [...this.entries.keys()].sort()) {
      const container = this.relative(file);
      const uri = this.deps.uriFor?.(file) ?? pathToUri(file);
      for (const s of this.entries.get(file)!) {
        if (terms.length && !matches(s.name.toLowerCase(), terms)) continue;
        out.push({ name: s.name, kind: s.kind, location: { uri, range: s.range }, containerName: container });
        if (out.length >= MAX_RESULTS) return out;
      }
    }
    return out;
  }

  private ensureScanned(): Promise<void> {
    this.scan ??= (async () => {
      const { notes } = await this.deps.workspace.findNotes();
      for (const file of notes) this.dirty.add(file);
      this.scannedOnce = true;
    })();
    return this.scan;
  }

  /** Re-indexes dirty notes in time slices. False when cancelled midway. */
  private async refresh(token: CancellationToken): Promise<boolean> {
    let sliceStart = performance.now();
    for (const file of [...this.dirty]) {
      if (token.isCancellationRequested) return false;
      this.dirty.delete(file);
      const [text, cfg] = await Promise.all([this.deps.readFile(file), this.deps.configFor(file)]);
      // Gone, not a note (any more), or excluded by `ignore` or `.gitignore`.
      if (text === undefined || !(await this.deps.workspace.isNote(file))) {
        this.entries.delete(file);
        continue;
      }
      this.entries.set(file, symbolsOf(parseWithConfig(text, cfg.config)));
      if (performance.now() - sliceStart > SLICE_MS) {
        await yieldToEventLoop();
        sliceStart = performance.now();
      }
    }
    return !token.isCancellationRequested;
  }

  private inFolders(file: string): boolean {
    return this.folders.some((f) => file === f || file.startsWith(f.endsWith(path.sep) ? f : f + path.sep));
  }

  private relative(file: string): string {
    const folder = this.folders.find((f) => file.startsWith(f + path.sep));
    return folder ? path.relative(folder, file).split(path.sep).join('/') : file;
  }
}

function symbolsOf(note: Note): IndexedSymbol[] {
  const out: IndexedSymbol[] = [];
  for (const g of note.goals) {
    out.push({ name: `${g.id} ${shortText(g.text, 60)}`.trim(), kind: SymbolKind.Event, range: toLspRange(note.lines, g.idRange) });
  }
  for (const m of note.medications) {
    out.push({ name: m.title || '(medication)', kind: SymbolKind.Object, range: toLspRange(note.lines, m.titleRange) });
  }
  return out;
}

/**
 * Every query word occurs in the name (case-insensitive). Editors filter the
 * answer again with their own fuzzy matching; this keeps the answer small.
 */
function matches(name: string, terms: string[]): boolean {
  return terms.every((t) => name.includes(t));
}
