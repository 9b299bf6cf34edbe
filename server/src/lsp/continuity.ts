/**
 * Across visits in the editor: the language server's visit index, the history
 * hook the cross-visit rules lint with, completion of the previous visit's
 * goals after `[G`, and a goal's history in its hover.
 *
 * The index is the engine's VisitIndex (summaries only, never whole notes). The
 * workspace folders are scanned once for `*.visit.md` in time slices; open
 * buffers replace their files' text as the user types (the history hook indexes
 * the version being linted), and watched-file events refresh the rest. Every
 * change reports the notes whose history it changed, so exactly those re-lint.
 */
import path from 'node:path';
import { glob } from 'tinyglobby';
import {
  CompletionItemKind,
  MarkupKind,
  type CompletionItem,
  type Hover,
  type Position,
  type Range as LspRange,
} from 'vscode-languageserver';
import {
  displayPatient,
  goalHistory,
  goalHistoryMarkdown,
  historyFor,
  courseFor,
  frontMatterString,
  groupKey,
  groupingOf,
  patientKeysFor,
  pendingGoals,
  VisitIndex,
  type Note,
  type ResolvedConfig,
  type VisitHistory,
  sectionRole,
} from '../engine/index.ts';
import { renderTimeline } from '../timeline/render.ts';
import type { PatientKeysResult, TimelineParams, TimelineResult } from './continuity-protocol.ts';
import { uriToPath } from './documents.ts';
import { goalTokenAt } from './ranges.ts';

const SLICE_MS = 12;

export interface ContinuityDeps {
  /** A note's text: the open buffer when there is one, else the file (undefined: gone). */
  readFile(file: string): Promise<string | undefined>;
  configFor(file: string): Promise<{ config: ResolvedConfig }>;
  /** Notes (paths) whose history changed: the server drops their cached analyses and re-lints them. */
  onAffected(files: string[]): void;
}

/** What the history hook needs from an analysis (documents.ts `Analysis` fits). */
export interface AnalysedNote {
  uri: string;
  text: string;
  note: Note;
  config: ResolvedConfig;
  isNote: boolean;
}

export class Continuity {
  readonly visits = new VisitIndex();
  private folders: string[] = [];
  private scanning: Promise<void> | undefined;
  private generation = 0;

  constructor(private readonly deps: ContinuityDeps) {}

  /** (Re)starts the scan of the workspace folders; resolves when it is done. */
  setFolders(folders: string[]): Promise<void> {
    this.folders = [...new Set(folders.map((f) => path.resolve(f)))];
    const generation = ++this.generation;
    this.scanning = this.scan(generation);
    return this.scanning;
  }

  /** Resolves once the current scan has finished (tests, and the first lint after start). */
  ready(): Promise<void> {
    return this.scanning ?? Promise.resolve();
  }

  /**
   * The history hook for the rule host: indexes the version being linted (cheap
   * when unchanged) and returns its earlier visits. Synchronous, as linting is.
   */
  history(a: AnalysedNote): VisitHistory | undefined {
    const file = uriToPath(a.uri);
    if (!file || !a.isNote) return undefined;
    const update = this.visits.update(file, a.text, { config: a.config, note: a.note });
    if (update.affected.length) {
      // Later visits of this patient now lint differently; tell the server after this lint.
      setImmediate(() => this.deps.onAffected(update.affected));
    }
    return historyFor(this.visits, file, a.note, a.config);
  }

  /** The `visitNotes/timeline` answer for an analysed open note. */
  timeline(a: AnalysedNote, params: Pick<TimelineParams, 'cspSource' | 'nonce'>): TimelineResult {
    const file = uriToPath(a.uri);
    if (!file || !a.isNote) return null;
    this.visits.update(file, a.text, { config: a.config, note: a.note });
    const key = this.visits.keyOf(file);
    if (!key) return null;
    // This person's course only: same initials or a flat folder may hold several people (persons.ts).
    const visits = courseFor(this.visits, file);
    const patient = displayPatient(this.visits.get(file)?.patient ?? visits.find((v) => v.patient)?.patient ?? '');
    const html = renderTimeline(visits, { patient, webview: { cspSource: params.cspSource, nonce: params.nonce } });
    return { patient, html, visits: visits.filter((v) => v.date).length };
  }

  /** The `visitNotes/patientKeys` answer: keys earlier notes with this pseudonym carry (for New Note). */
  async patientKeys(file: string, patient: string): Promise<PatientKeysResult> {
    const { config } = await this.deps.configFor(file);
    return { keys: patientKeysFor(this.visits, groupKey(file, patient, groupingOf(config)), patient) };
  }

  /** Keys other notes with this note's `patient` value carry (front-matter completion). */
  keysForNote(a: AnalysedNote): { key: string; notes: number }[] {
    const file = uriToPath(a.uri);
    const patient = frontMatterString(a.note, 'patient');
    if (!file || !patient) return [];
    return patientKeysFor(this.visits, groupKey(file, patient, groupingOf(a.config)), patient);
  }

  /** A note changed on disk or in a buffer, or was deleted: re-index it. */
  async fileChanged(file: string, deleted = false): Promise<void> {
    if (!isVisitFile(file)) return;
    let affected: string[];
    if (deleted) affected = this.visits.remove(file).affected;
    else {
      const text = await this.deps.readFile(file);
      if (text === undefined) affected = this.visits.remove(file).affected;
      else affected = this.visits.update(file, text, { config: (await this.deps.configFor(file)).config }).affected;
    }
    if (affected.length) this.deps.onAffected(affected);
  }

