/**
 * The notes a `timeline` or `report` run covers, indexed as one workspace:
 * files are collected and configs found exactly as `lint` does (same
 * .gitignore/ignore handling), then every readable note goes into a VisitIndex.
 * Unreadable files are skipped with a one-line note on stderr that never quotes
 * their content.
 */
import path from 'node:path';
import { TOO_DEEP, unparsedReason, VisitIndex, type Note, type ResolvedConfig } from '../../engine/index.ts';
import { isStackOverflow } from '../lint/limits.ts';
import type { Io } from '../io.ts';
import { CliConfigs } from '../lint/config.ts';
import { collectTargets } from '../lint/files.ts';
import { readNote } from '../../node/read-note.ts';

export interface WorkspaceOptions {
  patterns: string[];
  configFile: string | undefined;
  noIgnore: boolean;
}

export interface WorkspaceNote {
  file: string;
  text: string;
  config: ResolvedConfig;
  /** The parse the index made (reuse it for linting). */
  note: Note | undefined;
}

export interface Workspace {
  index: VisitIndex;
  notes: WorkspaceNote[];
}

export async function loadWorkspace(options: WorkspaceOptions, io: Io): Promise<Workspace> {
  const configs = new CliConfigs(io.cwd, options.configFile);
  if (options.configFile) await configs.forFile(io.cwd); // a bad --config fails first
  const targets = await collectTargets(options.patterns, { cwd: io.cwd, configs, noIgnore: options.noIgnore });
  const index = new VisitIndex();
  const notes: WorkspaceNote[] = [];
  for (const file of targets.files) {
    const decoded = await readNote(file);
    if (!decoded.ok) {
      io.stderr.write(`visitnotes: skipped ${path.relative(io.cwd, file) || file}: ${decoded.reason}\n`);
      continue;
    }
    const { config } = await configs.forFile(file);
    // A note over the size or nesting limits (or one the engine fails on) is
    // skipped with its reason: one bad note never costs the whole run.
    let problem: string | undefined;
    let note: Note | undefined;
    try {
      note = index.update(file, decoded.text, { config }).note;
      problem = note && unparsedReason(note);
    } catch (err) {
      problem = isStackOverflow(err) ? TOO_DEEP : `the engine failed on it (${(err as Error)?.name ?? 'Error'}); please report this`;
    }
    if (problem) {
      index.remove(file);
      io.stderr.write(`visitnotes: skipped ${path.relative(io.cwd, file) || file}: ${problem}\n`);
      continue;
    }
    notes.push({ file, text: decoded.text, config, note });
  }
  return { index, notes };
}
