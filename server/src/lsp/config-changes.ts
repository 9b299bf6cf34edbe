/**
 * Keeping config and the workspace in step with file events: a config file
 * (or a file a config extends) changed on disk or in an open buffer, a
 * `.gitignore` changed, a note appeared, changed or went away. Edits of an open
 * config buffer settle for CONFIG_EDIT_DEBOUNCE_MS before notes re-lint.
 */
import { FileChangeType, type DidChangeWatchedFilesParams } from 'vscode-languageserver';
import { baseName } from '../engine/index.ts';
import { isConfigFile } from './configs.ts';
import type { ServerState } from './server-state.ts';

/** Edits of an open config buffer settle for this long before notes re-lint. */
export const CONFIG_EDIT_DEBOUNCE_MS = 150;

export class ConfigChanges {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly pending = new Set<string>();

  constructor(private readonly state: ServerState) {}

  /** A config file by name, or a file some loaded config extends. */
  affectsConfig(file: string): boolean {
    return isConfigFile(file) || this.state.configs.isSource(file);
  }

  /** Config files changed: after `delay`, forget them, re-validate, re-index and re-lint everything. */
  configChanged(files: string[], delay = 0): void {
    for (const f of files) this.pending.add(f);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const changed = [...this.pending];
      this.pending.clear();
      this.apply(changed);
    }, delay);
  }

  /** `workspace/didChangeWatchedFiles`. */
  watchedFilesChanged(params: DidChangeWatchedFilesParams): void {
    const { state } = this;
    const changedConfigs: string[] = [];
    let gitignoreChanged = false;
    for (const change of params.changes) {
      const file = state.toPath(change.uri);
      if (!file) continue;
      if (this.affectsConfig(file)) changedConfigs.push(file);
      else if (baseName(file) === '.gitignore') gitignoreChanged = true;
      else {
        state.index.fileChanged(file, change.type === FileChangeType.Deleted);
        // An open note's buffer, not the file, is what the visit index holds for it.
        if (!state.openPaths.has(file)) void state.continuity.fileChanged(file, change.type === FileChangeType.Deleted);
      }
    }
    if (changedConfigs.length) this.configChanged(changedConfigs);
    else if (gitignoreChanged) {
      // Which files are notes may have changed: find them again.
      state.index.configChanged();
      void state.continuity.configChanged();
    }
  }

  private apply(changed: string[]): void {
    const { state } = this;
    state.configs.invalidate(changed);
    state.cache.clear();
    for (const file of changed) {
      void state.readFile(file).then((text) => {
        if (text === undefined) state.configs.forget(file);
        else void state.configs.validate(file);
      });
    }
    state.index.configChanged();
    void state.continuity.configChanged();
    state.diagnostics?.relintAll();
    const { connection, flags } = state;
    if (flags?.semanticTokensRefresh) void connection.languages.semanticTokens.refresh();
    if (flags?.inlayHintRefresh) void connection.languages.inlayHint.refresh();
  }
}