  /** Config changed: grouping and section names may differ; re-index everything. */
  configChanged(): Promise<void> {
    return this.setFolders(this.folders);
  }

  private async scan(generation: number): Promise<void> {
    const found = await Promise.all(
      this.folders.map((cwd) =>
        glob('**/*.visit.md', { cwd, absolute: true, ignore: ['**/node_modules/**', '**/.git/**'] }).catch(() => [] as string[]),
      ),
    );
    const files = [...new Set(found.flat().map((f) => path.resolve(f)))].sort();
    const affected = new Set<string>();
    let sliceStart = performance.now();
    for (const file of files) {
      if (generation !== this.generation) return;
      const [text, cfg] = await Promise.all([this.deps.readFile(file), this.deps.configFor(file)]);
      const update = text === undefined ? this.visits.remove(file) : this.visits.update(file, text, { config: cfg.config });
      for (const a of update.affected) affected.add(a);
      if (update.changed) affected.add(file);
      if (performance.now() - sliceStart > SLICE_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        sliceStart = performance.now();
      }
    }
    // Notes outside the folders now (a folder was removed) leave the index.
    for (const v of this.visits.all()) {
      if (!this.inFolders(v.path) && !files.includes(v.path)) for (const a of this.visits.remove(v.path).affected) affected.add(a);
    }
    if (generation === this.generation && affected.size) this.deps.onAffected([...affected].sort());
  }

  private inFolders(file: string): boolean {
    return this.folders.some((f) => file === f || file.startsWith(f.endsWith(path.sep) ? f : f + path.sep));
  }
}

function isVisitFile(file: string): boolean {
  return /\.visit\.md$/i.test(file);
}

export interface ContinuityCompletionInput {
  linePrefix: string;
  lineSuffix: string;
  position: Position;
  note: Note;
}

/**
 * After `[` or `[G`: the previous visit's goals this note has not carried
 * forward yet. In a Goals list item they carry the goal forward (ID and text);
 * elsewhere they insert the reference.
 */
export function continuityCompletions(input: ContinuityCompletionInput, history: VisitHistory | undefined): CompletionItem[] {
  const m = /(?<!\\)\[([Gg]\d{0,3})?$/.exec(input.linePrefix);
  if (!m) return [];
  const pending = pendingGoals(history, input.note);
  if (pending.length === 0) return [];
  const ahead = /^\d*\]?/.exec(input.lineSuffix)![0].length;
  const range: LspRange = {
    start: { line: input.position.line, character: input.position.character - m[0].length },
    end: { line: input.position.line, character: input.position.character + ahead },
  };
  const definingGoal = /^\s*(?:[-*+]|\d+[.)])\s+(?:\*\*|__)?\[([Gg]\d{0,3})?$/.test(input.linePrefix) && inGoalsSection(input.note, input.position.line);
  return pending.map((g, i) => ({
    label: `[${g.id}]`,
    kind: CompletionItemKind.Reference,
    detail: `${definingGoal ? 'carry forward' : 'previous visit'}${g.date ? ` (${g.date})` : ''}: ${short(g.text, 50)}`,
    documentation: {
      kind: MarkupKind.Markdown,
      value: `**${g.id}** — ${escapeMd(g.text)}\n\nFrom the previous visit${g.date ? ` (${g.date})` : ''}; not carried forward in this note yet.`,
    },
    // After this note's own goals (which sort by number), before nothing else.
    sortText: `~${String(i).padStart(3, '0')}`,
    filterText: `[${g.id}]`,
    textEdit: { range, newText: definingGoal ? `[${g.id}] ${g.text}` : `[${g.id}]` },
  }));
}

/** The goal's wording, status and medications at every earlier visit, for the hover on `[Gn]`. */
export function continuityHover(note: Note, offset: number, history: VisitHistory | undefined): string | undefined {
  if (!history || history.previous.length === 0) return undefined;
  const t = goalTokenAt(note, offset);
  if (!t) return undefined;
  const entries = goalHistory(history, t.id, note);
  if (!entries.some((e) => !e.current)) return undefined;
  return goalHistoryMarkdown(t.id, entries);
}

/** Appends the continuity section to a hover (or makes one). */
export function mergeHover(hover: Hover | null, extra: string | undefined): Hover | null {
  if (!extra) return hover;
  if (!hover) return { contents: { kind: MarkupKind.Markdown, value: extra } };
  const c = hover.contents;
  const value = typeof c === 'string' ? c : 'value' in c && !Array.isArray(c) ? c.value : '';
  return { ...hover, contents: { kind: MarkupKind.Markdown, value: `${value}\n\n---\n\n${extra}` } };
}

function inGoalsSection(note: Note, line: number): boolean {
  const offset = note.lines.lineStart(Math.min(line, note.lines.lineCount - 1));
  const s = note.sections.find((x) => offset >= x.headingRange.start && offset <= x.bodyRange.end);
  return (s ? sectionRole(s) : undefined) === 'Goals';
}

function short(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

function escapeMd(text: string): string {
  return text.replace(/([\\`*_{}[\]<>#|])/g, '\\$1');
}
