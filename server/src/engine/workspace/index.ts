/**
 * The workspace layer: note discovery and visit history over an injected file
 * system. No Node, LSP or VS Code imports (a test enforces it).
 */
export type { DirectoryEntry, EntryKind, NoteFileSystem, PathKind } from './file-system.ts';
export { baseName, isInsideFolder, joinPath, parentOf, relativeInside } from './paths.ts';
export { isMarkdownFileName, isNoteFileName, noteBaseName } from './note-files.ts';
export { GitIgnore } from './gitignore.ts';
export { discoverNotes, emptyDiscovered, NoteFinder, type Discovered, type NoteFinderOptions, type WalkOptions } from './discover.ts';
export { NoteWorkspace, type NoteWorkspaceDeps, type WorkspaceConfig } from './workspace.ts';
export { cannotWrite, outputFixes, type FixOutcome, type FixToWrite, type FixWriter } from './output-fixes.ts';
export { reconcileHistories, runBatchQueue, type BatchLane, type LintedNote, type Reconciled } from './lint-run.ts';
export { NoteProcessingError } from './note-error.ts';
export {
  lintFiles,
  type CachedLint,
  type LaneProgress,
  type LintCacheStore,
  type LintFilesDeps,
  type LintLanes,
  type LintRunStats,
  type NoteLintOutput,
  type NoteRunResult,
  type NoteSlot,
  type ReadNote,
  type RelintNote,
  type RunMessage,
} from './lint-files.ts';
