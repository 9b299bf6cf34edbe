/**
 * The notes a `timeline` or `report` run covers, indexed as one workspace:
 * files are collected and configs found exactly as `lint` does (same
 * .gitignore/ignore handling), then every readable note goes into a VisitIndex.
 * Unreadable files are skipped with a one-line note on stderr that never quotes
 * their content.
 */
import path from 'node:path';
import { VisitIndex, type Note, type ResolvedConfig } from '../../engine/index.ts';
import type { Io } from '../io.ts';
import { CliConfigs } from '../lint/config.ts';
import { collectTargets } from '../lint/files.ts';
import { readNote } from '../lint/read.ts';

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
    const update = index.update(file, decoded.text, { config });
    notes.push({ file, text: decoded.text, config, note: update.note });
  }
  return { index, notes };
}
